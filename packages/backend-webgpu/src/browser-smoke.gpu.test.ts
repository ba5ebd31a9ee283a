import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium } from 'playwright-core';
import type { SmokeReport } from './test-utils/browser/browser-entry.js';
import { type SourceServer, startSourceServer } from './test-utils/browser/source-server.js';
import { skipFileUnless } from './test-utils/requirements.js';

skipFileUnless('browser');

/*
 * Headless Chromium (Debian's `chromium`, WebGPU through SwiftShader with --enable-unsafe-webgpu) runs
 * core's conformance cases on this backend through `navigator.gpu`. The page is served from
 * 127.0.0.1 (a secure context: `page.setContent` would have no navigator.gpu).
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');

let server: SourceServer;
let context: BrowserContext;
let profile: string;

beforeAll(async () => {
  server = await startSourceServer(
    repoRoot,
    '/packages/backend-webgpu/src/test-utils/browser/browser-entry.ts',
  );
  profile = mkdtempSync(join(tmpdir(), 'snn-webgpu-chromium-'));
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--enable-unsafe-webgpu', '--no-sandbox'],
    });
  } catch (e) {
    throw new Error(
      `Could not start Chromium at ${CHROMIUM} (${String(e)}). Install it (Debian: apt-get install -y chromium) or set CHROMIUM_PATH.`,
    );
  }
});

afterAll(async () => {
  await context?.close();
  await server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

test('core conformance cases pass on WebGPU in headless Chromium', async () => {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(server.url);
  const handle = await page.waitForFunction(
    () => (window as unknown as { __smoke?: unknown }).__smoke,
    null,
    {
      timeout: 240_000,
    },
  );
  const report = (await handle.jsonValue()) as SmokeReport | { error: string };
  if ('error' in report) throw new Error(`the page failed: ${report.error}\n${errors.join('\n')}`);
  console.info(
    `chromium webgpu (${report.adapter}): ${report.passed} cases passed, ${report.failures.length} failed, ${report.dispatches} dispatches`,
  );
  expect(report.failures).toEqual([]);
  expect(report.passed).toBeGreaterThan(300);
}, 300_000);
