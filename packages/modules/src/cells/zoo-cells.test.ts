import { type SpikeMethod, surrogate, type Tensor, tidy } from '@snn/core';
import {
  checkZooFixture,
  fixtureTensor,
  flat,
  type LossSpec,
  type Nested,
  NORSE_LOSS,
  SNNTORCH_LOSS,
  SPIKINGJELLY_LOSS,
  trace,
  withLoss,
  ZOO_FIXTURE_CASES,
  type ZooFixture,
} from '@snn/core/testing';
import { loadReferenceFixture } from '@snn/reference-fixtures';
import type { Module } from '../module/module.js';
import { resetNet, unroll } from '../time/unroll.js';
import { Alpha } from './alpha.js';
import { CobaLIFCell } from './coba-lif.js';
import { EIFNode } from './eif-node.js';
import { IAFCell } from './iaf.js';
import { IzhikevichCell } from './izhikevich.js';
import { IzhikevichNode } from './izhikevich-node.js';
import { KLIFNode } from './klif-node.js';
import { Lapicque } from './lapicque.js';
import { Leaky } from './leaky.js';
import { LIFAdExCell } from './lif-adex.js';
import { LIFBoxCell } from './lif-box.js';
import { LIFExCell } from './lif-ex.js';
import { IFNode, LIFNode } from './lif-node.js';
import { LIFRefracCell } from './lif-refrac.js';
import { LSNNCell } from './lsnn.js';
import { ParametricLIFNode } from './parametric-lif-node.js';
import { QIFNode } from './qif-node.js';
import { RLeaky } from './rleaky.js';
import { RSynaptic } from './rsynaptic.js';
import { Synaptic } from './synaptic.js';

/*
 * Every neuron fixture of the zoo reproduced through the modules, as a user runs them: a cell over time
 * (`forward(input, state)` per step, as `unroll` calls it) or a SpikingJelly node in multi-step mode,
 * its library's parameters made learnable, and the gradients read off the module's own parameters
 * under their state-dict keys, which must be the library's names.
 */

type AnyCell = Module<[input: Tensor, state?: unknown], [Tensor, unknown]>;
type AnyNode = LIFNode & { vSeq: Tensor | null; wSeq?: Tensor | null };

interface CellCase {
  readonly make: (f: ZooFixture) => Module;
  /** Fixture gradient name -> state-dict key (also checks the key exists and is a trained parameter). */
  readonly grads: Record<string, string>;
  readonly loss: LossSpec;
  /** What each step records (cells), or undefined for SpikingJelly's multi-step nodes. */
  readonly record?: (out: Tensor, s: never) => Record<string, Tensor>;
}

const p = (f: ZooFixture, k: string, from: Record<string, unknown> = f.params) => from[k] as number;
const spikeGrad = (f: ZooFixture): SpikeMethod =>
  String(f.params.spike_grad).startsWith('fast_sigmoid')
    ? surrogate.snntorch.fastSigmoid()
    : surrogate.snntorch.atan();
const sj = (f: ZooFixture) => ({
  vThreshold: p(f, 'v_threshold'),
  vReset: f.params.v_reset === null ? null : p(f, 'v_reset'),
  surrogate: surrogate.spikingjelly.sigmoid(),
  storeVSeq: true,
});
/** The fixture's recurrent Linear weights loaded into an all-to-all RLeaky/RSynaptic. */
function withFixtureRecurrence<M extends Module>(f: ZooFixture, m: M): M {
  m.loadStateDict(
    {
      'recurrent.weight': fixtureTensor(f.inputs.recurrent_weight),
      'recurrent.bias': fixtureTensor(f.inputs.recurrent_bias),
    },
    { strict: false },
  );
  return m;
}
const same = (...keys: string[]) => Object.fromEntries(keys.map((k) => [k, k]));
const norseGrads = (...keys: string[]) => Object.fromEntries(keys.map((k) => [`params.${k}`, k]));
const camel = (k: string) => k.replace(/_([a-zA-Z])/g, (_, c: string) => c.toUpperCase());
const leaky = (f: ZooFixture) =>
  new Leaky(p(f, 'beta'), {
    resetMechanism: f.params.reset_mechanism as 'zero',
    spikeGrad: spikeGrad(f),
    learnBeta: true,
    learnThreshold: true,
  });

