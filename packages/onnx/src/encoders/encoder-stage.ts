import { type LIFParameters, lifParameters } from '@snn/core';
import {
  ConstantCurrentLIFEncoder,
  constantCurrentLIFEncode,
  type DeltaOptions,
  delta,
  GaussianPopulationEncoder,
  type LatencyOptions,
  latency,
  PoissonEncoder,
  type PopulationOptions,
  poissonEncode,
  populationEncode,
  rate,
  SpikeLatencyLIFEncoder,
  spikeLatencyLIFEncode,
} from '@snn/encoders';
import { isExactly } from '@snn/modules';
import type { ExportContext, Stage, StateValues } from '../convert/stage.js';
import { OnnxExportError } from '../errors.js';
import type { Value } from '../graph/graph-builder.js';
import type { Ops } from '../graph/ops.js';
import { deltaStage, latencyPrepare, latencyStage, populationPrepare } from './deterministic.js';

/**
 * How the graph input becomes the network's input at each step:
 * - `'direct'`: the input [batch, ...] is presented at every step (snnTorch tutorial 5);
 * - `'spikes'`: the input is already a spike train [time, batch, ...] (from any encoder, stochastic
 *   ones included), and the number of steps is its first dim;
 * - an encoder of @snn/encoders: `new ConstantCurrentLIFEncoder(32)`, `new SpikeLatencyLIFEncoder(32)`;
 * - an encoder function with the arguments that follow x in its call, e.g.
 *   `{ encode: constantCurrentLIFEncode, args: [32] }`, `{ encode: latency, args: [25, { tau: 5 }] }`,
 *   `{ encode: delta, args: [{ threshold: 0.1 }] }` (its input is a [time, batch, ...] sequence),
 *   `{ encode: populationEncode, args: [8] }` (values presented at every step).
 * Stochastic encoders (Poisson, rate, Gaussian population) draw from @snn's random stream, which an
 * ONNX graph cannot reproduce: they are refused, or with `stochastic: 'input'` exported with their
 * spike train as the graph input (as `'spikes'`, naming the encoder in the model's metadata).
 *
 * @example
 * ```ts
 * import { constantCurrentLIFEncode, PoissonEncoder } from '@snn/encoders';
 * import { RecurrentSNN } from '@snn/modules';
 * import { exportOnnx } from '@snn/onnx';
 * const model = new RecurrentSNN(784, 100, 10);
 * await exportOnnx(model, { inputShape: [784], encoder: { encode: constantCurrentLIFEncode, args: [32] } });
 * await exportOnnx(model, { inputShape: [784], encoder: new PoissonEncoder(32), stochastic: 'input' });
 * ```
 */
export type EncoderSpec =
  | 'direct'
  | 'spikes'
  | ConstantCurrentLIFEncoder
  | SpikeLatencyLIFEncoder
  | PoissonEncoder
  | GaussianPopulationEncoder
  | {
      /** An encoder function of @snn/encoders (constantCurrentLIFEncode, latency, delta, ...). */
      readonly encode: (x: never, ...args: never[]) => unknown;
      /** The arguments that follow `x` in its call, e.g. `[32]` for 32 steps (default none). */
      readonly args?: readonly unknown[];
    };

/** The encoder as the exporter uses it. */
export interface EncoderPlan {
  /** Whether the graph input is one sample per batch row ('image') or a sequence [time, batch, ...]. */
  readonly input: 'image' | 'sequence';
  /** Steps, fixed by the encoder; undefined when the input sequence decides. */
  readonly steps: number | undefined;
  /** Work done once per input (outside the time loop): spike times, population values. */
  readonly prepare?: (ops: Ops, x: Value) => Value;
  /** True when the network input is the same at every step (so a stateless prefix runs once). */
  readonly constant: boolean;
  /** The per-step stage; its input is the prepared value (image inputs) or x_t (sequences). */
  readonly stage: Stage;
  /**
   * True when every output element of every step depends only on the same element of the input
   * (an elementwise stage with scalar parameters): an input of uint8 pixels can then be encoded
   * once per byte value (256 values) and the spike train looked up, with the same arithmetic.
   */
  readonly pointwise?: boolean;
  /** One line for the model's metadata and doc string. */
  readonly description: string;
  /** Set when a stochastic encoder was replaced by its spike train as the input. */
  readonly stochastic?: string;
}

