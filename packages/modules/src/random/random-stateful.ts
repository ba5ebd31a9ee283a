/** A module that draws random numbers during forward (e.g. Dropout): its generator state goes into checkpoints. */
export interface RandomStateful {
  /** The generator's state as named numbers (JSON-safe), written into checkpoints. */
  getRandomState(): Record<string, number>;
  /** Restores a state returned by `getRandomState`: the draws that follow repeat those after it. */
  setRandomState(state: Record<string, number>): void;
}

export function isRandomStateful(x: unknown): x is RandomStateful {
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof (x as RandomStateful).getRandomState === 'function' &&
    typeof (x as RandomStateful).setRandomState === 'function'
  );
}
