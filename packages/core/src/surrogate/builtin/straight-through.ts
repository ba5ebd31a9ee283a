import { surrogateDefinition } from '../definition.js';

/** 1: the incoming gradient passes unchanged (snnTorch straight_through_estimator). alpha is unused. */
export const STRAIGHT_THROUGH = surrogateDefinition({
  name: 'straightThrough',
  alpha: 1,
  derivative: 1,
  matches: 'snnTorch straight_through_estimator',
});
