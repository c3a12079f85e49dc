/**
 * Issue 17, item 8: every page as every demo role. Each demo account signs in, opens every entry of its menu (and
 * every tab of each page) the way a user clicks through them, and the journey lists what merely opening a page
 * got wrong: a request the server refused (403) or failed on (5xx), an uncaught error or a console error, an error
 * shown on the page (加载失败, an error result or alert), and English codes or `undefined` shown where a Chinese
 * label belongs. A screen shows only what the role may do, so none of these should happen.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../src/demo/accounts.ts';
import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS } from '../src/shared/audit-labels.ts';
import * as sharedLabels from '../src/shared/labels.ts';
import { AssertionError, type Env, type Journey, textOf } from './harness.ts';
import { artifacts } from './server.ts';

interface Account {
  username: string;
  /** Also swept on a 390 px phone (the roles that work from one). */
  phone?: boolean;
  /** Every page and tab screenshotted, to be looked at (E2E_SWEEP_SHOTS=all: every account's). */
  shots?: boolean;
}

const ACCOUNTS: Account[] = [
  { username: 'admin' },
  { username: 'city_admin' },
  { username: 'city_reviewer' },
  { username: 'donghu_admin' },
  { username: 'donghu_editor' },
  { username: 'xiling_admin' },
  { username: 'xiling_editor' },
  { username: 'branch_sec', phone: true, shots: true },
  { username: 'dh_school' },
  { username: 'volunteer_org', shots: true },
  { username: 'counsellor' },
  { username: 'dh_supervisor' },
  { username: 'aid_officer' },
  { username: 'student', phone: true, shots: true },
];

/**
 * Findings known and owned by another piece of work, so the sweep does not fail on them meanwhile. Each names its
 * issue; remove the entry when that lands.
 */
const KNOWN: { role?: string; page: RegExp; finding: RegExp; why: string }[] = [];

/**
 * Actions a screen offers and the write each calls: shown to a role whose me.writes lacks it, the button would be
 * refused (issue 17 item 8). `page` narrows a label as plain as 保存 to the screen it belongs to.
 */
const ACTIONS: { label: RegExp; op: string; page?: RegExp }[] = [
  { label: /^初步筛选$/, op: 'POST /api/party-recommendations' },
  { label: /^支委会提出$/, op: 'POST /api/party-recommendations/{id}/propose' },
  { label: /^团员大会投票$/, op: 'POST /api/party-recommendations/{id}/ballot' },
  { label: /^登记结果$/, op: 'POST /api/party-recommendations/{id}/outcome' },
  { label: /^新增人员$/, op: 'POST /api/people' },
  { label: /^发布活动$/, op: 'POST /api/volunteering/activities' },
  { label: /^部署年度注册评议$/, op: 'POST /api/membership/campaigns' },
  { label: /^评 ?议$/, op: 'PUT /api/membership/campaigns/{id}/branches/{code}', page: /注册评议/ },
  { label: /^保 ?存$/, op: 'PUT /api/volunteering/settings', page: /计时规则/ },
  { label: /^登记团课$/, op: 'POST /api/classes' },
  { label: /^设立团校$/, op: 'POST /api/schools' },
  { label: /^登记入团申请$/, op: 'POST /api/admissions' },
];

/** Every stored code the shared label maps translate: shown as such, it is a label forgotten. */
const CODES = new Set<string>([
  ...Object.keys(AUDIT_ACTION_LABELS),
  ...Object.keys(AUDIT_ENTITY_LABELS),
  ...Object.values(sharedLabels).flatMap((v) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.keys(v) : [],
  ),
]);
const USERNAMES = new Set(ACCOUNTS.map((a) => a.username));

/** Raw codes and leaked JavaScript values in a page's text. */
export function rawCodesIn(text: string): string[] {
  const found = new Set<string>();
  for (const leak of ['undefined', 'NaN', '[object Object]', 'Invalid Date', 'null']) {
    if (new RegExp(`(^|[^A-Za-z])${leak.replace(/[[\]]/g, '\\$&')}($|[^A-Za-z])`).test(text)) found.add(leak);
  }
  // URLs, e-mail addresses, file names and paths are English by nature.
  const words = text
    .replace(
      /https?:\/\/\S+|\S+@\S+|[\w.-]+\.(?:xlsx|xls|csv|docx|pdf|png|jpe?g|svg|md|json)\b|\/[\w/-]+/gi,
      ' ',
    )
    .match(/(?<![A-Za-z0-9_.-])[a-z][a-z0-9]*(?:_[a-z0-9]+)*(?![A-Za-z0-9_-])/g);
  for (const word of words ?? []) {
    if (USERNAMES.has(word) || word.length < 2) continue;
    if (word.includes('_') || CODES.has(word)) found.add(word);
  }
  return [...found];
}

