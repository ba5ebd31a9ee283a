import * as ort from 'onnxruntime-node';
import { decodeMetadata, type ModelInfo } from '../export/metadata.js';
import { onnx } from '../proto/onnx-proto.js';

export type Feeds = Record<string, { data: Float32Array | Uint8Array; shape: readonly number[] }>;
export type Outputs = Record<string, { data: Float32Array; shape: readonly number[] }>;

/** An onnxruntime-node session on exported bytes (one thread), for tests. */
export async function openOnnx(
  bytes: Uint8Array,
): Promise<{ run(feeds: Feeds): Promise<Outputs>; close(): Promise<void> }> {
  const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1, interOpNumThreads: 1 });
  return {
    async run(feeds) {
      const inputs: Record<string, ort.Tensor> = {};
      for (const [k, v] of Object.entries(feeds)) {
        inputs[k] = new ort.Tensor(v.data instanceof Uint8Array ? 'uint8' : 'float32', v.data, [...v.shape]);
      }
      const out = await session.run(inputs);
      const result: Outputs = {};
      for (const [k, t] of Object.entries(out)) result[k] = { data: t.data as Float32Array, shape: t.dims };
      return result;
    },
    close: () => session.release(),
  };
}

/** Runs an exported model once and returns every output. */
export async function runOnnx(bytes: Uint8Array, feeds: Feeds): Promise<Outputs> {
  const s = await openOnnx(bytes);
  try {
    return await s.run(feeds);
  } finally {
    await s.close();
  }
}

export function modelInfo(bytes: Uint8Array): ModelInfo {
  const info = decodeMetadata(onnx.ModelProto.decode(bytes).metadataProps ?? []).info;
  if (!info) throw new Error('no snn.model metadata');
  return info;
}

/**
 * Runs a per-step model over a sequence [T, batch, ...] (or the same image at every step) from
 * its stored initial state; returns `out` at every step and the last `scores`.
 */
export async function runSteps(
  bytes: Uint8Array,
  input: { data: Float32Array | Uint8Array; shape: readonly number[] },
  steps: number,
  sequence: boolean,
): Promise<{ outs: Float32Array[]; scores: Float32Array | undefined }> {
  const info = modelInfo(bytes);
  const s = await openOnnx(bytes);
  try {
    const batch = input.shape[sequence ? 1 : 0];
    const per = input.data.length / (sequence ? steps : 1);
    const state: Feeds = {};
    for (const st of info.states) {
      const size = st.shape === null ? 1 : st.shape.reduce((a, b) => a * b, batch);
      const data = new Float32Array(size);
      if (typeof st.init === 'number') data.fill(st.init);
      else for (let b = 0; b < batch; b++) data.set(st.init, b * (size / batch));
      state[st.input] = { data, shape: st.shape === null ? [] : [batch, ...st.shape] };
    }
    const outs: Float32Array[] = [];
    let scores: Float32Array | undefined;
    for (let t = 0; t < steps; t++) {
      const x = sequence ? input.data.subarray(t * per, (t + 1) * per) : input.data;
      const r = await s.run({
        [info.input.name]: { data: x, shape: sequence ? input.shape.slice(1) : input.shape },
        ...state,
      });
      outs.push(Float32Array.from(r.out.data));
      scores = r.scores ? Float32Array.from(r.scores.data) : undefined;
      for (const st of info.states)
        state[st.input] = { data: Float32Array.from(r[st.output].data), shape: state[st.input].shape };
    }
    return { outs, scores };
  } finally {
    await s.close();
  }
}
