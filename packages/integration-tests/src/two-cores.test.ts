import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/*
 * Two copies of @snn/core in one program, as a user's install can hold them: the app's copy in
 * node_modules/@snn/core and a second one nested under a package that pinned it
 * (node_modules/<pkg>/node_modules/@snn/core). The copies are core's build (dist + package.json),
 * placed where npm places them; plain Node resolves each package's `@snn/core` import to its own copy.
 * Same version: one engine, one backend registry, one surrogate set, and `instanceof Tensor` holds
 * across them. Different versions: the second copy refuses to load, naming both.
 */

const coreDir = dirname(createRequire(import.meta.url).resolve('@snn/core/package.json'));
const OTHER_VERSION = '0.0.0-other';

let project: string;

/** Copies core's package.json and dist to `dest` (optionally claiming another version). */
function installCore(dest: string, version?: string): void {
  mkdirSync(dest, { recursive: true });
  cpSync(join(coreDir, 'dist'), join(dest, 'dist'), { recursive: true });
  const pkg = JSON.parse(readFileSync(join(coreDir, 'package.json'), 'utf8')) as { version: string };
  if (version !== undefined) {
    const versionFile = join(dest, 'dist', 'global', 'version.js');
    const source = readFileSync(versionFile, 'utf8');
    writeFileSync(versionFile, source.replace(`'${pkg.version}'`, `'${version}'`));
    pkg.version = version;
  }
  writeFileSync(join(dest, 'package.json'), JSON.stringify(pkg));
}

/** A package `name` whose index re-exports the @snn/core it resolves (its own nested copy). */
function installPlugin(name: string, coreVersion?: string): void {
  const dir = join(project, 'node_modules', name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, type: 'module', main: 'index.js' }));
  writeFileSync(join(dir, 'index.js'), "export * as core from '@snn/core';\n");
  installCore(join(dir, 'node_modules', '@snn', 'core'), coreVersion);
}

/** Runs an ES module in the scratch project with plain Node; returns its JSON output. */
function runScript(source: string): Record<string, unknown> {
  const file = join(project, `script-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(file, source);
  return JSON.parse(execFileSync(process.execPath, [file], { cwd: project, encoding: 'utf8' })) as Record<
    string,
    unknown
  >;
}

beforeAll(() => {
  if (!existsSync(join(coreDir, 'dist', 'index.js'))) {
    throw new Error(
      `@snn/core is not built (${join(coreDir, 'dist')} missing): run \`turbo run build\` first`,
    );
  }
  // Real path: Node names modules by their real path, and the error message is checked against it.
  project = realpathSync(mkdtempSync(join(tmpdir(), 'snn-two-cores-')));
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'app', private: true, type: 'module' }),
  );
  installCore(join(project, 'node_modules', '@snn', 'core'));
  installPlugin('same-version-plugin');
  installPlugin('other-version-plugin', OTHER_VERSION);
});

afterAll(() => {
  if (project !== undefined) rmSync(project, { recursive: true, force: true });
});

describe('two copies of @snn/core in one program', () => {
  it('are really two module instances on disk (the setup this test relies on)', () => {
    const out = runScript(`
      import * as app from '@snn/core';
      import { core as plugin } from 'same-version-plugin';
      console.log(JSON.stringify({ sameModule: app === plugin, sameClass: app.Tensor === plugin.Tensor }));
    `);
    expect(out).toEqual({ sameModule: false, sameClass: false });
  });

  it('of the same version share one engine, backend registry, surrogate set and Tensor brand', () => {
    const out = runScript(`
      import * as app from '@snn/core';
      import { core as plugin } from 'same-version-plugin';

      // A backend registered through the plugin's copy (as a backend package would) runs the app's ops.
      let calls = 0;
      plugin.registerBackend('counting', () => {
        const ref = plugin.createReferenceBackend();
        const add = ref.kernels.Add;
        return Object.assign(Object.create(ref), {
          name: 'counting',
          kernels: { ...ref.kernels, Add: (i, a) => { calls++; return add(i, a); } },
        });
      }, 100);
      await app.ready();
      const a = app.tensor([1, 2, 3]);
      const b = plugin.tensor([10, 20, 30]);
      const sum = app.add(a, b);
      const addCalls = calls;

      // A surrogate defined through one copy is known to the other.
      const e = plugin.surrogate.expr;
      plugin.surrogate.define({ name: 'twoCoresProbe', alpha: 1, derivative: e.mul(e.alpha, e.x) });

      // Gradients taken by one copy through ops of the other.
      const w = plugin.variable(app.tensor([2, -1]));
      const { grads } = app.valueAndGrads(() => plugin.sum(app.mul(w, w)), [w]);

      console.log(JSON.stringify({
        appTensorIsPluginTensor: a instanceof plugin.Tensor,
        pluginTensorIsAppTensor: b instanceof app.Tensor,
        notATensor: ({ shape: [1] }) instanceof app.Tensor,
        backendSeenByApp: app.backendName(),
        backendSeenByPlugin: plugin.backendName(),
        kernelCalls: addCalls,
        sum: Array.from(sum.dataSync()),
        surrogateSeenByApp: app.surrogate.surrogateNames().includes('twoCoresProbe'),
        grad: Array.from(grads[0].dataSync()),
        memorySame: app.memory().numTensors === plugin.memory().numTensors,
        instanceUrl: app.coreInstance().url === plugin.coreInstance().url,
      }));
    `);
    expect(out).toEqual({
      appTensorIsPluginTensor: true,
      pluginTensorIsAppTensor: true,
      notATensor: false,
      backendSeenByApp: 'counting',
      backendSeenByPlugin: 'counting',
      kernelCalls: 1,
      sum: [11, 22, 33],
      surrogateSeenByApp: true,
      grad: [4, -2],
      memorySame: true,
      instanceUrl: true,
    });
  });

  it('of different versions refuse to meet, naming both versions and where each came from', () => {
    const out = runScript(`
      import * as app from '@snn/core';
      let error;
      try {
        await import('other-version-plugin');
      } catch (e) {
        error = { name: e.name, message: e.message };
      }
      console.log(JSON.stringify({ version: app.VERSION, error }));
    `);
    const { version, error } = out as { version: string; error?: { name: string; message: string } };
    expect(error).toBeDefined();
    expect(error?.name).toBe('IncompatibleCoreError');
    expect(error?.message).toContain(`two copies of @snn/core of different versions`);
    expect(error?.message).toContain(`${version} (from file://${project}/node_modules/@snn/core/`);
    expect(error?.message).toContain(
      `${OTHER_VERSION} (from file://${project}/node_modules/other-version-plugin/node_modules/@snn/core/`,
    );
    expect(error?.message).toMatch(/npm ls @snn\/core/);
  });
});