interface Finding {
  page: string;
  what: string;
}

/** Waits until no /api request has been in flight for a moment (or gives up after a while). */
async function settle(page: Page, inflight: { count: number }, quietMs = 300, maxMs = 12_000) {
  const deadline = Date.now() + maxMs;
  let quietSince = inflight.count === 0 ? Date.now() : 0;
  while (Date.now() < deadline) {
    await page.waitForTimeout(100);
    if (inflight.count > 0) quietSince = 0;
    else if (!quietSince) quietSince = Date.now();
    else if (Date.now() - quietSince >= quietMs && (await page.locator('.ant-spin-spinning').count()) === 0)
      return;
  }
}

async function sweep(
  browser: Browser,
  env: Env,
  account: Account,
  viewport: 'desktop' | 'phone',
): Promise<{ findings: Finding[]; buttons: string[] }> {
  const phone = viewport === 'phone';
  const shots = account.shots || process.env.E2E_SWEEP_SHOTS === 'all';
  const context = await browser.newContext(
    phone
      ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' }
      : { viewport: { width: 1366, height: 900 }, locale: 'zh-CN' },
  );
  const findings: Finding[] = [];
  const buttons: string[] = [];
  try {
    const login = await context.request.post(`${env.server.baseUrl}/api/auth/login`, {
      data: { username: account.username, password: DEMO_PASSWORD },
    });
    if (!login.ok())
      return { findings: [{ page: 'login', what: `cannot sign in: ${login.status()}` }], buttons };
    const me = (await (await context.request.get(`${env.server.baseUrl}/api/auth/me`)).json()) as {
      user: { writes: string[] };
    };
    const writes = new Set(me.user.writes);
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    let where = 'sign-in';
    const inflight = { count: 0 };
    const isApi = (url: string) => new URL(url).pathname.startsWith('/api/');
    page.on('request', (r) => {
      if (isApi(r.url())) inflight.count++;
    });
    page.on('requestfinished', (r) => {
      if (isApi(r.url())) inflight.count = Math.max(0, inflight.count - 1);
    });
    page.on('requestfailed', (r) => {
      if (isApi(r.url())) inflight.count = Math.max(0, inflight.count - 1);
    });
    page.on('response', (r) => {
      const status = r.status();
      if (isApi(r.url()) && (status === 403 || status >= 500)) {
        const url = new URL(r.url());
        findings.push({ page: where, what: `${r.request().method()} ${url.pathname} → ${status}` });
      }
    });
    page.on('pageerror', (e) =>
      findings.push({ page: where, what: `uncaught: ${e.message.split('\n')[0]}` }),
    );
    page.on('console', (m) => {
      // A refused request logs "Failed to load resource" too; the response above names it better.
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource'))
        findings.push({ page: where, what: `console error: ${m.text().split('\n')[0]!.slice(0, 200)}` });
    });

    await page.goto(`${env.server.baseUrl}/admin/`);
    const main = page.locator('main.ant-layout-content');
    await main.waitFor();
    const menu = phone ? page.locator('.ant-drawer .ant-menu') : page.locator('.ant-layout-sider .ant-menu');
    const openMenu = async () => {
      if (!phone) return;
      await page.getByRole('button', { name: '菜单' }).click();
      await menu.waitFor();
    };
    await openMenu();
    const entries = (await menu.locator('.ant-menu-item').allInnerTexts()).map((t) =>
      t.split('\n')[0]!.trim(),
    );
    if (phone) await page.keyboard.press('Escape');

    for (const entry of entries) {
      await openMenu();
      where = entry;
      await menu.locator('.ant-menu-item').filter({ hasText: entry }).first().click();
      // The page has changed once its entry is the selected one; only then is the quiet the new page's.
      if (!phone) await menu.locator('.ant-menu-item-selected').filter({ hasText: entry }).waitFor();
      // The drawer closes on a click; wait until it has gone, so the tabs are clickable.
      if (phone)
        await page
          .locator('.ant-drawer-open')
          .waitFor({ state: 'detached' })
          .catch(() => undefined);
      await settle(page, inflight);
      await inspect(page, main, where, findings, buttons, writes);
      const slug = new URL(page.url()).pathname.replace(/^\/admin\/?/, '').replace(/\W+/g, '-') || 'home';
      if (shots) await env.screenshot(`sweep-${account.username}-${viewport}-${slug}`, page);

      const tabs = main.locator('.ant-tabs-nav-list').first().locator('> .ant-tabs-tab');
      const labels = (await tabs.allInnerTexts()).map((t) => t.trim());
      for (const [i, label] of labels.entries()) {
        if (i === 0) continue; // the first tab is what the page opened on
        where = `${entry} › ${label}`;
        // The tab bar of a phone puts some tabs behind its "more" button; a click on the tab itself still works.
        await tabs.nth(i).evaluate((el) => (el as unknown as { click(): void }).click());
        await settle(page, inflight);
        await inspect(page, main, where, findings, buttons, writes);
        if (shots) await env.screenshot(`sweep-${account.username}-${viewport}-${slug}-${i}`, page);
      }
    }
    env.log(`${account.username} (${viewport}): ${entries.length} menu entries: ${entries.join('、')}`);
  } finally {
    await context.close();
  }
  return { findings, buttons };
}

