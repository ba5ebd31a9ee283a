import { type Tensor, tensor } from '@snn/core';
import { Module, type Parameter } from '@snn/modules';
import type { NirArray } from '../ir/graph.js';

/**
 * Holds an imported node's arrays under NIR's field names (`weight`, `scale`, `threshold`, `tau`...),
 * so they appear in the model's state dict; the unit that owns it does the arithmetic.
 */
export class NirParameters extends Module {
  private readonly slots = new Map<string, Parameter>();

  constructor(fields: Readonly<Record<string, NirArray>>, trainable: readonly string[] = []) {
    super();
    for (const [name, a] of Object.entries(fields)) {
      const t = tensor(Float32Array.from(a.data), [...a.shape]);
      this.slots.set(
        name,
        trainable.includes(name) ? this.registerParameter(name, t) : this.registerBuffer(name, t),
      );
    }
  }

  get(name: string): Tensor {
    const slot = this.slots.get(name);
    if (!slot) throw new Error(`NirParameters: no field ${name}`);
    return slot.value;
  }

  forward(): never {
    throw new Error('NirParameters holds values; its unit runs them');
  }
}
