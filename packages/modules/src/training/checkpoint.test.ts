import { type Tensor, tensor } from '@snn/core';
import { TrainingError } from '../errors.js';
import { parseSafetensors, type SafetensorsInput, serializeSafetensors } from '../io/safetensors.js';
import { Linear } from '../layers/linear.js';
import { Sequential } from '../layers/sequential.js';
import { Adam } from '../optim/adam.js';
import { StepLR } from '../optim/lr-scheduler.js';
import { SGD } from '../optim/sgd.js';
import { loadCheckpoint, saveCheckpoint } from './checkpoint.js';

const net = (seed: number) =>
  new Sequential(new Linear(3, 4, { seed }), new Linear(4, 2, { seed: seed + 1 }));
const values = (m: { stateDict(): Map<string, Tensor> }) =>
  [...m.stateDict()].map(([k, t]) => [k, Array.from(t.dataSync())] as const);

/** A saved checkpoint of a model that took one Adam step, with a StepLR scheduler. */
async function saved() {
  const model = net(1);
  const optimizer = new Adam(model.parameters(), { lr: 0.01 });
  const scheduler = new StepLR(optimizer, 2);
  for (const p of model.parameters())
    p.setGrad(tensor(new Float32Array(p.value.size).fill(0.5), [...p.shape]));
  optimizer.step();
  return saveCheckpoint({ model, optimizer, scheduler }, { epoch: 1, step: 3 });
}

/** The same checkpoint with its metadata (and optionally its tensors) edited. */
function edited(
  bytes: Uint8Array,
  meta: (m: Record<string, string>) => void,
  tensors?: (t: Map<string, SafetensorsInput>) => void,
): Uint8Array {
  const parsed = parseSafetensors(bytes);
  const inputs = new Map<string, SafetensorsInput>();
  for (const [k, e] of parsed.tensors) inputs.set(k, { shape: e.shape, data: e.data });
  const metadata = { ...parsed.metadata };
  meta(metadata);
  tensors?.(inputs);
  return serializeSafetensors(inputs, metadata);
}

/** An edit of one metadata entry: a value set at a path inside its JSON, raw text, or removal. */
type MetaEdit = { key: string; path?: (string | number)[]; value?: unknown; raw?: string; remove?: boolean };

function applyEdit(m: Record<string, string>, e: MetaEdit): void {
  if (e.remove) {
    delete m[e.key];
  } else if (e.raw !== undefined) {
    m[e.key] = e.raw;
  } else {
    const root = JSON.parse(m[e.key]);
    const path = e.path ?? [];
    let at = root;
    for (const k of path.slice(0, -1)) at = at[k];
    const last = path[path.length - 1];
    if (e.value === undefined) at.splice(last, 1);
    else at[last] = e.value;
    m[e.key] = JSON.stringify(root);
  }
}