async function inspect(
  page: Page,
  main: ReturnType<Page['locator']>,
  where: string,
  findings: Finding[],
  buttons: string[],
  writes: ReadonlySet<string>,
): Promise<void> {
  const text = await textOf(main).catch(() => '');
  // The drawers and dialogs a page opened on its own are outside main.
  for (const label of await page.locator('main button:visible, .ant-drawer button:visible').allInnerTexts()) {
    const name = label.trim().replace(/\s+/g, ' ');
    if (!name) continue;
    buttons.push(`${where}\t${name}`);
    const action = ACTIONS.find((a) => a.label.test(name) && (!a.page || a.page.test(where)));
    if (action && !writes.has(action.op))
      findings.push({ page: where, what: `shows ${name}, but the role may not call ${action.op}` });
  }
  if (text.includes('加载失败')) findings.push({ page: where, what: 'shows 加载失败' });
  for (const selector of ['.ant-result-error', '.ant-result-403', '.ant-result-404', '.ant-result-500']) {
    if (await main.locator(selector).count()) findings.push({ page: where, what: `shows ${selector}` });
  }
  const alerts = main.locator('.ant-alert-error');
  for (const alert of await alerts.all())
    findings.push({ page: where, what: `error alert: ${(await textOf(alert)).slice(0, 120)}` });
  const toasts = await page.locator('.ant-message-error').allInnerTexts();
  for (const t of toasts) findings.push({ page: where, what: `error message: ${t.slice(0, 120)}` });
  for (const code of rawCodesIn(text)) findings.push({ page: where, what: `raw code shown: ${code}` });
}

/** Sweeps at once: each waits mostly for its page to settle, so a few side by side finish sooner on 2 cores. */
const CONCURRENCY = 4;

export const roleSweepJourneys: Journey[] = [
  {
    name: 'role sweep: every page each demo account can open works and shows only what the role may do',
    timeoutMs: 600_000,
    async run(env) {
      // E2E_SWEEP_ACCOUNTS=branch_sec,student: only these (while fixing what the sweep found for them).
      const chosen = process.env.E2E_SWEEP_ACCOUNTS?.split(',').filter(Boolean);
      const runs = ACCOUNTS.filter((a) => !chosen?.length || chosen.includes(a.username)).flatMap((account) =>
        (account.phone ? (['desktop', 'phone'] as const) : (['desktop'] as const)).map((viewport) => ({
          account,
          viewport,
        })),
      );
      const open: string[] = [];
      const buttons: string[] = [];
      let next = 0;
      const worker = async () => {
        while (next < runs.length) {
          const { account, viewport } = runs[next++]!;
          const started = Date.now();
          const result = await sweep(env.browser, env, account, viewport);
          env.log(
            `${account.username} (${viewport}) swept in ${((Date.now() - started) / 1000).toFixed(1)} s`,
          );
          buttons.push(...result.buttons.map((b) => `${account.username}\t${viewport}\t${b}`));
          // Which actions each role is shown where, for a reader checking them against the roles (DOMAIN.md).
          writeFileSync(
            path.join(artifacts, 'role-sweep-buttons.tsv'),
            `${[...buttons].sort().join('\n')}\n`,
          );
          const unique = [...new Map(result.findings.map((f) => [`${f.page}|${f.what}`, f])).values()];
          for (const f of unique) {
            const known = KNOWN.some(
              (k) =>
                (!k.role || k.role === account.username) && k.page.test(f.page) && k.finding.test(f.what),
            );
            if (!known) open.push(`${account.username} (${viewport}) ${f.page}: ${f.what}`);
          }
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      if (open.length) throw new AssertionError(`the role sweep found:\n${open.sort().join('\n')}`);
    },
  },
];
