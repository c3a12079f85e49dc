import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/app.ts';
import { buildTestApp, login, type Session } from '../../test/app.ts';
import { createTestContext, DIALECTS, type TestContext } from '../../test/db.ts';
import { docxText } from '../../test/docx-text.ts';
import { buildOrg, buildRegion, buildUser } from '../../test/factories.ts';

/**
 * Issue 17 item 3: the 青春答卷 draft as the clerk edited it is what goes to the site and into Word, and submitting
 * the same organisation and period again updates the one piece — also when two submissions arrive at once.
 */
for (const dialect of DIALECTS) {
  describe(`青春答卷 draft: edits kept, one piece per period (${dialect})`, () => {
    let ctx: TestContext;
    let sut: App;
    let editor: Session;
    let reviewer: Session;
    const EDIT = '全县团员青年踊跃参加“河小青”护河行动，守护一江清水。';

    beforeAll(async () => {
      ctx = await createTestContext(dialect);
      sut = await buildTestApp(ctx);
      await buildRegion(ctx, '419900', 'city');
      await buildOrg(ctx, {
        code: 'SL',
        name: '共青团示例市委员会',
        parentCode: null,
        kind: 'committee',
        level: 'city',
        regionCode: '419900',
      });
      await buildOrg(ctx, {
        code: 'SL-A',
        name: '共青团甲县委员会',
        parentCode: 'SL',
        kind: 'committee',
        level: 'county',
      });
      await buildUser(ctx, { username: 'city-admin', orgCode: 'SL', roles: ['org_admin'] });
      await buildUser(ctx, { username: 'jia-editor', orgCode: 'SL-A', roles: ['portal_editor'] });
      await buildUser(ctx, { username: 'city-reviewer', orgCode: 'SL', roles: ['portal_reviewer'] });
      const pw = 'correct-horse-battery';
      const admin = await login(sut, 'city-admin', pw);
      editor = await login(sut, 'jia-editor', pw);
      reviewer = await login(sut, 'city-reviewer', pw);
      const post = (url: string, payload: object) =>
        sut.inject({ method: 'POST', url, headers: admin.headers, payload });
      expect(
        (await post('/api/newsroom/channels', { slug: 'qingchun', name: '青春答卷', sortOrder: 3 }))
          .statusCode,
      ).toBe(201);
      const column = await post('/api/newsroom/columns', {
        slug: 'qingchun-dajuan',
        name: '青春答卷',
        intro: '各县团委“五个引领”改革成效展示',
        channelSlug: 'qingchun',
      });
      expect(column.statusCode, column.body).toBe(201);
    });
    afterAll(async () => {
      await sut.close();
      await ctx.dispose();
    });

    const call = (s: Session, method: 'GET' | 'POST', url: string, payload?: object) =>
      sut.inject({
        method,
        url,
        headers: method === 'GET' ? { cookie: s.cookie } : s.headers,
        ...(payload ? { payload } : {}),
      });

    /** The draft as the report page shows it, with the clerk's sentence added to the lead and a new title. */
    async function editedDraft(period: { from: string; to: string }, title: string): Promise<string> {
      const res = await call(
        editor,
        'GET',
        `/api/reports/article?org=SL-A&from=${period.from}&to=${period.to}`,
      );
      expect(res.statusCode, res.body).toBe(200);
      const lines = res.body.split('\n');
      expect(lines[0]).toMatch(/^# 青春答卷 \| /);
      lines[0] = `# ${title}`;
      lines[4] = `${lines[4]}${EDIT}`;
      return lines.join('\n');
    }

    async function piecesOf(sourceKey: string) {
      return ctx.db
        .selectFrom('portal_articles')
        .select(['id', 'title', 'body_html', 'revision', 'status'])
        .where('source_key', '=', sourceKey)
        .execute();
    }

    it('downloads Word with the edited text, not the regenerated draft', async () => {
      const markdown = await editedDraft(
        { from: '2025-01-01', to: '2025-12-31' },
        '甲县团委的青春答卷（改）',
      );
      const res = await call(editor, 'POST', '/api/reports/article/docx', {
        org: 'SL-A',
        from: '2025-01-01',
        to: '2025-12-31',
        markdown,
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toContain('wordprocessingml');
      const text = docxText(res.rawPayload);
      expect(text).toContain(EDIT);
      expect(text).toContain('甲县团委的青春答卷（改）');
      expect(text).toContain('共青团甲县委员会');
      expect(text).not.toContain('# ');
    });

    it('refuses Word for an organisation outside the caller’s reach, and an empty text', async () => {
      const other = await call(editor, 'POST', '/api/reports/article/docx', {
        org: 'SL',
        from: '2025-01-01',
        to: '2025-12-31',
        markdown: '# 标题\n\n正文。',
      });
      expect(other.statusCode).toBe(403);
      const empty = await call(editor, 'POST', '/api/reports/article/docx', {
        org: 'SL-A',
        from: '2025-01-01',
        to: '2025-12-31',
        markdown: '',
      });
      expect(empty.statusCode).toBe(422);
    });

    it('submits the edited text; a second submission updates that piece, audited', async () => {
      const period = { from: '2025-01-01', to: '2025-12-31' };
      const first = await call(editor, 'POST', '/api/newsroom/submissions/answer-sheet', {
        org: 'SL-A',
        ...period,
        markdown: await editedDraft(period, '甲县团委的青春答卷'),
      });
      expect(first.statusCode, first.body).toBe(201);
      expect(first.json()).toMatchObject({
        title: '甲县团委的青春答卷',
        status: 'submitted',
        source: '共青团甲县委员会',
        columnSlug: 'qingchun-dajuan',
      });
      expect(first.json().bodyHtml).toContain(EDIT);
      expect(first.json().bodyHtml).not.toContain('<h1');

      const again = await call(editor, 'POST', '/api/newsroom/submissions/answer-sheet', {
        org: 'SL-A',
        ...period,
        markdown: (await editedDraft(period, '甲县团委的青春答卷（第二稿）')).replace(
          EDIT,
          `${EDIT}再添一句。`,
        ),
      });
      expect(again.statusCode, again.body).toBe(200);
      expect(again.json()).toMatchObject({ id: first.json().id, status: 'submitted', revision: 2 });
      expect(again.json().bodyHtml).toContain(`${EDIT}再添一句。`);
      const pieces = await piecesOf('answer-sheet:SL-A:2025-01-01:2025-12-31');
      expect(pieces).toHaveLength(1);
      expect(pieces[0]).toMatchObject({ title: '甲县团委的青春答卷（第二稿）', revision: 2 });

      const audit = await ctx.db
        .selectFrom('audit_log')
        .select(['action', 'summary'])
        .where('entity', '=', 'portal_article')
        .where('entity_id', '=', String(first.json().id))
        .orderBy('id')
        .execute();
      expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
      expect(audit[1]!.summary).toContain('重新提交送审（第 2 版');
    });

    it('makes one piece of two submissions at once', async () => {
      const period = { from: '2024-01-01', to: '2024-12-31' };
      const markdown = await editedDraft(period, '甲县团委2024年青春答卷');
      const answers = await Promise.all(
        [1, 2].map(() =>
          call(editor, 'POST', '/api/newsroom/submissions/answer-sheet', {
            org: 'SL-A',
            ...period,
            markdown,
          }),
        ),
      );
      expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 201]);
      expect(new Set(answers.map((a) => a.json().id)).size).toBe(1);
      expect(await piecesOf('answer-sheet:SL-A:2024-01-01:2024-12-31')).toHaveLength(1);
    });

    it('does not overwrite a published piece from the report page, and changes nothing', async () => {
      const period = { from: '2023-01-01', to: '2023-12-31' };
      const markdown = await editedDraft(period, '甲县团委2023年青春答卷');
      const first = await call(editor, 'POST', '/api/newsroom/submissions/answer-sheet', {
        org: 'SL-A',
        ...period,
        markdown,
      });
      expect(first.statusCode, first.body).toBe(201);
      const approved = await call(reviewer, 'POST', `/api/newsroom/articles/${first.json().id}/approve`);
      expect(approved.statusCode, approved.body).toBe(200);
      const again = await call(editor, 'POST', '/api/newsroom/submissions/answer-sheet', {
        org: 'SL-A',
        ...period,
        markdown: markdown.replace(EDIT, '改写的句子。'),
      });
      expect(again.statusCode).toBe(422);
      expect(again.json().error.message).toContain('已发布，不能再次提交覆盖');
      const pieces = await piecesOf('answer-sheet:SL-A:2023-01-01:2023-12-31');
      expect(pieces).toMatchObject([{ status: 'published', revision: 1 }]);
      expect(pieces[0]!.body_html).toContain(EDIT);
    });
  });
}
