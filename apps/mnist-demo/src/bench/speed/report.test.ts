import type { Figure } from './figure.js';
import { type Job, planJobs } from './plan.js';
import { formatRate, markdownTable, type Outcome } from './report.js';
import type { Target } from './runner.js';

const wasm: Target = { runner: 'ours', backend: 'tfjs-wasm', threads: 1, phases: ['train', 'infer'] };
const gpu: Target = { runner: 'ours', backend: 'webgpu', threads: null, phases: ['train', 'infer'] };
const torch: Target = { runner: 'pytorch', backend: 'pytorch', threads: 2, phases: ['train', 'infer'] };
const torch1: Target = { ...torch, threads: 1 };

function figure(job: Job, samplesPerSecond: number, rss: number, batch = 128): Figure {
  return {
    runner: job.target.runner,
    net: job.net,
    backend: job.target.backend,
    threads: job.target.threads,
    phase: job.phase,
    samples_per_s: samplesPerSecond,
    peak_rss_mb: rss,
    batch_size: batch,
    steps: 25,
    batches: 3,
    seconds: 1,
  };
}

describe('markdownTable', () => {
  test('each row: our figure, the PyTorch figure taken after it, their ratio, peak RSS beside each', () => {
    const jobs = planJobs({
      nets: ['snntorch-fc'],
      phases: ['train', 'infer'],
      subjects: [wasm, gpu],
      baselines: [torch],
    });
    const rates = [1280, 1010, 5200, 2600, 50, 1000, 90, 2500];
    const outcomes: Outcome[] = jobs.map((job, k) =>
      k === 6
        ? { job, error: 'exit status 1: RuntimeError: memory access out of bounds' }
        : { job, figure: figure(job, rates[k], 400 + k) },
    );
    const table = markdownTable(outcomes, ['train', 'infer'], () => 128);
    const lines = table.trim().split('\n');
    expect(lines[0]).toBe(
      '| network | backend | threads | train samples/s (peak RSS) | PyTorch train | / PyTorch | inference samples/s (peak RSS) | PyTorch inference | / PyTorch |',
    );
    expect(lines[2]).toBe(
      '| snntorch-fc | tfjs-wasm | 1 | 1,280 (400 MB) | 1,010 (2 threads, 401 MB) | 1.27 | 5,200 (402 MB) | 2,600 (2 threads, 403 MB) | 2.00 |',
    );
    expect(lines[3]).toBe(
      '| snntorch-fc | webgpu | - | 50.0 (404 MB) | 1,000 (2 threads, 405 MB) | 0.05 | failed [1] | 2,500 (2 threads, 407 MB) | - |',
    );
    expect(lines[5]).toBe(
      '[1] snntorch-fc, ours/webgpu, infer: exit status 1: RuntimeError: memory access out of bounds',
    );
  });

  test('a batch size other than the preset one is named in the row', () => {
    const [job, base] = planJobs({
      nets: ['norse-conv'],
      phases: ['train'],
      subjects: [wasm],
      baselines: [torch],
    });
    const table = markdownTable(
      [
        { job, figure: figure(job, 14, 900, 32) },
        { job: base, figure: figure(base, 56, 800, 32) },
      ],
      ['train'],
      () => 256,
    );
    expect(table).toContain(
      '| norse-conv (batch 32) | tfjs-wasm | 1 | 14.0 (900 MB) | 56.0 (2 threads, 800 MB) | 0.25 |',
    );
  });

  test('with PyTorch at several thread counts, each figure is divided by the fastest of them', () => {
    const jobs = planJobs({
      nets: ['norse-recurrent'],
      phases: ['train'],
      subjects: [wasm],
      baselines: [torch1, torch],
    });
    const rates = [900, 3600, 4300];
    const outcomes: Outcome[] = jobs.map((job, k) => ({ job, figure: figure(job, rates[k], 300 + k) }));
    expect(markdownTable(outcomes, ['train'], () => 128)).toContain(
      '| norse-recurrent | tfjs-wasm | 1 | 900 (300 MB) | 4,300 (2 threads, 302 MB) | 0.21 |',
    );
    const loaded = outcomes.map((o, k) => (k === 2 ? { job: o.job, error: 'timed out after 300 s' } : o));
    expect(markdownTable(loaded, ['train'], () => 128)).toContain(
      '| 900 (300 MB) | 3,600 (1 thread, 301 MB) | 0.25 |',
    );
    const allFailed = outcomes.map((o, k) => (k > 0 ? { job: o.job, error: `timed out (${k})` } : o));
    const table = markdownTable(allFailed, ['train'], () => 128);
    expect(table).toContain('| 900 (300 MB) | failed [1] | - |');
    expect(table).toContain('[1] norse-recurrent, pytorch/pytorch, train: timed out (1)');
  });

  test('formatRate: thousands separated, one decimal below 100', () => {
    expect([formatRate(3250.4), formatRate(99.94), formatRate(0.25)]).toEqual(['3,250', '99.9', '0.3']);
  });
});