describe('loadCheckpoint checks everything before it changes anything', () => {
  test.each<[string, MetaEdit, RegExp]>([
    [
      'a negative epoch',
      { key: 'progress', path: ['epoch'], value: -2 },
      /progress\.epoch must be a whole number >= 0, got -2/,
    ],
    [
      'a fractional step',
      { key: 'progress', path: ['step'], value: 2.5 },
      /progress\.step must be a whole number/,
    ],
    [
      'an epoch given as text',
      { key: 'progress', path: ['epoch'], value: '3' },
      /progress\.epoch must be a whole number >= 0, got "3"/,
    ],
    [
      'progress that is not JSON',
      { key: 'progress', raw: '{"epoch": 1,' },
      /metadata "progress" is not valid JSON/,
    ],
    ['no rng state', { key: 'rng', remove: true }, /metadata "rng" is missing/],
    [
      'a negative seed',
      { key: 'rng', path: ['seed', 'seed'], value: -1 },
      /rng\.seed\.seed must be a whole number/,
    ],
    [
      'an infinite learning rate',
      { key: 'optimizer', path: ['hyper', 'lr'], value: 'Infinity' },
      /optimizer\.hyper\.lr must be a finite number/,
    ],
    [
      'another optimizer',
      { key: 'optimizer', path: ['type'], value: 'SGD' },
      /checkpoint optimizer is SGD, this optimizer is Adam/,
    ],
    [
      'a step count per parameter missing',
      { key: 'optimizer', path: ['steps', 3] },
      /optimizer\.steps must list one count per parameter \(4\)/,
    ],
    [
      'a scheduler with another base lr',
      { key: 'scheduler', path: ['baseLr'], value: 1 },
      /scheduler has base lr 1, this optimizer's is 0\.01/,
    ],
    [
      'a negative scheduler epoch',
      { key: 'scheduler', path: ['lastEpoch'], value: -1 },
      /scheduler\.lastEpoch must be a whole number/,
    ],
  ])(
    '%s is a TrainingError and leaves model, optimizer and scheduler unchanged',
    async (_what, edit, message) => {
      const bytes = edited(await saved(), (m) => applyEdit(m, edit));
      const model = net(7);
      const optimizer = new Adam(model.parameters(), { lr: 0.01 });
      const scheduler = new StepLR(optimizer, 2);
      const before = { model: values(model), lr: optimizer.lr, epoch: scheduler.lastEpoch };
      const error = (() => {
        try {
          loadCheckpoint(bytes, { model, optimizer, scheduler });
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(TrainingError);
      expect((error as Error).message).toMatch(message);
      expect(values(model)).toEqual(before.model);
      expect(optimizer.stateDict().tensors.size).toBe(0);
      expect([optimizer.lr, scheduler.lastEpoch]).toEqual([before.lr, before.epoch]);
    },
  );

  it('optimizer state of the wrong shape fails before the model is touched', async () => {
    const bytes = edited(
      await saved(),
      () => {},
      (t) => void t.set('optimizer.state.0.exp_avg', { shape: [2, 2], data: new Float32Array(4) }),
    );
    const model = net(7);
    const before = values(model);
    expect(() => loadCheckpoint(bytes, { model, optimizer: new Adam(model.parameters()) })).toThrow(
      /tensor "optimizer\.state\.0\.exp_avg" has shape \[2, 2\], parameter 0 is \[4, 3\]/,
    );
    expect(values(model)).toEqual(before);
  });

  it('refuses non-finite weights unless asked to load them', async () => {
    const good = await saved();
    const nan = edited(
      good,
      () => {},
      (t) => {
        const w = t.get('model.0.weight') as SafetensorsInput;
        const data = Float32Array.from(w.data);
        data[5] = Number.NaN;
        t.set('model.0.weight', { ...w, data });
      },
    );
    const model = net(7);
    const before = values(model);
    expect(() => loadCheckpoint(nan, { model })).toThrow(
      /checkpoint tensor "model\.0\.weight" holds NaN at index 5: the weights are not finite .*allowNonFinite/,
    );
    expect(values(model)).toEqual(before);
    loadCheckpoint(nan, { model }, { allowNonFinite: true });
    expect(Number.isNaN(model.stateDict().get('0.weight')?.dataSync()[5])).toBe(true);
  });

  it('a good checkpoint still restores everything', async () => {
    const model = net(7);
    const optimizer = new Adam(model.parameters(), { lr: 0.01 });
    const scheduler = new StepLR(optimizer, 2);
    expect(loadCheckpoint(await saved(), { model, optimizer, scheduler })).toMatchObject({
      epoch: 1,
      step: 3,
    });
    expect(optimizer.stateDict().meta.steps).toEqual([1, 1, 1, 1]);
  });
});

describe('saveCheckpoint', () => {
  it('never writes NaN or Infinity weights (unless asked)', async () => {
    const model = net(1);
    const optimizer = new SGD(model.parameters(), { lr: 3e38 });
    for (const p of model.parameters())
      p.setGrad(tensor(new Float32Array(p.value.size).fill(-10), [...p.shape]));
    optimizer.step(); // w + 3e39: beyond float32
    await expect(saveCheckpoint({ model, optimizer }, { epoch: 1, step: 1 })).rejects.toThrow(
      /not writing a checkpoint: "model\.0\.weight" holds Infinity at index 0/,
    );
    const bytes = await saveCheckpoint({ model }, { epoch: 1, step: 1 }, {}, { allowNonFinite: true });
    expect(parseSafetensors(bytes).tensors.get('model.0.weight')?.data[0]).toBe(Number.POSITIVE_INFINITY);
  });
});
