import path from 'node:path';
import { defineConfig } from '@playwright/test';

/**
 * Browser tests (`npm run test:e2e`): @playwright/test drives Debian's chromium through every journey of
 * e2e/*.spec.ts, registered by e2e/journeys.pw.ts. One server for the run (e2e/global-setup.ts), one worker, the
 * journeys in order on one signed-in page. A failure keeps its trace, screenshot and video-less log in
 * .e2e-artifacts/results/, and the HTML report is .e2e-artifacts/report/ (`npx playwright show-report .e2e-artifacts/report`).
 */
const artifacts = path.join(import.meta.dirname, '.e2e-artifacts');

export default defineConfig({
  testDir: 'e2e',
  // Only the registrar: the journey files (*.spec.ts) export Journey[] arrays and are no Playwright tests themselves.
  testMatch: 'journeys.pw.ts',
  globalSetup: './e2e/global-setup.ts',
  outputDir: path.join(artifacts, 'results'),
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  // A journey that fails once in CI is run again in a fresh worker (signed in again): a flake shows as flaky.
  retries: process.env.CI ? 1 : 0,
  // E2E_JOURNEY_TIMEOUT_MS: more time for one journey on a loaded machine; a journey may ask for more itself.
  timeout: Number(process.env.E2E_JOURNEY_TIMEOUT_MS) || 90_000,
  reporter: [['list'], ['html', { outputFolder: path.join(artifacts, 'report'), open: 'never' }]],
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
      ],
    },
    viewport: { width: 1366, height: 900 },
    locale: 'zh-CN',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    actionTimeout: 20_000,
  },
});
