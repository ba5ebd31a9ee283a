import { copyFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LocalRegistry } from '../registry/local-registry.js';
import type { PublishedVersion } from '../registry/published.js';
import { type CheckLog, Skip } from '../report/checks.js';
import { run } from '../util/run.js';
import { freshProject, type Installer, install } from './fresh-project.js';

/** What a user building the MNIST example installs: the library, the data loader and the CPU backends. */
const USER_SET = [
  '@snn/core',
  '@snn/modules',
  '@snn/encoders',
  '@snn/data-mnist',
  '@snn/backend-wasm',
  '@snn/backend-tfjs',
];

const TRAIN_SCRIPT = fileURLToPath(new URL('../../consumer/train-recurrent.mjs', import.meta.url));

/**
 * Where MNIST is for the training run, or why it cannot run: a skip with one line, or a failure when
 * $SNN_REQUIRE names mnist (or all), as for the tests (CI sets it).
 */
function mnistDir(): string {
  const dir = process.env.SNN_MNIST_DIR;
  const why = !dir
    ? 'SNN_MNIST_DIR is not set'
    : !existsSync(dir) || !readdirSync(dir).some((f) => f.startsWith('train-images'))
      ? `SNN_MNIST_DIR=${dir} holds no MNIST train-images file`
      : undefined;
  if (!why) return dir as string;
  const required = (process.env.SNN_REQUIRE ?? '').split(',').map((s) => s.trim());
  if (required.includes('mnist') || required.includes('all')) {
    throw new Error(`${why}; SNN_REQUIRE=${process.env.SNN_REQUIRE} requires MNIST for this check`);
  }
  throw new Skip(`${why} (point it at a folder with the four MNIST files to run it)`);
}

/**
 * A fresh npm project and a fresh pnpm project install the user set at the published versions from
 * the local registry, then train the recurrent preset for a few MNIST batches and run one inference
 * (consumer/train-recurrent.mjs): the packages work with no workspace around them.
 */
export async function checkConsumers(
  published: ReadonlyMap<string, PublishedVersion>,
  dir: string,
  registry: LocalRegistry,
  log: CheckLog,
): Promise<void> {
  const specs = USER_SET.map((name) => `${name}@${published.get(name)?.version ?? 'unpublished'}`);
  for (const installer of ['npm', 'pnpm'] as Installer[]) {
    let project: string | undefined;
    await log.check(`${installer} project installs ${USER_SET.join(' ')} from the registry`, async () => {
      const target = freshProject(join(dir, installer), registry);
      await install(target, installer, specs);
      project = target;
      return [specs.join(' ')];
    });
    if (!project) continue;
    const ready = project;
    await log.check(
      `${installer} project trains the recurrent preset on MNIST and runs inference (wasm, tfjs)`,
      async () => {
        const data = mnistDir();
        copyFileSync(TRAIN_SCRIPT, join(ready, 'train-recurrent.mjs'));
        const out = await run(process.execPath, ['train-recurrent.mjs'], {
          cwd: ready,
          env: { SNN_MNIST_DIR: data },
        });
        const result = JSON.parse(out.trim().split('\n').pop() ?? '{}') as {
          backends: { backend: string; losses: number[] }[];
        };
        return result.backends.map(
          ({ backend, losses }) => `${backend}, losses ${losses.map((l) => l.toFixed(3)).join(' ')}`,
        );
      },
    );
  }
}
