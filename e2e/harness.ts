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
  /** Longer than the default 90 s, for a journey whose point is long work (an import of thousands of rows). */
  timeoutMs?: number;
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

/**
 * The options of the dropdown that belongs to this select (Ant Design), matching the text. The select's
 * search input carries an id whose listbox is `<id>_list`, and only that listbox's popup is searched: the
 * popup of a select closed a moment ago is still fading out in the DOM and may offer the same words.
 */
export async function optionsOf(select: Locator, text?: string | RegExp): Promise<Locator> {
  const id = await select.locator('input[role="combobox"]').first().getAttribute('id');
  if (!id) throw new AssertionError('the select has no search input with an id');
  const options = select
    .page()
    .locator(`.ant-select-dropdown:has([id="${id}_list"]) .ant-select-item-option`);
  return text === undefined ? options : options.filter({ hasText: text });
}

/** Opens the select, types the search text if any, and clicks the first option matching the text. */
export async function pickOption(select: Locator, text: string | RegExp, search?: string): Promise<string> {
  await select.click();
  if (search) await select.page().keyboard.type(search);
  const option = (await optionsOf(select, text)).first();
  await option.waitFor();
  const chosen = await textOf(option);
  await option.click();
  return chosen;
}

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
