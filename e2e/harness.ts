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
  /** A file of the sample county (server.ts sampleFile: the project's copy; a missing file fails the journey). */
  sample(relative: string): string;
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

/**
 * Opens the select, types the search text if any, and clicks the first option matching the text; returns the
 * option's text once the popup has closed on that click (single-choice selects). Each step reads the select's own
 * state, aria-expanded on its combobox, rather than waiting for the page to settle:
 * - closed: click it and check that the click opened it (a click landing while a close is still pending closes);
 * - open: use the popup as it is. A click on an option can be lost on a loaded machine (the option highlighted,
 *   nothing chosen, the popup left open: 2026-12-03 CI, and 1 pick in 60 in a loop at load 4); such a popup does
 *   not close by itself, so waiting for it to close, as this did before, waited out the journey.
 * The option is clicked again until the popup closes. Ant Design renders only the options in view of a long list,
 * so the list is scrolled until the option is rendered.
 */
export async function pickOption(
  select: Locator,
  text: string | RegExp,
  search?: string,
  timeoutMs = 20_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  const combobox = select.locator('input[role="combobox"]').first();
  const open = select.locator('input[role="combobox"][aria-expanded="true"]');
  const within = (ms: number) => Math.min(left(deadline), ms);
  let failure = 'the popup did not open';
  for (;;) {
    if (Date.now() >= deadline) throw new AssertionError(`no option ${String(text)} chosen: ${failure}`);
    if (!(await open.count())) {
      await select.click({ timeout: left(deadline) });
      const opened = await open.waitFor({ timeout: within(5_000) }).then(
        () => true,
        () => false,
      );
      if (!opened) {
        failure = 'the popup did not open';
        continue;
      }
    }
    // Filled, not typed: a popup left open by a lost pick still holds the search text.
    if (search && (await combobox.inputValue()) !== search) await combobox.fill(search);
    const option = await shownOption(select, text, within(10_000));
    if (!option) {
      failure = 'no such option in the open popup';
      continue;
    }
    const chosen = await textOf(option).catch(() => null);
    // Short tries: an option of a popup closing meanwhile never becomes clickable again.
    const clicked = await option.click({ timeout: within(5_000) }).then(
      () => true,
      () => false,
    );
    const closed = await open.waitFor({ state: 'detached', timeout: within(5_000) }).then(
      () => true,
      () => false,
    );
    if (clicked && closed && chosen !== null) return chosen;
    failure = closed
      ? 'the popup closed before the option was clicked'
      : 'the popup stayed open after the click';
  }
}

/** The option once it is rendered in this select's popup, scrolling its virtual list down (then from the top). */
async function shownOption(
  select: Locator,
  text: string | RegExp,
  timeoutMs: number,
): Promise<Locator | null> {
  const deadline = Date.now() + timeoutMs;
  const option = (await optionsOf(select, text)).first();
  const id = await select.locator('input[role="combobox"]').first().getAttribute('id');
  const holder = select
    .page()
    .locator(`.ant-select-dropdown:has([id="${id}_list"]) .rc-virtual-list-holder`)
    .first();
  while (Date.now() < deadline) {
    if (await option.isVisible()) return option;
    // Half a list further; from the bottom, back to the top (the list opens scrolled to the current value).
    await holder
      .evaluate(
        (el) => {
          const bottom = el.scrollTop + el.clientHeight >= el.scrollHeight - 1;
          el.scrollTop = bottom ? 0 : el.scrollTop + el.clientHeight / 2;
        },
        undefined,
        { timeout: 1_000 },
      )
      .catch(() => undefined);
    await option.waitFor({ timeout: 500 }).catch(() => undefined);
  }
  return null;
}

/**
 * Chooses an option the way a user does (pickOption) and waits until the select shows it; a pick that closed the
 * popup without choosing (a click that landed beside the option) is picked again.
 */
export async function chooseOption(
  select: Locator,
  text: string | RegExp,
  shown: (chosen: string) => string = (chosen) => chosen.trim(),
  timeoutMs = 30_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const chosen = await pickOption(select, text, undefined, left(deadline));
    const label = shown(chosen);
    const took = await expectText(select, (t) => t.includes(label), '', Math.min(5_000, left(deadline)))
      .then(() => true)
      .catch(() => false);
    if (took) return chosen;
    if (Date.now() >= deadline)
      throw new AssertionError(`the select should show ${label}; it shows ${await textOf(select)}`);
  }
}

const left = (deadline: number) => Math.max(deadline - Date.now(), 1);

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

/**
 * A new desktop context signed in through the API, with its CSRF token, for journeys that also send requests the
 * screen does not offer (to see them refused).
 */
export async function signInWithToken(browser: Browser, baseUrl: string, username: string) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
  const login = await context.request.post(`${baseUrl}/api/auth/login`, {
    data: { username, password: DEMO_PASSWORD },
  });
  assert(login.ok(), `${username} could not log in: ${login.status()}`);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return { context, page, csrfToken };
}
