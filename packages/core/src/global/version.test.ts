import { readFileSync } from 'node:fs';
import { coreInstance, VERSION } from '../index.js';

describe('VERSION', () => {
  it("equals package.json's version (two copies share one engine only when these match)", () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    expect(VERSION).toBe(pkg.version);
    expect(coreInstance().version).toBe(VERSION);
  });
});
