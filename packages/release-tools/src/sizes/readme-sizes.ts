import { readFileSync, writeFileSync } from 'node:fs';

/** A package's measured size: its tarball, and its node_modules after `npm install <it>` alone. */
export interface PackageSize {
  readonly tarballBytes: number;
  readonly installedBytes: number;
  /** Packages in that node_modules, itself included. */
  readonly installedPackages: number;
}

const START = '<!-- package-size:start';
const END = '<!-- package-size:end -->';

/** README figures may drift this far from the measured ones before the check asks for an update. */
export const SIZE_TOLERANCE = 0.25;

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** The README section: the figures as JSON in the opening marker (read back by the check), then prose. */
export function sizeSection(name: string, size: PackageSize): string {
  const json = JSON.stringify(size);
  return [
    `${START} ${json} -->`,
    `Tarball ${formatBytes(size.tarballBytes)}; \`npm install ${name}\` into an empty project adds`,
    `${formatBytes(size.installedBytes)} to \`node_modules\` (${size.installedPackages} package${size.installedPackages === 1 ? '' : 's'}, this one included).`,
    'Measured by the release check (`npm run release-check -- --update-sizes` rewrites this paragraph).',
    END,
  ].join('\n');
}

/** The figures the README states, or undefined when it has no size section. */
export function readmeSize(readme: string): PackageSize | undefined {
  const start = readme.indexOf(START);
  if (start < 0) return undefined;
  const line = readme.slice(start + START.length, readme.indexOf('\n', start));
  return JSON.parse(line.replace(/-->\s*$/, '').trim()) as PackageSize;
}

/** Why the README's figures no longer describe the package ([] when they do, within the tolerance). */
export function sizeProblems(readme: string, measured: PackageSize): string[] {
  const stated = readmeSize(readme);
  if (!stated) return ['the README has no package-size section'];
  const off = (a: number, b: number) => Math.abs(a - b) / Math.max(b, 1) > SIZE_TOLERANCE;
  const problems: string[] = [];
  if (off(stated.tarballBytes, measured.tarballBytes)) {
    problems.push(
      `README says tarball ${formatBytes(stated.tarballBytes)}, it is ${formatBytes(measured.tarballBytes)}`,
    );
  }
  if (off(stated.installedBytes, measured.installedBytes)) {
    problems.push(
      `README says installed ${formatBytes(stated.installedBytes)}, it is ${formatBytes(measured.installedBytes)}`,
    );
  }
  return problems;
}

/**
 * Writes the size section into a README: replaces the existing one, or adds a `## Package size`
 * section before `## License` (or at the end).
 */
export function writeReadmeSize(file: string, name: string, size: PackageSize): void {
  const readme = readFileSync(file, 'utf8');
  const section = sizeSection(name, size);
  const start = readme.indexOf(START);
  let next: string;
  if (start >= 0) {
    const end = readme.indexOf(END, start) + END.length;
    next = readme.slice(0, start) + section + readme.slice(end);
  } else {
    const license = readme.search(/^## License/m);
    const block = `## Package size\n\n${section}\n`;
    next =
      license >= 0
        ? `${readme.slice(0, license)}${block}\n${readme.slice(license)}`
        : `${readme.trimEnd()}\n\n${block}`;
  }
  writeFileSync(file, next);
}
