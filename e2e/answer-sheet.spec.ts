import { readFileSync } from 'node:fs';
import type { Locator } from 'playwright-core';
import { DEMO_PASSWORD } from '../src/demo/accounts.ts';
import { docxText } from '../src/test/docx-text.ts';
import { assert, byTestId, type Env, expectText, type Journey, signIn } from './harness.ts';
import { organiserApi } from './volunteering.spec.ts';

/** Waits until the draft editor holds text that passes the check (the draft loads after the page). */
async function editorValue(editor: Locator, check: (text: string) => boolean, what: string): Promise<string> {
  const deadline = Date.now() + 20_000;
  let last = '';
  while (Date.now() < deadline) {
    last = await editor.inputValue().catch(() => '');
    if (check(last)) return last;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what}; the editor held: ${last.slice(0, 200)}`);
}

/** A period of its own: the demo's 青春答卷 pieces are for 2022 to yesterday, so this one is new in every run. */
const PERIOD = 'from=2025-01-01&to=2025-12-31';
const EDIT = '全县团员青年踊跃参加“河小青”护河行动，守护一江清水。';

/**
 * The reviewer settles the piece: approved, then withdrawn from the site. Left 待审核 it sat in the review queue
 * (and the reviewer's to-do count) of every journey after this one; withdrawn, it is neither queued nor published.
 */
async function settle({ browser, server }: Env, id: number): Promise<string> {
  const context = await browser.newContext({ locale: 'zh-CN' });
  try {
    const api = await organiserApi(context.request, server.baseUrl, 'city_reviewer', DEMO_PASSWORD);
    const piece = await api.get<{ status: string }>(`/api/newsroom/articles/${id}`);
    if (piece.status === 'submitted') await api.post(`/api/newsroom/articles/${id}/approve`);
    if (piece.status === 'submitted' || piece.status === 'published')
      await api.post(`/api/newsroom/articles/${id}/withdraw`);
    return (await api.get<{ status: string }>(`/api/newsroom/articles/${id}`)).status;
  } finally {
    await context.close();
  }
}

export const answerSheetJourneys: Journey[] = [
  {
    name: '青春答卷 draft: the edited text goes into Word and to the site, a second submit updates the one piece',
    async run(env) {
      const { server, browser, screenshot, log } = env;
      const t0 = Date.now();
      let pieceId: number | undefined;
      const page = await signIn(browser, server.baseUrl, 'donghu_editor');
      log(`signed in after ${Date.now() - t0} ms`);
      // A screenshot is for people to look at; on a loaded machine one may time out, which is not the journey's failure.
      const shot = (name: string) =>
        screenshot(name, page).catch((e: Error) =>
          log(`screenshot ${name} not taken: ${e.message.split('\n')[0]}`),
        );
      try {
        await page.goto(`${server.baseUrl}/admin/reports?${PERIOD}`);
        const editor = byTestId(page, 'article-editor');
        await editorValue(editor, (t) => t.startsWith('# 青春答卷'), 'the draft is generated');
        // The clerk retitles the piece and adds a sentence to the lead (the paragraph under the byline).
        const title = `东湖县团委青春答卷（${Date.now().toString(36)}）`;
        const lines = (await editor.inputValue()).split('\n');
        lines[0] = `# ${title}`;
        lines[4] = `${lines[4]}${EDIT}`;
        await editor.fill(lines.join('\n'));
        await expectText(
          page.locator('.ant-card', { hasText: '文章初稿' }),
          (t) => t.includes('已修改'),
          'edited',
        );
        await shot('answer-sheet-draft-edited');

        // 下载Word: the file holds the edited sentence and title.
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          byTestId(page, 'download-word').click(),
        ]);
        const word = docxText(readFileSync(await download.path()));
        assert(word.includes(EDIT), `the Word file lacks the edited sentence: ${word.slice(0, 300)}`);
        assert(word.includes(title), 'the Word file carries the edited title');
        assert(
          download.suggestedFilename().endsWith('.docx'),
          `a .docx, not ${download.suggestedFilename()}`,
        );

        log('Word file checked');
        // 提交到网站, then look at the piece.
        await byTestId(page, 'submit-article').click();
        const done = page.locator('.ant-modal-confirm', { hasText: '已提交到网站' });
        await done.waitFor();
        await shot('answer-sheet-submitted');
        await done.getByRole('button', { name: '查看稿件' }).click();
        await page.waitForURL(/\/newsroom\/articles\/\d+$/);
        const firstUrl = page.url();
        pieceId = Number(/\/articles\/(\d+)$/.exec(firstUrl)?.[1]);
        log(`submitted: ${firstUrl} after ${Date.now() - t0} ms`);
        await expectText(
          byTestId(page, 'article-editor'),
          (t) => t.includes(EDIT),
          'the submitted piece has the edit',
        );
        await expectText(
          byTestId(page, 'article-status'),
          (t) => t === '待审核',
          'the piece waits for review',
        );

        log('the piece shows the edit');
        await shot('answer-sheet-piece');
        // Back on the report page the edits are still there; submitting again updates the same piece.
        await page.goBack();
        await page.waitForURL(/\/admin\/reports/);
        await editorValue(editor, (t) => t.includes(EDIT), 'the edits are kept after looking at the piece');
        log('edits kept on the report page');
        await byTestId(page, 'submit-article').click();
        const updated = page.locator('.ant-modal-confirm', { hasText: '已更新网站稿件' });
        await updated.waitFor();
        await expectText(updated, (t) => t.includes('第 2 版'), 'the second submit made version 2');
        await updated.getByRole('button', { name: '查看稿件' }).click();
        await page.waitForURL(/\/newsroom\/articles\/\d+$/);
        assert(
          page.url() === firstUrl,
          `the second submit opened ${page.url()}, not the first piece ${firstUrl}`,
        );

        // One piece with that title, holding the edit.
        const list = await page.request.get(
          `${server.baseUrl}/api/newsroom/articles?q=${encodeURIComponent(title)}&pageSize=100`,
        );
        assert(list.ok(), `the newsroom list answered ${list.status()}`);
        const items = ((await list.json()) as { items: { id: number; title: string }[] }).items;
        assert(items.length === 1, `expected one piece titled ${title}, found ${items.length}`);
        await page.goto(`${server.baseUrl}/admin/newsroom?q=${encodeURIComponent(title)}`);
        await expectText(
          page.locator('.ant-table'),
          (t) => t.includes(title),
          'the newsroom lists the piece',
        );
        await shot('answer-sheet-one-piece');
        const settled = await settle(env, pieceId);
        assert(settled === 'withdrawn', `the piece is left ${settled}, not withdrawn`);
        pieceId = undefined;
      } catch (error) {
        await screenshot('FAILED-answer-sheet', page).catch(() => undefined);
        // Not left in the queue by a failure either.
        if (pieceId)
          await settle(env, pieceId).catch((e: Error) => log(`piece ${pieceId} not settled: ${e.message}`));
        throw error;
      } finally {
        await page.context().close();
      }
    },
  },
];
