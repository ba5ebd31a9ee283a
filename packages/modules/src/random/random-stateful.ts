/** A module that draws random numbers during forward (e.g. Dropout): its generator state goes into checkpoints. */
export interface RandomStateful {
  getRandomState(): Record<string, number>;
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
