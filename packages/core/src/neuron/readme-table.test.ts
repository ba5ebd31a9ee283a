import { readFileSync } from 'node:fs';
import * as neuron from './index.js';

/** The README's model tables name every neuron step and sequence function core exports. */
test('every exported neuron function is in the README tables', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const tables = readme.slice(
    readme.indexOf('### Neurons: every model'),
    readme.indexOf('### Surrogate gradients'),
  );
  const functions = Object.keys(neuron).filter(
    (k) => /(Step|Sequence|Node|Encoder)$/.test(k) && !/^(lif|li)(Sequence|ForwardStep|GradStep)$/.test(k),
  );
  expect(functions.length).toBeGreaterThan(30);
  const missing = functions.filter((f) => !tables.includes(`\`${f}\``));
  expect(missing).toEqual([]);
});
