#!/usr/bin/env node
// Writes @snn/core's package.json version into src/global/version.ts (run after `changeset version`):
// two copies of core in one program share an engine only when their VERSION strings match, so the
// string a build embeds must be the version npm installs. version.test.ts fails if they differ.
import { readFileSync, writeFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../packages/core/package.json', import.meta.url), 'utf8'));
const file = new URL('../packages/core/src/global/version.ts', import.meta.url);
const source = readFileSync(file, 'utf8');
const next = source.replace(/export const VERSION = '[^']*';/, `export const VERSION = '${pkg.version}';`);
if (!next.includes(`'${pkg.version}'`)) throw new Error(`sync-versions: no VERSION line in ${file.pathname}`);
if (next !== source) writeFileSync(file, next);
console.log(`@snn/core VERSION = ${pkg.version}`);