const identity = (name: string, kind: string): Stage => ({
  name,
  kind,
  plan: (input) => ({ output: input, states: [] }),
  emit: (_ops, x) => ({ out: x, state: {} }),
});

/** Norse's lif_current_encoder step (constant-current and spike-latency LIF encoders). */
function lifEncoderStage(
  ctx: ExportContext,
  kind: string,
  p: Partial<LIFParameters>,
  dt: number,
  firstOnly: boolean,
): Stage {
  const q = lifParameters(p);
  const name = 'encoder';
  if (!(dt > 0)) throw new OnnxExportError(`encoder (${kind}): dt must be > 0, got ${dt}`);
  return {
    name,
    kind,
    plan: (input) => ({
      output: input,
      states: [
        { key: 'v', shape: input, init: 0 },
        ...(firstOnly ? [{ key: 'fired', shape: input, init: 0 }] : []),
      ],
    }),
    emit(ops, x, s) {
      const kMem =
        typeof q.tauMemInv === 'number'
          ? ops.value(dt * q.tauMemInv)
          : ops.mul(dt, ctx.param(q.tauMemInv, `${name}.tau_mem_inv`), 'dt_tau_mem_inv');
      const drive = ops.add(ops.sub(ctx.param(q.vLeak, `${name}.v_leak`), s.v, 'leak'), x, 'drive');
      const v1 = ops.add(s.v, ops.mul(drive, kMem, 'dv'), 'v_charged');
      const fire = ops.fire(v1, ctx.param(q.vTh, `${name}.v_th`), false, 'z');
      const z = fire.spikes;
      // v1 - z*(v1 - vReset); with vReset 0: v1 where no spike, 0 where one (one Where, same values).
      const v =
        q.vReset === 0
          ? ops.where(fire.fired, 0, v1, 'v')
          : ops.sub(
              v1,
              ops.mul(z, ops.sub(v1, ctx.param(q.vReset, `${name}.v_reset`), 'v_above_reset'), 'reset_by'),
              'v',
            );
      if (!firstOnly) return { out: z, state: { v } as StateValues };
      const out = ops.mul(z, ops.sub(1, s.fired, 'not_fired'), 'first_spike');
      return { out, state: { v, fired: ops.maximum(s.fired, z, 'fired') } };
    },
  };
}

/** Whether every LIF parameter is one number (none is a per-element tensor). */
function scalarParameters(p: Partial<LIFParameters>): boolean {
  const q = lifParameters(p);
  return [q.tauMemInv, q.vLeak, q.vTh, q.vReset].every((v) => typeof v === 'number');
}

const STOCHASTIC = new Map<unknown, string>([
  [poissonEncode, 'poissonEncode (Norse poisson_encode)'],
  [rate, 'rate (snnTorch spikegen.rate / SpikingJelly PoissonEncoder)'],
]);

function stochasticName(spec: EncoderSpec): string | undefined {
  if (spec instanceof PoissonEncoder)
    return `PoissonEncoder(seqLength ${spec.seqLength}, fMax ${spec.fMax}, dt ${spec.dt})`;
  if (spec instanceof GaussianPopulationEncoder) {
    return `GaussianPopulationEncoder(seqLength ${spec.seqLength}, outFeatures ${spec.outFeatures})`;
  }
  if (typeof spec === 'object' && 'encode' in spec) {
    const known = STOCHASTIC.get(spec.encode);
    if (known) return `${known}${spec.args ? ` with args ${JSON.stringify(spec.args)}` : ''}`;
  }
  return undefined;
}

function steps(value: unknown, what: string): number {
  if (!Number.isInteger(value) || (value as number) < 1) {
    throw new OnnxExportError(
      `encoder ${what}: the number of steps must be an integer >= 1, got ${String(value)}`,
    );
  }
  return value as number;
}