const NORSE_KEYS: Record<string, string[]> = {
  'norse-lif-adex': [
    'adaptation_current',
    'adaptation_spike',
    'delta_T',
    'tau_ada_inv',
    'tau_syn_inv',
    'tau_mem_inv',
    'v_leak',
    'v_th',
    'v_reset',
  ],
  'norse-lif-ex': ['delta_T', 'tau_syn_inv', 'tau_mem_inv', 'v_leak', 'v_th', 'v_reset'],
  'norse-lsnn': ['tau_syn_inv', 'tau_mem_inv', 'tau_adapt_inv', 'v_leak', 'v_th', 'v_reset', 'beta'],
  'norse-coba-lif': [
    'tau_syn_exc_inv',
    'tau_syn_inh_inv',
    'c_m_inv',
    'g_l',
    'e_rev_I',
    'e_rev_E',
    'v_rest',
    'v_reset',
    'v_thresh',
  ],
  'norse-lif-box': ['tau_mem_inv', 'v_leak', 'v_th', 'v_reset'],
  'norse-iaf': ['v_th', 'v_reset'],
  'norse-izhikevich': ['a', 'b', 'c', 'd', 'sq', 'mn', 'bias', 'v_th', 'tau_inv'],
  'norse-lif-refrac': ['tau_syn_inv', 'tau_mem_inv', 'v_leak', 'v_th', 'v_reset', 'rho_reset'],
};
/** Norse's fixture parameters as our p, every one learnable. */
const norseOptions = (f: ZooFixture) => {
  const keys = NORSE_KEYS[f.name];
  const pp = Object.fromEntries(keys.map((k) => [camel(k), p(f, k)]));
  return { p: pp, dt: p(f, 'dt'), learnable: keys.map(camel) as never[] };
};

