import { ShapeError, SnnError, Tensor, tensor } from '@snn/core';
import { StateDictError } from '../errors.js';
import { Parameter } from './parameter.js';

/** Anything `loadStateDict` accepts per key: a tensor, or plain data with its shape. */
export type StateDictValue =
  | Tensor
  | {
      /** The tensor's shape; `data` holds its product of values. */
      readonly shape: readonly number[];
      /** The values, row-major (float32, int32, or uint8/bool). */
      readonly data: Float32Array | Int32Array | Uint8Array;
    };

/** PyTorch's `load_state_dict` result (`_IncompatibleKeys`): the keys that did not match, both ways. */
export interface LoadStateDictResult {
  /** The module's parameter and buffer names the dict lacked (PyTorch `missing_keys`). */
  readonly missingKeys: string[];
  /** The dict's keys the module has no parameter or buffer for (PyTorch `unexpected_keys`). */
  readonly unexpectedKeys: string[];
}

const ANNOTATED = Symbol('snn.moduleAnnotated');

function describeArg(a: unknown): string {
  if (a === null || a === undefined) return String(a);
  if (typeof a === 'object' && 'shape' in a && Array.isArray((a as Tensor).shape)) {
    return `[${(a as Tensor).shape.join(', ')}]`;
  }
  if (typeof a === 'number') return String(a);
  return typeof a === 'object' ? 'state' : typeof a;
}

/**
 * Base class of every layer, cell and model (PyTorch's `nn.Module`, minus hooks).
 *
 * Subclasses register parameters and submodules under the names PyTorch/Norse/snnTorch use, so
 * `stateDict()` keys match theirs (`l1.input_weights`, `fc_out.weight`) and weights move between
 * the two worlds. As in PyTorch, assigning a module or a `Parameter` to a property registers it under
 * the property's name (`fc1 = new Linear(784, 1000)` is child `fc1`), in assignment order;
 * `registerModule` / `registerParameter` / `registerBuffer` name things explicitly (a buffer is never
 * inferred). `forward` is wrapped per instance: a ShapeError raised anywhere inside is rethrown once,
 * at the innermost module, with the module's path (`snn.l1`), its class and its input shapes.
 *
 * The type parameters say what `forward` takes and returns (`Module<[Tensor], [Tensor, Tensor]>`), so
 * code handed a module (`fit`, `Sequential`) knows its output type without a cast.
 *
 * @example
 * ```ts
 * // PyTorch: class Net(nn.Module): __init__ sets self.fc1, self.lif1, self.fc2; forward chains them
 * class Net extends Module<[Tensor], Tensor> {
 *   fc1 = new Linear(784, 100);
 *   lif1 = new Leaky(0.9);
 *   fc2 = new Linear(100, 10);
 *   forward(x: Tensor): Tensor {
 *     const [spk] = this.lif1.forward(this.fc1.forward(x)); // one time step, state from zero
 *     return this.fc2.forward(spk);
 *   }
 * }
 * const net = new Net();
 * console.log([...net.stateDict().keys()].slice(0, 3)); // ['fc1.weight', 'fc1.bias', 'lif1.threshold']
 * const out = net.forward(zeros([32, 784])); // [32, 10]
 * ```
 */
// biome-ignore lint/suspicious/noExplicitAny: the default accepts any forward signature (PyTorch's nn.Module)
export abstract class Module<In extends readonly unknown[] = any[], Out = unknown> {
  /** Training mode (default true): dropout is active; `eval()` turns it off for the whole tree. */
  training = true;
  private readonly ownParams = new Map<string, Parameter>();
  private readonly ownBuffers = new Map<string, Parameter>();
  private readonly ownChildren = new Map<string, Module>();
  private parentModule: Module | null = null;
  private nameInParent = '';

  constructor() {
    // Property assignment registers children (PyTorch's __setattr__): the object every caller and
    // subclass sees is a proxy that watches properties being defined. Class fields and assignments in
    // constructors both define properties, so both pass through the trap; reads are not intercepted.
    const self = new Proxy(this, {
      defineProperty: (target, key, descriptor) => {
        if (!Reflect.defineProperty(target, key, descriptor)) return false;
        // Through the proxy: registration records `self`, the identity everyone else holds.
        if (typeof key === 'string' && key !== 'parentModule' && 'value' in descriptor) {
          self.adoptProperty(key, descriptor.value);
        }
        return true;
      },
    });
    const original = (this as unknown as { forward: (...args: unknown[]) => unknown }).forward;
    if (typeof original === 'function') {
      const wrapped = (...args: unknown[]): unknown => {
        try {
          return original.apply(self, args);
        } catch (e) {
          throw this.annotate(e, args);
        }
      };
      Object.defineProperty(this, 'forward', { value: wrapped, writable: true, configurable: true });
    }
    // biome-ignore lint/correctness/noConstructorReturn: the proxy is the module (see above)
    return self;
  }