/** Resolves an encoder spec; `stochastic: 'input'` turns a stochastic encoder into a spike-train input. */
export function planEncoder(
  spec: EncoderSpec,
  ctx: ExportContext,
  stochastic: 'refuse' | 'input',
): EncoderPlan {
  const randomName = stochasticName(spec);
  if (randomName) {
    if (stochastic === 'input') {
      return {
        input: 'sequence',
        steps: undefined,
        constant: false,
        stage: identity('encoder', 'spike train input'),
        description: `spike train input (made by ${randomName})`,
        stochastic: randomName,
      };
    }
    throw new OnnxExportError(
      `cannot export the encoder ${randomName}: it is stochastic (random spikes from @snn's Philox stream), ` +
        'which an ONNX graph cannot reproduce, so the file would not match the library. Export with ' +
        "{ encoder: 'spikes' } and feed its spike train [time, batch, ...] as the graph input, or pass " +
        "{ stochastic: 'input' } to do that and record the encoder in the model's metadata.",
    );
  }
  if (spec === 'direct') {
    return {
      input: 'image',
      steps: undefined,
      constant: true,
      stage: identity('encoder', 'direct'),
      description: 'direct',
    };
  }
  if (spec === 'spikes') {
    return {
      input: 'sequence',
      steps: undefined,
      constant: false,
      stage: identity('encoder', 'spike train input'),
      description: 'spike train input',
    };
  }
  // Exact classes: a subclass may encode differently (see isExactly).
  if (isExactly(spec, ConstantCurrentLIFEncoder) || isExactly(spec, SpikeLatencyLIFEncoder)) {
    const firstOnly = isExactly(spec, SpikeLatencyLIFEncoder);
    const kind = firstOnly ? 'SpikeLatencyLIFEncoder' : 'ConstantCurrentLIFEncoder';
    const n = steps(spec.seqLength, kind);
    return {
      input: 'image',
      steps: n,
      constant: false,
      stage: lifEncoderStage(ctx, kind, spec.p, spec.dt, firstOnly),
      pointwise: scalarParameters(spec.p),
      description: `${kind}(seqLength ${spec.seqLength}, dt ${spec.dt})`,
    };
  }
  if (typeof spec === 'object' && spec !== null && 'encode' in spec) {
    const args = (spec.args ?? []) as unknown[];
    const fn = spec.encode as unknown;
    if (fn === constantCurrentLIFEncode || fn === spikeLatencyLIFEncode) {
      const firstOnly = fn === spikeLatencyLIFEncode;
      const kind = firstOnly ? 'spikeLatencyLIFEncode' : 'constantCurrentLIFEncode';
      const dt = (args[2] as number | undefined) ?? 0.001;
      const n = steps(args[0], kind);
      const p = (args[1] as Partial<LIFParameters> | undefined) ?? {};
      return {
        input: 'image',
        steps: n,
        constant: false,
        stage: lifEncoderStage(ctx, kind, p, dt, firstOnly),
        pointwise: scalarParameters(p),
        description: `${kind}(seqLength ${args[0]}, dt ${dt})`,
      };
    }
    if (fn === latency) {
      const n = steps(args[0], 'latency');
      const options = (args[1] as LatencyOptions | undefined) ?? {};
      return {
        input: 'image',
        steps: n,
        constant: false,
        prepare: latencyPrepare(n, options),
        stage: latencyStage(n, options),
        description: `latency(numSteps ${n}, ${JSON.stringify(options)})`,
      };
    }
    if (fn === delta) {
      const options = (args[0] as DeltaOptions | undefined) ?? {};
      return {
        input: 'sequence',
        steps: undefined,
        constant: false,
        stage: deltaStage(options),
        description: `delta(${JSON.stringify(options)})`,
      };
    }
    if (fn === populationEncode) {
      const outFeatures = steps(args[0], 'populationEncode (outFeatures)');
      const options = (args[1] as PopulationOptions | undefined) ?? {};
      return {
        input: 'image',
        steps: undefined,
        constant: true,
        prepare: populationPrepare(outFeatures, options),
        stage: identity('encoder', 'populationEncode'),
        description: `populationEncode(outFeatures ${outFeatures}, ${JSON.stringify(options)})`,
      };
    }
    const fnName = (fn as { name?: string }).name || 'an anonymous function';
    throw new OnnxExportError(
      `cannot export the encoder ${fnName}: not an @snn/encoders encoder the exporter knows (constantCurrentLIFEncode, spikeLatencyLIFEncode, latency, delta, populationEncode)`,
    );
  }
  const what =
    spec === null ? 'null' : typeof spec === 'object' ? (spec as object).constructor.name : String(spec);
  throw new OnnxExportError(
    `cannot export the encoder ${what}: expected 'direct', 'spikes', an @snn/encoders encoder or { encode, args }`,
  );
}
