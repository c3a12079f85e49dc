/**
 * The browser tests' former entry point, kept for the commands that name it: it runs `playwright test`
 * (playwright.config.ts, e2e/journeys.pw.ts) with the same environment (E2E_ONLY, E2E_JOURNEY_TIMEOUT_MS, CHROMIUM,
 * E2E_DATA) and exits with its status. Extra arguments go to Playwright (e.g. --grep, --retries=1).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const cli = path.join(root, 'node_modules/@playwright/test/cli.js');
const run = spawnSync(process.execPath, [cli, 'test', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
process.exitCode = run.status ?? 1;
