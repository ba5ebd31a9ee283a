import { type Job, planJobs } from './plan.js';
import type { Target } from './runner.js';

const wasm: Target = { runner: 'ours', backend: 'tfjs-wasm', threads: 1, phases: ['train', 'infer'] };
const onnx: Target = { runner: 'onnx', backend: 'cpu', threads: 2, phases: ['infer'] };
const torch: Target = { runner: 'pytorch', backend: 'pytorch', threads: 2, phases: ['train', 'infer'] };
const torch1: Target = { ...torch, threads: 1 };

const describeJob = (j: Job) =>
  `${j.net} ${j.target.runner}/${j.target.backend}${j.target.threads === null ? '' : `@${j.target.threads}`} ${j.phase}${j.pairs ? ' (pair)' : ''}`;

describe('planJobs', () => {
  test('alternates every subject figure with the baseline on the same network and phase', () => {
    const jobs = planJobs({
      nets: ['snntorch-fc', 'norse-recurrent'],
      phases: ['train', 'infer'],
      subjects: [wasm, onnx],
      baselines: [torch],
      includes: (t, net) => !(t.runner === 'onnx' && net === 'norse-recurrent'),
    });
    expect(jobs.map(describeJob)).toEqual([
      'snntorch-fc ours/tfjs-wasm@1 train',
      'snntorch-fc pytorch/pytorch@2 train (pair)',
      'snntorch-fc ours/tfjs-wasm@1 infer',
      'snntorch-fc pytorch/pytorch@2 infer (pair)',
      'snntorch-fc onnx/cpu@2 infer',
      'snntorch-fc pytorch/pytorch@2 infer (pair)',
      'norse-recurrent ours/tfjs-wasm@1 train',
      'norse-recurrent pytorch/pytorch@2 train (pair)',
      'norse-recurrent ours/tfjs-wasm@1 infer',
      'norse-recurrent pytorch/pytorch@2 infer (pair)',
    ]);
    expect(jobs[1].pairs).toBe(jobs[0]);
    expect(jobs[5].pairs).toBe(jobs[4]);
  });

  test('a network no subject measures still gets the baseline once per phase', () => {
    const jobs = planJobs({ nets: ['norse-conv'], phases: ['infer'], subjects: [], baselines: [torch] });
    expect(jobs.map(describeJob)).toEqual(['norse-conv pytorch/pytorch@2 infer']);
  });

  test('PyTorch at each thread count of the list runs right after every subject figure, each paired with it', () => {
    const jobs = planJobs({
      nets: ['norse-recurrent'],
      phases: ['train'],
      subjects: [wasm, { ...wasm, threads: 2 }],
      baselines: [torch1, torch],
    });
    expect(jobs.map(describeJob)).toEqual([
      'norse-recurrent ours/tfjs-wasm@1 train',
      'norse-recurrent pytorch/pytorch@1 train (pair)',
      'norse-recurrent pytorch/pytorch@2 train (pair)',
      'norse-recurrent ours/tfjs-wasm@2 train',
      'norse-recurrent pytorch/pytorch@1 train (pair)',
      'norse-recurrent pytorch/pytorch@2 train (pair)',
    ]);
    expect([jobs[1].pairs, jobs[2].pairs, jobs[4].pairs, jobs[5].pairs]).toEqual([
      jobs[0],
      jobs[0],
      jobs[3],
      jobs[3],
    ]);
  });
});
