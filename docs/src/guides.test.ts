// Runs every guide the way a reader would: its ts blocks, types stripped by swc, as one ES module in a
// fresh Node process that imports the built @snn packages. A guide that reads MNIST is skipped with one
// line when SNN_MNIST_DIR is unset, and fails instead in CI (CI=true), where the data must be there.
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { transform } from '@swc/core';
import { guideProgram } from './guide-blocks.js';

const docs = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const runDir = join(docs, '.run');
const rootReadme = resolve(docs, '../README.md');
const guides = [
  ...readdirSync(docs)
    .filter((f) => f.endsWith('.md'))
    .map((f) => join(docs, f)),
  rootReadme,
];
const run = promisify(execFile);

describe('docs guides run as written', () => {
  mkdirSync(runDir, { recursive: true });
  for (const file of guides) {
    const name = file === rootReadme ? 'root-README' : file.slice(docs.length + 1, -3);
    const program = guideProgram(readFileSync(file, 'utf8'));
    if (program.blocks === 0) continue;
    const mnistMissing = program.requiresMnist && !process.env.SNN_MNIST_DIR;
    if (mnistMissing && process.env.CI !== 'true') {
      it.skip(`${name}: skipped, SNN_MNIST_DIR is not set (the guide reads MNIST)`, () => {});
      continue;
    }
    it(`${name} (${program.blocks} blocks)`, async () => {
      if (mnistMissing) throw new Error(`${name} reads MNIST: set SNN_MNIST_DIR (CI requires it)`);
      const { code } = await transform(program.source, {
        filename: `${name}.ts`,
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'es6' },
      });
      const script = join(runDir, `${name}.mjs`);
      writeFileSync(script, code);
      // cwd: the run folder, so files a guide writes (model.onnx) stay out of the tree.
      await run(process.execPath, [script], { cwd: runDir, env: process.env, timeout: 200000 }).catch(
        (e: { stderr?: string; message: string }) => {
          throw new Error(`${name} failed:\n${e.stderr || e.message}`);
        },
      );
    });
  }
});
