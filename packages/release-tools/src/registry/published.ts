import type { LocalRegistry } from './local-registry.js';

export interface PublishedVersion {
  readonly name: string;
  readonly version: string;
  readonly dependencies: Record<string, string>;
  readonly peerDependencies: Record<string, string>;
  readonly tarballUrl: string;
}

/** One version's manifest as the registry serves it to installers. */
export async function publishedVersion(
  registry: LocalRegistry,
  name: string,
  version: string,
): Promise<PublishedVersion> {
  const response = await fetch(`${registry.url}${name.replace('/', '%2f')}`);
  if (!response.ok) throw new Error(`${name} is not on ${registry.url} (HTTP ${response.status})`);
  const packument = (await response.json()) as { versions?: Record<string, Record<string, unknown>> };
  const manifest = packument.versions?.[version];
  if (!manifest) {
    throw new Error(
      `${name}@${version} is not on ${registry.url} (it has ${Object.keys(packument.versions ?? {}).join(', ')})`,
    );
  }
  return {
    name,
    version,
    dependencies: (manifest.dependencies as Record<string, string>) ?? {},
    peerDependencies: (manifest.peerDependencies as Record<string, string>) ?? {},
    tarballUrl: (manifest.dist as { tarball: string }).tarball,
  };
}

/** Ranges a user's installer cannot resolve: `workspace:`, `link:`, `file:` left in a published manifest. */
export function unpublishableRanges(version: PublishedVersion): string[] {
  return Object.entries({ ...version.dependencies, ...version.peerDependencies })
    .filter(([, range]) => /^(workspace|link|file):/.test(range))
    .map(([dep, range]) => `${version.name}@${version.version} depends on ${dep}@${range}`);
}

export async function downloadTarball(version: PublishedVersion): Promise<Uint8Array> {
  const response = await fetch(version.tarballUrl);
  if (!response.ok) throw new Error(`${version.tarballUrl}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}