  /**
   * The module's computation (PyTorch's `forward`), run by calling `module.forward(...)`. A ShapeError
   * raised inside names the module's dotted path and the input shapes.
   */
  abstract forward(...args: In): Out;

  /** Registers a module or Parameter assigned to property `name` (see the class comment). */
  private adoptProperty(name: string, value: unknown): void {
    if (value instanceof Module) {
      // Already a child (assigned from registerModule, maybe under another name), or a reference to
      // this module or one of its ancestors (a back-pointer, not a child).
      if (value.parentModule === this) return;
      for (let m: Module | null = this; m; m = m.parentModule) if (m === value) return;
      const previous = this.ownChildren.get(name);
      if (previous !== undefined) {
        previous.parentModule = null;
        this.ownChildren.delete(name);
      }
      this.registerModule(name, value);
    } else if (value instanceof Parameter) {
      for (const slots of [this.ownParams, this.ownBuffers]) {
        for (const p of slots.values()) if (p === value) return;
      }
      this.checkName(name);
      this.ownParams.set(name, value);
      this.nameSlots();
    }
  }

  /** Dotted path from the root module (`snn.l1`); the root itself is `''`. */
  get path(): string {
    const parts: string[] = [];
    for (let m: Module | null = this; m?.parentModule; m = m.parentModule) parts.unshift(m.nameInParent);
    return parts.join('.');
  }

  private annotate(e: unknown, args: unknown[]): unknown {
    if (!(e instanceof SnnError) || (e as unknown as Record<symbol, boolean>)[ANNOTATED]) return e;
    if (!(e instanceof ShapeError)) return e;
    const where = this.path || '(root)';
    const shapes = args.map(describeArg).join(', ');
    const err = new ShapeError(
      `in ${where} (${this.constructor.name}) called with (${shapes}): ${e.message}`,
    );
    err.stack = `${err.name}: ${err.message}\n${(e.stack ?? '').split('\n').slice(1).join('\n')}`;
    (err as unknown as Record<symbol, boolean>)[ANNOTATED] = true;
    return err;
  }

  /** Registers a trainable tensor under `name` (the key it gets in `stateDict`). */
  protected registerParameter(name: string, value: Tensor, requiresGrad = true): Parameter {
    this.checkName(name);
    const p = new Parameter(value, requiresGrad, name);
    this.ownParams.set(name, p);
    this.nameSlots();
    return p;
  }

  /** Registers persistent non-trainable state (in `stateDict`, never in `parameters()`), e.g. a mask. */
  protected registerBuffer(name: string, value: Tensor): Parameter {
    this.checkName(name);
    const p = new Parameter(value, false, name);
    this.ownBuffers.set(name, p);
    this.nameSlots();
    return p;
  }

  /**
   * Registers a child module under `name` and returns it. Assigning it to a property of the same name
   * does the same (`fc1 = new Linear(...)`); use this where the key differs from the property
   * (`this.layer = this.registerModule('0', ...)`).
   */
  protected registerModule<M extends Module>(name: string, module: M): M {
    // Already there under this name: assigned to a property of the same name first.
    if (this.ownChildren.get(name) === module) return module;
    this.checkName(name);
    if (module.parentModule) {
      throw new StateDictError(
        `module ${module.constructor.name} is already registered as "${module.path}"; a module has one parent`,
      );
    }
    module.parentModule = this;
    module.nameInParent = name;
    this.ownChildren.set(name, module);
    this.nameSlots();
    return module;
  }

  /** Names every tensor of this subtree after its dotted key from the root, as errors show it. */
  private nameSlots(): void {
    const prefix = this.path ? `${this.path}.` : '';
    for (const [key, slot] of this.namedSlots()) slot.name = prefix + key;
  }

  private checkName(name: string): void {
    if (!name || name.includes('.')) {
      throw new StateDictError(`invalid name "${name}": names are non-empty and contain no "."`);
    }
    if (this.ownParams.has(name) || this.ownBuffers.has(name) || this.ownChildren.has(name)) {
      throw new StateDictError(`"${name}" is already registered in ${this.constructor.name}`);
    }
  }

  /** Direct children, in registration order. */
  namedChildren(): [string, Module][] {
    return [...this.ownChildren.entries()];
  }

  /** This module and every descendant with its dotted path (this one is `''`), depth first. */
  namedModules(prefix = ''): [string, Module][] {
    const out: [string, Module][] = [[prefix, this]];
    for (const [name, child] of this.ownChildren) {
      out.push(...child.namedModules(prefix ? `${prefix}.${name}` : name));
    }
    return out;
  }

  /** This module and every descendant, depth first (PyTorch's `modules()`). */
  modules(): Module[] {
    return this.namedModules().map(([, m]) => m);
  }

