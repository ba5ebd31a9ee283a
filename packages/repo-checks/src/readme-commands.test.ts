import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { importScript, ROOT } from './test-utils/repo.js';

/*
 * Every command a README shows works in a fresh clone on a machine with Node and npm only: `npm run X`
 * names a script that exists, `npx` runs the pinned pnpm or a tool the package already depends on (no
 * download of anything else), and a bare `pnpm ...` appears only in a README that says how to get
 * pnpm first.
 */

interface Readme {
  readonly path: string;
  readonly text: string;
}

function readmes(): Readme[] {
  const paths = [join(ROOT, 'README.md'), join(ROOT, '.changeset', 'README.md')];
  // The guides (docs/*.md): their commands run at the root, as the READMEs'.
  for (const name of readdirSync(join(ROOT, 'docs'))) {
    if (name.endsWith('.md')) paths.push(join(ROOT, 'docs', name));
  }
  for (const group of ['packages', 'apps']) {
    for (const name of readdirSync(join(ROOT, group))) {
      const path = join(ROOT, group, name, 'README.md');
      if (existsSync(path)) paths.push(path);
    }
  }
  return paths.map((path) => ({ path, text: readFileSync(path, 'utf8') }));
}

const SHELL_BLOCK = /```(?:sh|bash|shell|console)\n([\s\S]*?)```/g;
const INLINE = /`([^`\n]+)`/g;
const COMMAND = /^(?:[A-Z_]+=\S+\s+)*((?:npm|pnpm|npx|node)\s.*)$/;

/**
 * The commands a README shows, each with the folders it may run in: a shell block runs from the
 * repository root (READMEs say so) and a `cd` in it moves on from there; a command in the prose runs
 * in the README's own package folder or at the root (`npm test` beside a package's README, `npm run
 * demo` of the root scripts).
 */
function commandsOf({ path, text }: Readme): { command: string; cwds: string[] }[] {
  const found: { command: string; cwds: string[] }[] = [];
  for (const [, block] of text.matchAll(SHELL_BLOCK)) {
    let cwd = ROOT;
    for (const raw of block.split('\n')) {
      const line = raw.replace(/\s+#.*$/, '').trim();
      if (line.startsWith('cd ')) cwd = join(cwd, line.slice(3).trim());
      for (const step of line.split('&&')) {
        const m = COMMAND.exec(step.trim());
        if (m) found.push({ command: m[1], cwds: [cwd] });
      }
    }
  }
  const prose = text.replace(SHELL_BLOCK, '');
  for (const [, span] of prose.matchAll(INLINE)) {
    for (const step of span.split('&&')) {
      const m = COMMAND.exec(step.trim());
      if (m) found.push({ command: m[1], cwds: [...new Set([dirname(path), ROOT])] });
    }
  }
  return found;
}

const packageJson = (dir: string) =>
  existsSync(join(dir, 'package.json'))
    ? (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        scripts?: Record<string, string>;
        dependencies?: Record<string, string>;
        devDependencies?: Record<string, string>;
      })
    : undefined;

/** Why `command` would not work in folder `cwd` on a machine with Node and npm only, if it would not. */
function problemOf(command: string, cwd: string, pnpmPin: string, saysHowToGetPnpm: boolean) {
  const words = command.split(/\s+/);
  const pkg = packageJson(cwd);
  if (pkg === undefined) return `${relative(ROOT, cwd) || '.'} is not a package`;
  if (words[0] === 'pnpm' && !saysHowToGetPnpm)
    return 'needs pnpm, and the README does not say how to get it';
  if (words[0] === 'npm' && (words[1] === 'run' || words[1] === 'test')) {
    const script = words[1] === 'test' ? 'test' : words[2];
    if (script === undefined) return 'names no script';
    if (!pkg.scripts?.[script])
      return `no script '${script}' in ${relative(ROOT, join(cwd, 'package.json'))}`;
  }
  if (words[0] === 'npx') {
    const tool = words[1] === '-y' ? words[2] : words[1];
    if (tool.startsWith('pnpm@')) {
      if (tool !== pnpmPin) return `pins ${tool}, the repository's scripts use ${pnpmPin}`;
    } else {
      const deps = { ...pkg.dependencies, ...pkg.devDependencies, ...packageJson(ROOT)?.devDependencies };
      if (!(tool in deps)) return `npx would download ${tool}: it is not a dependency there`;
    }
  }
  if (words[0] === 'node' && !words[1].startsWith('-')) {
    const file = join(cwd, words[1]);
    // A built file exists after `npm run build`; its package must exist.
    const mustExist = file.includes('/dist/') ? file.slice(0, file.indexOf('/dist/')) : file;
    if (!existsSync(mustExist)) return `${relative(ROOT, mustExist)} does not exist`;
  }
  return undefined;
}

async function problemsOf(readme: Readme): Promise<string[]> {
  const { PNPM } = await importScript<{ PNPM: string }>('pnpm.mjs');
  const saysHowToGetPnpm = /npm i(nstall)? -g pnpm/.test(readme.text);
  const problems: string[] = [];
  for (const { command, cwds } of commandsOf(readme)) {
    const why = cwds.map((cwd) => problemOf(command, cwd, PNPM, saysHowToGetPnpm));
    if (why.every((w) => w !== undefined)) {
      problems.push(`${relative(ROOT, readme.path)}: \`${command}\`: ${[...new Set(why)].join('; ')}`);
    }
  }
  return problems;
}

test('every command in every README runs with npm alone (or the README says how to get pnpm)', async () => {
  const all = readmes();
  expect(all.length).toBeGreaterThanOrEqual(10);
  const commands = all.flatMap(commandsOf);
  expect(commands.length).toBeGreaterThan(30);
  const problems = (await Promise.all(all.map(problemsOf))).flat();
  expect(problems).toEqual([]);
});

test('the two commands of the root README are npm scripts that bootstrap the pinned pnpm', () => {
  const { scripts } = packageJson(ROOT)!;
  const root = readFileSync(join(ROOT, 'README.md'), 'utf8');
  expect(root).toMatch(/^npm run demo\s+#/m);
  expect(root).toMatch(/^npm test\s+#/m);
  expect(scripts?.demo).toMatch(/^npm run setup && /);
  expect(scripts?.test).toMatch(/^npm run setup && /);
  expect(scripts?.setup).toBe('node scripts/pnpm.mjs install --frozen-lockfile');
});

test('`npm run demo` and `npm run mnist-demo` run the same CLI in the same folder: one runs/ folder', () => {
  const { scripts } = packageJson(ROOT)!;
  // npm runs root scripts at the root; neither moves into the app's folder (no --filter, no cd).
  const cli = 'node apps/mnist-demo/dist/cli.js';
  expect(scripts?.['mnist-demo']).toBe(cli);
  expect(scripts?.demo?.split('&&').pop()?.trim()).toBe(`${cli} train --epochs 1`);
  expect(scripts?.demo).not.toMatch(/--filter mnist-demo run|\bcd\b/);
});
