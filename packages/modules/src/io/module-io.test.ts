import { tensor } from '@snn/core';
import { StateDictError } from '../errors.js';
import { Linear } from '../layers/linear.js';
import { Sequential } from '../layers/sequential.js';
import { loadSafetensors, saveSafetensors } from './module-io.js';
import { parseSafetensors } from './safetensors.js';

describe('saveSafetensors / loadSafetensors', () => {
  it('round-trips a model exactly, with PyTorch keys and format "pt" metadata', async () => {
    const a = new Sequential(new Linear(3, 4, { seed: 1 }), new Linear(4, 2, { seed: 2 }));
    const bytes = await saveSafetensors(a, { note: 'test' });
    const parsed = parseSafetensors(bytes);
    expect([...parsed.tensors.keys()].sort()).toEqual(['0.bias', '0.weight', '1.bias', '1.weight']);
    expect(parsed.metadata).toEqual({ format: 'pt', note: 'test' });
    const b = new Sequential(new Linear(3, 4, { seed: 8 }), new Linear(4, 2, { seed: 9 }));
    loadSafetensors(b, bytes);
    for (const [k, t] of a.stateDict()) {
      expect(Array.from(b.stateDict().get(k)!.dataSync())).toEqual(Array.from(t.dataSync()));
    }
  });

  it('loads a file built by hand from the spec (F64 weight, F32 bias) into Linear(2, 1)', () => {
    const header =
      '{"weight":{"dtype":"F64","shape":[1,2],"data_offsets":[0,16]},"bias":{"dtype":"F32","shape":[1],"data_offsets":[16,20]}}';
    const body = new DataView(new ArrayBuffer(20));
    body.setFloat64(0, 0.25, true);
    body.setFloat64(8, -1.5, true);
    body.setFloat32(16, 2, true);
    const bytes = new Uint8Array(8 + header.length + 20);
    new DataView(bytes.buffer).setBigUint64(0, BigInt(header.length), true);
    bytes.set(new TextEncoder().encode(header), 8);
    bytes.set(new Uint8Array(body.buffer), 8 + header.length);
    const l = new Linear(2, 1, { seed: 0 });
    loadSafetensors(l, bytes);
    expect(Array.from(l.forward(tensor([4, 2], [1, 2])).dataSync())).toEqual([0.25 * 4 - 1.5 * 2 + 2]);
    expect(() => loadSafetensors(new Linear(3, 1, { seed: 0 }), bytes)).toThrow(StateDictError);
  });
});
