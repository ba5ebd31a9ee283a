import type { StepStateInfo } from './step-graph.js';

/** What @snn/onnx writes into a model's metadata_props (`snn.*` keys) and its predictor reads back. */
export interface ModelInfo {
  /** 'sequence': one run maps an input batch to scores; 'step': one time step, state in and out. */
  readonly form: 'sequence' | 'step';
  /** The graph input: its name, layout, one sample's shape and element type. */
  readonly input: {
    /** Graph input name: `x` ([batch, ...] or [time, batch, ...] for delta) or `spikes` ([time, batch, ...]). */
    readonly name: string;
    /** 'image': one sample per batch row; 'sequence': [time, batch, ...]. */
    readonly layout: 'image' | 'sequence';
    /** One sample's shape, no batch or time dim. */
    readonly shape: readonly number[];
    /** 'uint8' for pixel models (exported with a `pixelTable`), else 'float32'. */
    readonly dtype: 'float32' | 'uint8';
  };
  /** Time steps (null when the input sequence decides). */
  readonly steps: number | null;
  /** One-line description of the encoder, e.g. `direct input` or the encoder and its steps. */
  readonly encoder: string;
  /** The stochastic encoder whose spike train the input is, when it was exported that way. */
  readonly stochasticEncoder: string | null;
  /** The decoder's name (`maxLogSoftmax`, ...), or null when the model outputs no scores. */
  readonly decoder: string | null;
  /** `name: kind` of each stage, in step order. */
  readonly stages: readonly string[];
  /** The per-step graph's states (empty for the whole-sequence form). */
  readonly states: readonly StepStateInfo[];
}

const KEY = 'snn.model';

/** Non-finite numbers (a running max starts at -Infinity) as strings: JSON has no Infinity. */
const finite = (_k: string, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v);

export function encodeMetadata(
  info: ModelInfo,
  extra: Readonly<Record<string, string>>,
): { key: string; value: string }[] {
  return [
    { key: KEY, value: JSON.stringify(info, finite) },
    ...Object.entries(extra).map(([key, value]) => ({ key, value: String(value) })),
  ];
}

/**
 * The model info stored by exportOnnx, or undefined for a file written by something else.
 *
 * @param props - The model's `metadata_props` (key/value pairs, as protobufjs decodes them).
 * @example
 * ```ts
 * const bytes = await readFile('model.onnx');
 * const { info, extra } = decodeMetadata(onnx.ModelProto.decode(bytes).metadataProps ?? []);
 * console.log(info?.form, info?.steps, extra);
 * ```
 */
export function decodeMetadata(props: readonly { key?: string | null; value?: string | null }[]): {
  /** The `snn.model` entry, decoded; undefined when the file has none. */
  info: ModelInfo | undefined;
  /** Every other key/value pair (e.g. the options' `metadata`). */
  extra: Record<string, string>;
} {
  let info: ModelInfo | undefined;
  const extra: Record<string, string> = {};
  for (const { key, value } of props) {
    if (!key) continue;
    if (key === KEY && value) {
      const parsed = JSON.parse(value) as ModelInfo;
      info = {
        ...parsed,
        states: parsed.states.map((s) => ({
          ...s,
          init:
            typeof s.init === 'string' ? Number(s.init) : Array.isArray(s.init) ? s.init.map(Number) : s.init,
        })),
      };
    } else extra[key] = value ?? '';
  }
  return { info, extra };
}
