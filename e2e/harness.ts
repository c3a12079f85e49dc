/** What a browser journey gets, and a few assertions that wait the way a user would. */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../src/demo/accounts.ts';
import type { Server } from './server.ts';

export interface Env {
  server: Server;
  browser: Browser;
  /** Desktop context, shared by the journeys in order (login first). */
  context: BrowserContext;
  page: Page;
  /** Saves a full-page screenshot to .e2e-artifacts/<name>.png and returns the path. */
  screenshot(name: string, page?: Page): Promise<string>;
  /** A file from ../shared, or null when the shared folder is not beside the clone. */
  shared(relative: string): string | null;
  /** A temp folder for files the journeys write. */
  tmpDir: string;
  log(line: string): void;
}

export interface Journey {
  name: string;
  run(env: Env): Promise<void>;
}

export class AssertionError extends Error {}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new AssertionError(message);
}

/** Waits until the locator's text satisfies the check (or times out with what it last saw). */
export async function expectText(
  locator: Locator,
  check: (text: string) => boolean,
  what: string,
  timeoutMs = 15_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    last = await textOf(locator).catch(() => '');
    if (check(last)) return last;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new AssertionError(`${what}; last text seen: ${JSON.stringify(last.slice(0, 500))}`);
}

/** The text as the user sees it, one line per block (Playwright's Locator.innerText). */
export function textOf(locator: Locator): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: Playwright's Locator.innerText, not the DOM property
  return locator.innerText();
}

export const byTestId = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);

/** A new browser context signed in as a demo account (desktop unless a viewport is given). */
export async function signIn(
  browser: Browser,
  baseUrl: string,
  username: string,
  viewport = { width: 1366, height: 900 },
): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await page.goto(`${baseUrl}/admin/login`);
  await page.getByPlaceholder('用户名', { exact: true }).fill(username);
  await page.getByPlaceholder('密码', { exact: true }).fill(DEMO_PASSWORD);
  await byTestId(page, 'login-submit').click();
  await byTestId(page, 'user-menu').waitFor();
  return page;
}