const CASES: Record<string, CellCase> = {
  'snntorch-synaptic': {
    make: (f) =>
      new Synaptic(p(f, 'alpha'), p(f, 'beta'), { learnAlpha: true, learnBeta: true, learnThreshold: true }),
    grads: same('alpha', 'beta', 'threshold'),
    loss: SNNTORCH_LOSS,
    record: (spk, s: { syn: Tensor; mem: Tensor }) => ({ spk, syn: s.syn, mem: s.mem }),
  },
  'snntorch-alpha': {
    make: (f) => new Alpha(p(f, 'alpha'), p(f, 'beta'), { learnBeta: true, learnThreshold: true }),
    grads: same('beta', 'threshold'),
    loss: SNNTORCH_LOSS,
    record: (spk, s: { synExc: Tensor; synInh: Tensor; mem: Tensor }) => ({
      spk,
      syn_exc: s.synExc,
      syn_inh: s.synInh,
      mem: s.mem,
    }),
  },
  'snntorch-lapicque': {
    make: (f) => new Lapicque({ R: p(f, 'R'), C: p(f, 'C'), timeStep: p(f, 'time_step') }),
    grads: {},
    loss: SNNTORCH_LOSS,
    record: (spk, mem: Tensor) => ({ spk, mem }),
  },
  'snntorch-rleaky-all-to-all': {
    make: (f) => {
      const m = new RLeaky(p(f, 'beta'), {
        linearFeatures: 4,
        learnBeta: true,
        learnThreshold: true,
        seed: 0,
      });
      return withFixtureRecurrence(f, m);
    },
    grads: {
      beta: 'beta',
      threshold: 'threshold',
      recurrent_weight: 'recurrent.weight',
      recurrent_bias: 'recurrent.bias',
    },
    loss: SNNTORCH_LOSS,
    record: (spk, s: { mem: Tensor }) => ({ spk, mem: s.mem }),
  },
  'snntorch-rleaky-one-to-one': {
    make: (f) =>
      new RLeaky(p(f, 'beta'), { allToAll: false, V: p(f, 'V'), learnBeta: true, learnThreshold: true }),
    grads: same('beta', 'threshold', 'V'),
    loss: SNNTORCH_LOSS,
    record: (spk, s: { mem: Tensor }) => ({ spk, mem: s.mem }),
  },
  'snntorch-rsynaptic': {
    make: (f) => {
      const m = new RSynaptic(p(f, 'alpha'), p(f, 'beta'), {
        linearFeatures: 4,
        learnAlpha: true,
        learnBeta: true,
        learnThreshold: true,
        seed: 0,
      });
      return withFixtureRecurrence(f, m);
    },
    grads: {
      alpha: 'alpha',
      beta: 'beta',
      threshold: 'threshold',
      recurrent_weight: 'recurrent.weight',
      recurrent_bias: 'recurrent.bias',
    },
    loss: SNNTORCH_LOSS,
    record: (spk, s: { syn: Tensor; mem: Tensor }) => ({ spk, syn: s.syn, mem: s.mem }),
  },
  ...Object.fromEntries(
    ['snntorch-leaky-reset-zero', 'snntorch-leaky-reset-none', 'snntorch-leaky-learnable'].map((name) => [
      name,
      {
        make: leaky,
        grads: same('beta', 'threshold'),
        loss: SNNTORCH_LOSS,
        record: (spk: Tensor, mem: Tensor) => ({ spk, mem }),
      },
    ]),
  ),
  'norse-lif-adex': {
    make: (f) => new LIFAdExCell(norseOptions(f)),
    grads: norseGrads(...NORSE_KEYS['norse-lif-adex']),
    loss: NORSE_LOSS,
    record: (z, s: { v: Tensor; i: Tensor; a: Tensor }) => ({ z, v: s.v, i: s.i, a: s.a }),
  },
  'norse-lif-ex': {
    make: (f) => new LIFExCell(norseOptions(f)),
    grads: norseGrads(...NORSE_KEYS['norse-lif-ex']),
    loss: NORSE_LOSS,
    record: (z, s: { v: Tensor; i: Tensor }) => ({ z, v: s.v, i: s.i }),
  },
  'norse-izhikevich': {
    make: (f) =>
      new IzhikevichCell('tonicSpiking', {
        dt: p(f, 'dt'),
        learnable: NORSE_KEYS['norse-izhikevich'].map(camel) as never[],
      }),
    grads: norseGrads(...NORSE_KEYS['norse-izhikevich']),
    loss: NORSE_LOSS,
    record: (z, s: { v: Tensor; u: Tensor }) => ({ z, v: s.v, u: s.u }),
  },
  'norse-lsnn': {
    make: (f) => new LSNNCell(norseOptions(f)),
    grads: norseGrads(...NORSE_KEYS['norse-lsnn']),
    loss: NORSE_LOSS,
    record: (z, s: { v: Tensor; i: Tensor; b: Tensor }) => ({ z, v: s.v, i: s.i, b: s.b }),
  },
  'norse-coba-lif': {
    make: (f) => new CobaLIFCell(norseOptions(f)),
    grads: norseGrads(...NORSE_KEYS['norse-coba-lif']),
    loss: NORSE_LOSS,
    record: (z, s: { v: Tensor; gE: Tensor; gI: Tensor }) => ({ z, v: s.v, g_e: s.gE, g_i: s.gI }),
  },
  'norse-lif-box': {
    make: (f) => new LIFBoxCell(norseOptions(f)),
    grads: norseGrads(...NORSE_KEYS['norse-lif-box']),
    loss: NORSE_LOSS,
    record: (z, s: { v: Tensor }) => ({ z, v: s.v }),
  },
  'norse-lif-refrac': {
    make: (f) => {
      const lif = f.params.lif as Record<string, unknown>;
      const keys = NORSE_KEYS['norse-lif-refrac'].filter((k) => k !== 'rho_reset');
      return new LIFRefracCell({
        p: {
          lif: Object.fromEntries(keys.map((k) => [camel(k), p(f, k, lif)])),
          rhoReset: p(f, 'rho_reset'),
        },
        dt: p(f, 'dt'),
        learnable: NORSE_KEYS['norse-lif-refrac'].map(camel) as never[],
      });
    },
    grads: norseGrads(...NORSE_KEYS['norse-lif-refrac']),
    loss: NORSE_LOSS,
    record: (z, s: { lif: { v: Tensor; i: Tensor }; rho: Tensor }) => ({
      z,
      v: s.lif.v,
      i: s.lif.i,
      rho: s.rho,
    }),
  },
  'norse-iaf': {
    make: (f) => new IAFCell(norseOptions(f)),
    grads: norseGrads(...NORSE_KEYS['norse-iaf']),
    loss: NORSE_LOSS,
    record: (z, s: { v: Tensor }) => ({ z, v: s.v }),
  },
  'spikingjelly-ifnode': { make: (f) => new IFNode(sj(f)), grads: {}, loss: SPIKINGJELLY_LOSS },
  'spikingjelly-parametric-lifnode': {
    make: (f) =>
      new ParametricLIFNode({
        ...sj(f),
        initTau: p(f, 'init_tau'),
        decayInput: f.params.decay_input as boolean,
      }),
    grads: same('w'),
    loss: SPIKINGJELLY_LOSS,
  },
  'spikingjelly-qifnode': {
    make: (f) =>
      new QIFNode({ ...sj(f), tau: p(f, 'tau'), vC: p(f, 'v_c'), a0: p(f, 'a0'), vRest: p(f, 'v_rest') }),
    grads: {},
    loss: SPIKINGJELLY_LOSS,
  },
  'spikingjelly-eifnode': {
    make: (f) =>
      new EIFNode({
        ...sj(f),
        tau: p(f, 'tau'),
        deltaT: p(f, 'delta_T'),
        thetaRh: p(f, 'theta_rh'),
        vRest: p(f, 'v_rest'),
      }),
    grads: {},
    loss: SPIKINGJELLY_LOSS,
  },
  'spikingjelly-izhikevichnode': {
    make: (f) =>
      new IzhikevichNode({
        ...sj(f),
        ...Object.fromEntries(
          ['tau', 'v_c', 'a0', 'v_rest', 'w_rest', 'tau_w', 'a', 'b'].map((k) => [camel(k), p(f, k)]),
        ),
      }),
    grads: {},
    loss: SPIKINGJELLY_LOSS,
  },
  'spikingjelly-klifnode': {
    make: (f) =>
      new KLIFNode({
        ...sj(f),
        k: p(f, 'k_init'),
        tau: p(f, 'tau'),
        decayInput: f.params.decay_input as boolean,
        scaleReset: f.params.scale_reset as boolean,
      }),
    grads: same('k'),
    loss: SPIKINGJELLY_LOSS,
  },
  ...Object.fromEntries(
    ['spikingjelly-lifnode-soft-reset', 'spikingjelly-lifnode-no-decay-input'].map((name) => [
      name,
      {
        make: (f: ZooFixture) =>
          new LIFNode({ ...sj(f), tau: p(f, 'tau'), decayInput: f.params.decay_input as boolean }),
        grads: {},
        loss: SPIKINGJELLY_LOSS,
      },
    ]),
  ),
};