  /** Every parameter with its dotted key, in PyTorch order (own first, then children). */
  namedParameters(prefix = ''): [string, Parameter][] {
    const out: [string, Parameter][] = [];
    for (const [path, m] of this.namedModules(prefix)) {
      for (const [name, p] of m.ownParams) out.push([path ? `${path}.${name}` : name, p]);
    }
    return out;
  }

  /** Trainable parameters (those with `requiresGrad`), what an optimizer takes. */
  parameters(): Parameter[] {
    return this.namedParameters()
      .map(([, p]) => p)
      .filter((p) => p.requiresGrad);
  }

  /**
   * Every buffer (state-dict tensor that is not trained, e.g. a fixed time constant) with its dotted
   * key, in PyTorch order; `prefix` is prepended to each key (default none).
   */
  namedBuffers(prefix = ''): [string, Parameter][] {
    const out: [string, Parameter][] = [];
    for (const [path, m] of this.namedModules(prefix)) {
      for (const [name, b] of m.ownBuffers) out.push([path ? `${path}.${name}` : name, b]);
    }
    return out;
  }

  /** Training mode on (dropout active) for this module and all descendants. */
  train(mode = true): this {
    for (const m of this.modules()) m.training = mode;
    return this;
  }

  /**
   * Evaluation mode (`train(false)`) for this module and all descendants; returns the module.
   *
   * @example
   * ```ts
   * const model = new Sequential(new Linear(784, 100), new Dropout(0.2));
   * const x = zeros([8, 784]);
   * const out = model.eval().forward(x); // no dropout
   * ```
   */
  eval(): this {
    return this.train(false);
  }

  /**
   * Parameters and buffers by dotted key, in PyTorch's order (each module's parameters, then its
   * buffers, then its children). The tensors are the live values, not copies: do not dispose them.
   */
  stateDict(): Map<string, Tensor> {
    return new Map([...this.namedSlots()].map(([k, p]) => [k, p.value]));
  }

  /** Parameters and buffers in state-dict order. */
  private namedSlots(): Map<string, Parameter> {
    const out = new Map<string, Parameter>();
    const visit = (m: Module, prefix: string): void => {
      for (const [name, p] of m.ownParams) out.set(prefix + name, p);
      for (const [name, b] of m.ownBuffers) out.set(prefix + name, b);
      for (const [name, c] of m.ownChildren) visit(c, `${prefix}${name}.`);
    };
    visit(this, '');
    return out;
  }

  /**
   * Copies values into the parameters and buffers with the same keys. With `strict` (default) every
   * key must match both ways and every shape must agree; all problems are reported in one error.
   * Given tensors are copied, so the caller still owns (and may dispose) them.
   */
  loadStateDict(
    dict: Map<string, StateDictValue> | Record<string, StateDictValue>,
    { strict = true }: { strict?: boolean } = {},
  ): LoadStateDictResult {
    const entries = dict instanceof Map ? dict : new Map(Object.entries(dict));
    const slots = this.namedSlots();
    const missingKeys = [...slots.keys()].filter((k) => !entries.has(k));
    const unexpectedKeys = [...entries.keys()].filter((k) => !slots.has(k));
    const problems: string[] = [];
    for (const [key, value] of entries) {
      const slot = slots.get(key);
      if (!slot) continue;
      const same =
        value.shape.length === slot.shape.length && value.shape.every((d, i) => d === slot.shape[i]);
      if (!same) {
        problems.push(`"${key}": expected shape [${slot.shape.join(', ')}], got [${value.shape.join(', ')}]`);
      }
    }
    if (strict) {
      if (missingKeys.length) problems.push(`missing keys: ${missingKeys.join(', ')}`);
      if (unexpectedKeys.length) problems.push(`unexpected keys: ${unexpectedKeys.join(', ')}`);
    }
    if (problems.length) {
      throw new StateDictError(
        `loadStateDict into ${this.constructor.name} failed:\n  ${problems.join('\n  ')}`,
      );
    }
    for (const [key, value] of entries) {
      const slot = slots.get(key);
      if (!slot) continue;
      const next =
        value instanceof Tensor ? value.clone() : tensor(value.data, [...value.shape], slot.value.dtype);
      slot.assign(next);
    }
    for (const m of this.modules()) m.onStateLoaded();
    return { missingKeys, unexpectedKeys };
  }

  /** Hook for modules whose loaded values need fixing up (e.g. zeroing autapses). */
  protected onStateLoaded(): void {}

  /**
   * Frees every parameter and buffer tensor of this module tree. Each child's own `dispose()` runs,
   * so a module that holds tensors of its own (a mask, a cache) frees them by overriding it.
   */
  dispose(): void {
    for (const p of this.ownParams.values()) p.dispose();
    for (const b of this.ownBuffers.values()) b.dispose();
    for (const child of this.ownChildren.values()) child.dispose();
  }
}
