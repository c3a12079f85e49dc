/**
 * Browser tests: `npm run test:e2e` (builds the admin first).
 *
 * Starts tuanwu on a free port with a fresh data folder (`serve --seed-demo`), drives Debian's chromium
 * through the main journeys with playwright-core, saves screenshots to .e2e-artifacts/, stops the server,
 * and ends with the line `N passed, M failed` (exit status 1 on any failure).
 *
 * Environment: CHROMIUM (default /usr/bin/chromium), E2E_USERNAME / E2E_PASSWORD to force a login,
 * E2E_ONLY=<substring>[,<substring>…] to run some journeys (login first, where they need a session), E2E_DATA=sample to use ../shared/sample instead of the demo.
 */
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { admissionJourneys } from './admission.spec.ts';
import { answerSheetJourneys } from './answer-sheet.spec.ts';
import { branchWorkJourneys, transferJourneys } from './branch-work.spec.ts';
import { entryJourneys } from './entry.spec.ts';
import { AssertionError, type Env, type Journey } from './harness.ts';
import { hoursJourneys } from './hours.spec.ts';
import { importMappingJourneys } from './import-mapping.spec.ts';
import { importJourneys } from './imports.spec.ts';
import { internshipJourneys } from './internships.spec.ts';
import { loginJourneys } from './login.spec.ts';
import { meetingJourneys, meetingPhoneJourney } from './meetings.spec.ts';
import { membershipJourneys } from './membership.spec.ts';
import { mobileJourneys } from './mobile.spec.ts';
import { notificationJourneys } from './notifications.spec.ts';
import { orgJourneys } from './orgs.spec.ts';
import { peopleJourneys } from './people.spec.ts';
import { portalJourneys } from './portal.spec.ts';
import { portalPageJourneys } from './portal-pages.spec.ts';
import { registrationJourneys } from './registration.spec.ts';
import { reportJourneys } from './reports.spec.ts';
import { artifacts, type Server, sharedDir, startServer } from './server.ts';
import { servicesJourneys } from './services.spec.ts';
import { todoJourneys } from './todo.spec.ts';
import { volunteerPaperJourneys } from './volunteer-papers.spec.ts';
import { volunteeringJourneys } from './volunteering.spec.ts';

// E2E_JOURNEY_TIMEOUT_MS: more time for one journey on a loaded machine (a shared 2-core box at load 25 signs in
// in 20 s); CI keeps the default.
const JOURNEY_TIMEOUT_MS = Number(process.env.E2E_JOURNEY_TIMEOUT_MS) || 90_000;
const journeys: Journey[] = [
  ...loginJourneys,
  ...orgJourneys,
  ...peopleJourneys,
  ...importJourneys,
  ...importMappingJourneys,
  ...reportJourneys,
  ...mobileJourneys,
  ...admissionJourneys,
  ...portalJourneys,
  ...portalPageJourneys,
  ...membershipJourneys,
  ...volunteeringJourneys,
  ...servicesJourneys,
  ...registrationJourneys,
  ...branchWorkJourneys,
  ...hoursJourneys,
  ...internshipJourneys,
  ...transferJourneys,
  ...meetingJourneys,
  ...meetingPhoneJourney,
  ...todoJourneys,
  ...answerSheetJourneys,
  ...volunteerPaperJourneys,
  ...entryJourneys,
  ...notificationJourneys,
].filter((j) => {
  const only = process.env.E2E_ONLY?.split(',').filter(Boolean);
  return !only?.length || only.some((part) => j.name.includes(part));
});

function log(line: string): void {
  console.log(`  · ${line}`);
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function main(): Promise<number> {
  mkdirSync(artifacts, { recursive: true });
  for (const f of readdirSync(artifacts)) if (/\.(png|log)$/.test(f)) rmSync(path.join(artifacts, f));
  const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    console.error(`chromium not found at ${executablePath} (apt-get install chromium fonts-noto-cjk)`);
    console.log(`0 passed, ${journeys.length} failed`);
    return 1;
  }

  const started = Date.now();
  console.log(`tuanwu browser tests: ${journeys.length} journeys, screenshots in ${artifacts}`);
  let passed = 0;
  let failed = 0;
  let server: Server | undefined;
  const browserLog = createWriteStream(path.join(artifacts, 'browser.log'));
  const tmpDir = mkdtempSync(path.join(os.tmpdir(), 'tuanwu-e2e-files-'));
  const browser = await chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
    ],
  });
  try {
    server = await startServer(log);
    // Every page of every context a journey opens (an editor, a phone) logs its console and its crashes too.
    const watch = (p: Page) => {
      p.on('console', (m) => browserLog.write(`[${m.type()}] ${m.text()} (${p.url()})\n`));
      p.on('pageerror', (e) => browserLog.write(`[pageerror] ${p.url()}\n${e.stack ?? e.message}\n`));
    };
    const newContext = browser.newContext.bind(browser);
    browser.newContext = async (options) => {
      const created = await newContext(options);
      created.on('page', watch);
      return created;
    };
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    const env: Env = {
      server,
      browser,
      context,
      page,
      tmpDir,
      log,
      shared: (relative) => {
        const dir = sharedDir();
        const file = dir ? path.join(dir, relative) : null;
        return file && existsSync(file) ? file : null;
      },
      async screenshot(name, target = page) {
        const file = path.join(artifacts, `${name}.png`);
        // A full-page shot of a scrolled page repeats the fixed header; start from the top.
        await target.evaluate('window.scrollTo(0, 0)');
        await target.screenshot({ path: file, fullPage: true });
        return file;
      },
    };

    for (const journey of journeys) {
      const t0 = Date.now();
      try {
        await withTimeout(journey.run(env), journey.timeoutMs ?? JOURNEY_TIMEOUT_MS, journey.name);
        passed++;
        console.log(`✓ ${journey.name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
      } catch (error) {
        failed++;
        const shot = path.join(artifacts, `FAILED-${journeys.indexOf(journey) + 1}.png`);
        await page.screenshot({ path: shot, fullPage: true }).catch(() => undefined);
        const message =
          error instanceof AssertionError
            ? error.message
            : error instanceof Error
              ? error.stack
              : String(error);
        console.log(
          `✗ ${journey.name}\n    ${message?.split('\n').join('\n    ')}\n    page: ${page.url()}, screenshot: ${shot}`,
        );
      }
    }
    await context.close();
  } catch (error) {
    // The server or the browser could not be set up: every journey that did not run counts as failed.
    console.error(error instanceof Error ? error.stack : error);
    failed = journeys.length - passed;
  } finally {
    await browser.close().catch(() => undefined);
    await server?.stop();
    browserLog.end();
    rmSync(tmpDir, { recursive: true, force: true });
  }
  console.log(`browser tests took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

process.exitCode = await main();
