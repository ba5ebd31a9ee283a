import { readFileSync } from 'node:fs';
import { loadReferenceFixture, referenceFixtureNames } from './index.js';

/* The cases of the neuron and surrogate zoo (issue 15): each vendored, well formed, and listed in the README. */
const ZOO = [
  'snntorch-synaptic',
  'snntorch-alpha',
  'snntorch-lapicque',
  'snntorch-rleaky-all-to-all',
  'snntorch-rleaky-one-to-one',
  'snntorch-rsynaptic',
  'snntorch-leaky-reset-zero',
  'snntorch-leaky-reset-none',
  'snntorch-leaky-learnable',
  'snntorch-surrogates',
  'norse-lif-adex',
  'norse-lif-ex',
  'norse-izhikevich',
  'norse-lsnn',
  'norse-coba-lif',
  'norse-lif-box',
  'norse-lif-refrac',
  'norse-iaf',
  'spikingjelly-ifnode',
  'spikingjelly-parametric-lifnode',
  'spikingjelly-qifnode',
  'spikingjelly-eifnode',
  'spikingjelly-izhikevichnode',
  'spikingjelly-klifnode',
  'spikingjelly-lifnode-soft-reset',
  'spikingjelly-lifnode-no-decay-input',
  'spikingjelly-surrogates',
];

describe('the neuron zoo fixtures', () => {
  it('are all vendored, each a well-formed case named after its file', () => {
    expect(ZOO).toHaveLength(27);
    const names = new Set(referenceFixtureNames());
    for (const name of ZOO) {
      expect(names.has(name)).toBe(true);
      const f = loadReferenceFixture(name);
      expect(f.name).toBe(name);
      expect(f.library).toMatch(/^(norse|snntorch|spikingjelly) /);
      expect(f.description.length).toBeGreaterThan(40);
      expect(Object.keys(f.inputs)).toContain('x');
      expect(Object.keys(f.outputs).length).toBeGreaterThan(0);
    }
  });

  it("are listed in the README's provenance table", () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const listed = new Set([...readme.matchAll(/^\| ([a-z0-9-]+)\.json \|/gm)].map((m) => m[1]));
    for (const name of ZOO) expect(listed.has(name)).toBe(true);
  });
});
