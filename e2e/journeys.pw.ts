/**
 * Registers every journey of e2e/*.spec.ts as a Playwright test (issue 16, item 4). The journey files export
 * `Journey[]` arrays and stay as they are: any exported array of journeys is found here, the login journeys run
 * first (the others need the signed-in page), then the rest by file name, each file's in its own order.
 * E2E_ONLY=<substring>[,<substring>…] keeps the journeys whose name contains one (as --grep does).
 *
 * The journeys share one page, signed in by the login journeys, and the server of e2e/global-setup.ts. Playwright
 * restarts the worker after a failure: the new worker signs in again before the next journey, so one failure does
 * not fail the journeys after it, and a retry starts signed in.
 */
import { createWriteStream, mkdtempSync, readdirSync, rmSync, type WriteStream } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, type Page, test } from '@playwright/test';
import type { Env, Journey } from './harness.ts';
import { artifacts, type Server, sampleFile } from './server.ts';

const isJourneys = (value: unknown): value is Journey[] =>
  Array.isArray(value) &&
  value.length > 0 &&
  value.every((j) => typeof j?.name === 'string' && typeof j?.run === 'function');

const specFiles = readdirSync(import.meta.dirname)
  .filter((f) => f.endsWith('.spec.ts'))
  .sort((a, b) => Number(b === 'login.spec.ts') - Number(a === 'login.spec.ts') || a.localeCompare(b));
const all: Journey[] = [];
for (const file of specFiles) {
  const exported = await import(path.join(import.meta.dirname, file));
  for (const value of Object.values(exported)) if (isJourneys(value)) all.push(...value);
}
const only = process.env.E2E_ONLY?.split(',').filter(Boolean);
const journeys = all.filter((j) => !only?.length || only.some((part) => j.name.includes(part)));
const signInJourneys = all.filter((j) => j.name.startsWith('login:'));

// One worker process, so these are the run's page and context until a failure restarts the worker.
let env: (Env & { signedIn: boolean }) | undefined;
let browserLog: WriteStream | undefined;
let context: BrowserContext | undefined;

const log = (line: string) => console.log(`  · ${line}`);

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  const server = { ...JSON.parse(process.env.E2E_SERVER ?? 'null'), stop: async () => {} } as Server;
  if (!server.baseUrl)
    throw new Error('E2E_SERVER is not set: run through `npx playwright test` (global setup)');
  browserLog = createWriteStream(path.join(artifacts, 'browser.log'), { flags: 'a' });
  // Every page of every context a journey opens (an editor, a phone) logs its console and its crashes too.
  const watch = (p: Page) => {
    p.on('console', (m) => browserLog?.write(`[${m.type()}] ${m.text()} (${p.url()})\n`));
    p.on('pageerror', (e) => browserLog?.write(`[pageerror] ${p.url()}\n${e.stack ?? e.message}\n`));
  };
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const created = await newContext(options);
    created.on('page', watch);
    return created;
  };
  context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const tmpDir = mkdtempSync(path.join(os.tmpdir(), 'tuanwu-e2e-files-'));
  env = {
    server,
    browser,
    context,
    page,
    tmpDir,
    log,
    signedIn: false,
    sample: sampleFile,
    async screenshot(name, target = page) {
      const file = path.join(artifacts, `${name}.png`);
      // A full-page shot of a scrolled page repeats the fixed header; start from the top.
      await target.evaluate('window.scrollTo(0, 0)');
      await target.screenshot({ path: file, fullPage: true });
      return file;
    },
  };
});

test.afterAll(async () => {
  await context?.close().catch(() => undefined);
  if (env) rmSync(env.tmpDir, { recursive: true, force: true });
  browserLog?.end();
});

for (const journey of journeys) {
  const signs = journey.name.startsWith('login:');
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads which fixtures a test wants from this pattern
  test(journey.name, async ({}, testInfo) => {
    if (!env) throw new Error('the browser context was not set up');
    if (journey.timeoutMs) testInfo.setTimeout(journey.timeoutMs);
    // A worker restarted after a failure (or a run without the login journeys) signs in first, outside the timing.
    if (!signs && !env.signedIn) {
      testInfo.setTimeout(testInfo.timeout + 120_000);
      for (const j of signInJourneys) await j.run(env);
      env.signedIn = true;
    }
    await journey.run(env);
    if (journey === signInJourneys.at(-1)) env.signedIn = true;
  });
}