describe('the zoo cells reproduce their libraries through the modules', () => {
  it.each(Object.entries(CASES).filter(([, c]) => c.record))(
    '%s: unroll gives the fixture spikes',
    (name, c) => {
      const f = loadReferenceFixture(name);
      tidy(() => {
        const [spikes] = unroll(c.make(f) as unknown as AnyCell, fixtureTensor(f.inputs.x));
        expect(Array.from(spikes.dataSync())).toEqual(flat(f.outputs[c.loss.spike] as Nested));
      });
    },
  );

  it('cover every neuron fixture (25; the two surrogate fixtures are core-level)', () => {
    expect(Object.keys(CASES)).toHaveLength(25);
  });

  it.each(Object.entries(CASES))('%s', async (name, c) => {
    const f = loadReferenceFixture(name);
    await checkZooFixture(
      {
        name,
        ours: 'module',
        looser: ZOO_FIXTURE_CASES.find((z) => z.name === name)?.looser,
        run: (fx) => {
          const m = c.make(fx);
          const trained = new Map(m.namedParameters().filter(([, q]) => q.requiresGrad));
          const params = Object.fromEntries(
            Object.entries(c.grads).map(([g, key]) => {
              const slot = trained.get(key);
              if (!slot)
                throw new Error(
                  `${name}: no trained parameter '${key}' (have ${[...trained.keys()].join(', ')})`,
                );
              return [g, slot.value];
            }),
          );
          const loss: LossSpec = { ...c.loss, gradKey: (g) => `grad_${g}` };
          const simulate = (x: Tensor): Record<string, Tensor> => {
            if (c.record)
              return trace<unknown>(
                x,
                null,
                (xt, s) => (m as unknown as AnyCell).forward(xt, s),
                c.record as never,
              );
            const node = m as AnyNode;
            resetNet(node);
            const spike = node.forward(x);
            // Clones: the next resetNet frees the node's own records.
            return { spike, v: node.vSeq!.clone(), ...(node.wSeq ? { w: node.wSeq.clone() } : {}) };
          };
          return withLoss(fx, loss, params, simulate);
        },
      },
      f,
    );
  });
});
