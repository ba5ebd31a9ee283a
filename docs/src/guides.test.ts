// Runs every guide the way a reader would: its ts blocks, types stripped by swc, as one ES module in a
// fresh Node process that imports the built @snn packages. A guide that reads MNIST is skipped where the
// jest global setup found no MNIST files (it printed one line saying how to add them; SNN_REQUIRE=mnist,
// as CI sets, fails the run instead).
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
const mnistMissing = (process.env.SNN_TEST_MISSING ?? '').split(',').includes('mnist');

describe('docs guides run as written', () => {
  mkdirSync(runDir, { recursive: true });
  for (const file of guides) {
    const name = file === rootReadme ? 'root-README' : file.slice(docs.length + 1, -3);
    const program = guideProgram(readFileSync(file, 'utf8'));
    if (program.blocks === 0) continue;
    const skip = program.requiresMnist && mnistMissing;
    (skip ? it.skip : it)(`${name} (${program.blocks} blocks)`, async () => {
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
