import { type Job, planJobs } from './plan.js';
import type { Target } from './runner.js';

const wasm: Target = { runner: 'ours', backend: 'tfjs-wasm', threads: 1, phases: ['train', 'infer'] };
const onnx: Target = { runner: 'onnx', backend: 'cpu', threads: 2, phases: ['infer'] };
const torch: Target = { runner: 'pytorch', backend: 'pytorch', threads: 2, phases: ['train', 'infer'] };

const describeJob = (j: Job) =>
  `${j.net} ${j.target.runner}/${j.target.backend} ${j.phase}${j.pairs ? ' (pair)' : ''}`;

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
      'snntorch-fc ours/tfjs-wasm train',
      'snntorch-fc pytorch/pytorch train (pair)',
      'snntorch-fc ours/tfjs-wasm infer',
      'snntorch-fc pytorch/pytorch infer (pair)',
      'snntorch-fc onnx/cpu infer',
      'snntorch-fc pytorch/pytorch infer (pair)',
      'norse-recurrent ours/tfjs-wasm train',
      'norse-recurrent pytorch/pytorch train (pair)',
      'norse-recurrent ours/tfjs-wasm infer',
      'norse-recurrent pytorch/pytorch infer (pair)',
    ]);
    expect(jobs[1].pairs).toBe(jobs[0]);
    expect(jobs[5].pairs).toBe(jobs[4]);
  });

  test('a network no subject measures still gets the baseline once per phase', () => {
    const jobs = planJobs({ nets: ['norse-conv'], phases: ['infer'], subjects: [], baselines: [torch] });
    expect(jobs.map(describeJob)).toEqual(['norse-conv pytorch/pytorch infer']);
  });
});
