import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/app.ts';
import { buildTestApp, login, type Session } from '../../test/app.ts';
import { createTestContext, DIALECTS, type TestContext } from '../../test/db.ts';
import { buildOrg, buildRegion, buildUser } from '../../test/factories.ts';
import { setNewsroomClock } from './newsroom.clock.ts';

/**
 * The newsroom's workflow through the API: a county editor submits to the city's column, only a city
 * reviewer publishes, a returned piece goes back to its editor with the comments, a scheduled piece
 * appears on the public site exactly at its time.
 */
for (const dialect of DIALECTS) {
  describe(`newsroom workflow (${dialect})`, () => {
    let ctx: TestContext;
    let sut: App;
    let cityAdmin: Session;
    let editor: Session;
    let otherEditor: Session;
    let reviewer: Session;
    let countyReviewer: Session;
    let now = new Date('2026-03-01T02:00:00.000Z');

    beforeAll(async () => {
      ctx = await createTestContext(dialect);
      setNewsroomClock(ctx, () => now);
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
      await buildOrg(ctx, {
        code: 'SL-B',
        name: '共青团乙县委员会',
        parentCode: 'SL',
        kind: 'committee',
        level: 'county',
      });
      await buildUser(ctx, { username: 'city-admin', orgCode: 'SL', roles: ['org_admin'] });
      await buildUser(ctx, { username: 'jia-editor', orgCode: 'SL-A', roles: ['portal_editor'] });
      await buildUser(ctx, { username: 'yi-editor', orgCode: 'SL-B', roles: ['portal_editor'] });
      await buildUser(ctx, { username: 'city-reviewer', orgCode: 'SL', roles: ['portal_reviewer'] });
      await buildUser(ctx, { username: 'jia-reviewer', orgCode: 'SL-A', roles: ['portal_reviewer'] });
      const pw = 'correct-horse-battery';
      cityAdmin = await login(sut, 'city-admin', pw);
      editor = await login(sut, 'jia-editor', pw);
      otherEditor = await login(sut, 'yi-editor', pw);
      reviewer = await login(sut, 'city-reviewer', pw);
      countyReviewer = await login(sut, 'jia-reviewer', pw);
      const post = (url: string, payload: object) =>
        sut.inject({ method: 'POST', url, headers: cityAdmin.headers, payload });
      expect(
        (await post('/api/newsroom/channels', { slug: 'tuanqing', name: '团情快讯', sortOrder: 1 }))
          .statusCode,
      ).toBe(201);
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
      expect(column.json()).toMatchObject({ orgCode: 'SL', channelSlug: 'qingchun' });
    });
    afterAll(async () => {
      await sut.close();
      await ctx.dispose();
    });

    const call = (s: Session, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
      sut.inject({
        method,
        url,
        headers: method === 'GET' ? { cookie: s.cookie } : s.headers,
        ...(payload ? { payload } : {}),
      });

    async function draft(s: Session, title: string, extra: object = {}) {
      const res = await call(s, 'POST', '/api/newsroom/articles', {
        title,
        bodyHtml: `<p>${title}的正文。</p>`,
        channelSlug: 'qingchun',
        columnSlug: 'qingchun-dajuan',
        ...extra,
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { id: number; status: string };
    }

    it('publishes only through a reviewer of the column’s committee', async () => {
      const piece = await draft(editor, '甲县团委推进基层团组织改革');
      expect(piece.status).toBe('draft');
      expect((await sut.inject({ url: `/articles/${piece.id}` })).statusCode).toBe(404);

      const submitted = await call(editor, 'POST', `/api/newsroom/articles/${piece.id}/submit`);
      expect(submitted.json()).toMatchObject({ status: 'submitted', statusLabel: '待审核' });

      // The editor cannot approve; a reviewer of the county cannot approve for the city's column.
      const byEditor = await call(editor, 'POST', `/api/newsroom/articles/${piece.id}/approve`);
      expect(byEditor.statusCode).toBe(403);
      const byCounty = await call(countyReviewer, 'POST', `/api/newsroom/articles/${piece.id}/approve`);
      expect(byCounty.statusCode).toBe(403);
      expect(byCounty.json().error.message).toBe('该稿件由上级组织的审核人员审核');
      // The other county neither sees nor touches it.
      expect((await call(otherEditor, 'GET', `/api/newsroom/articles/${piece.id}`)).statusCode).toBe(404);

      const queue = await call(reviewer, 'GET', '/api/newsroom/articles?view=review');
      expect(queue.json().items.map((a: { id: number }) => a.id)).toContain(piece.id);

      const approved = await call(reviewer, 'POST', `/api/newsroom/articles/${piece.id}/approve`);
      expect(approved.statusCode, approved.body).toBe(200);
      expect(approved.json()).toMatchObject({ status: 'published', reviewerName: expect.any(String) });

      const page = await sut.inject({ url: `/articles/${piece.id}` });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('甲县团委推进基层团组织改革');
      expect(page.body).toContain('时间:<time');
      expect(page.body).toContain('来源:共青团甲县委员会');
      const home = await sut.inject({ url: '/' });
      expect(home.body).toContain(`/articles/${piece.id}`);

      const audit = await ctx.db
        .selectFrom('audit_log')
        .select(['username', 'summary'])
        .where('entity', '=', 'portal_article')
        .where('entity_id', '=', String(piece.id))
        .execute();
      expect(audit.map((r) => r.username)).toEqual(['jia-editor', 'jia-editor', 'city-reviewer']);
    });

    it('returns a piece to its editor with the comments, who revises and resubmits it', async () => {
      const piece = await draft(editor, '甲县志愿服务情况');
      await call(editor, 'POST', `/api/newsroom/articles/${piece.id}/submit`);
      const empty = await call(reviewer, 'POST', `/api/newsroom/articles/${piece.id}/return`, {
        comment: '  ',
      });
      expect(empty.statusCode).toBe(422);
      const returned = await call(reviewer, 'POST', `/api/newsroom/articles/${piece.id}/return`, {
        comment: '请补充志愿服务时长数据',
      });
      expect(returned.json()).toMatchObject({ status: 'returned', reviewComment: '请补充志愿服务时长数据' });

      const mine = await call(editor, 'GET', '/api/newsroom/articles?view=mine&status=returned');
      const back = mine.json().items.find((a: { id: number }) => a.id === piece.id);
      expect(back).toMatchObject({ statusLabel: '已退回', reviewComment: '请补充志愿服务时长数据' });

      // While submitted it is frozen for the editor; once returned he edits it again, as a new revision.
      const revised = await call(editor, 'PATCH', `/api/newsroom/articles/${piece.id}`, {
        bodyHtml: '<p>全年志愿服务时长 1.2 万小时。</p>',
        note: '按审核意见补充数据',
      });
      expect(revised.statusCode, revised.body).toBe(200);
      expect(
        revised.json().revisions.map((r: { revision: number; note: string }) => [r.revision, r.note]),
      ).toEqual([
        [2, '按审核意见补充数据'],
        [1, '新建'],
      ]);
      await call(editor, 'POST', `/api/newsroom/articles/${piece.id}/submit`);
      const frozen = await call(editor, 'PATCH', `/api/newsroom/articles/${piece.id}`, { title: '偷改' });
      expect(frozen.statusCode).toBe(422);
      expect(frozen.json().error.message).toBe('稿件正在审核中，不能修改');
      const approved = await call(reviewer, 'POST', `/api/newsroom/articles/${piece.id}/approve`);
      expect(approved.json()).toMatchObject({ status: 'published', reviewComment: null });

      // Live, it is the reviewer's to correct, through the same checks; the editor no longer edits it.
      expect(
        (await call(editor, 'PATCH', `/api/newsroom/articles/${piece.id}`, { title: '改' })).statusCode,
      ).toBe(422);
      const wrong = await call(reviewer, 'PATCH', `/api/newsroom/articles/${piece.id}`, {
        title: '再接再励',
      });
      expect(wrong.statusCode).toBe(422);
      expect(wrong.json().error.details.problems[0].reason).toBe('含错敏词「再接再励」，应为：再接再厉');
      const fixed = await call(reviewer, 'PATCH', `/api/newsroom/articles/${piece.id}`, {
        title: '甲县志愿服务1.2万小时',
      });
      expect(fixed.json()).toMatchObject({ status: 'published', revision: 3 });
      expect((await sut.inject({ url: `/articles/${piece.id}` })).body).toContain('甲县志愿服务1.2万小时');
    });

    it('shows a scheduled piece exactly at its time, through the page cache', async () => {
      const at = new Date(now.getTime() + 3 * 3600_000).toISOString();
      const piece = await draft(editor, '定时发布的通知', { publishAt: at });
      await call(editor, 'POST', `/api/newsroom/articles/${piece.id}/submit`);
      const approved = await call(reviewer, 'POST', `/api/newsroom/articles/${piece.id}/approve`);
      expect(approved.json()).toMatchObject({
        status: 'published',
        statusLabel: '定时发布',
        publishedAt: at,
      });

      const before = await sut.inject({ url: '/' });
      expect(before.body).not.toContain('定时发布的通知');
      expect((await sut.inject({ url: '/' })).headers['x-cache']).toBe('hit');
      expect((await sut.inject({ url: `/articles/${piece.id}` })).statusCode).toBe(404);

      now = new Date(Date.parse(at) - 1000);
      expect((await sut.inject({ url: '/' })).body).not.toContain('定时发布的通知');
      now = new Date(at);
      const after = await sut.inject({ url: '/' });
      expect(after.headers['x-cache']).toBe('miss');
      expect(after.body).toContain('定时发布的通知');
      expect((await sut.inject({ url: `/articles/${piece.id}` })).statusCode).toBe(200);
      expect((await sut.inject({ url: '/rss.xml' })).body).toContain('定时发布的通知');
    });

    it('refuses publication over 错敏词 and broken links, listing each', async () => {
      const piece = await draft(editor, '台湾总统选举观察', {
        bodyHtml:
          '<p>我们要再接再励。</p><p><a href="/articles/999999">旧文</a><img src="/uploads/portal/missing.png" alt="图">' +
          '<img src="https://elsewhere.example.com/a.jpg"><a href="https://www.gqt.org.cn/">好链接</a></p>',
      });
      const check = await call(editor, 'GET', `/api/newsroom/articles/${piece.id}/check`);
      expect(check.json().ok).toBe(false);
      await call(editor, 'POST', `/api/newsroom/articles/${piece.id}/submit`);
      const refused = await call(reviewer, 'POST', `/api/newsroom/articles/${piece.id}/approve`);
      expect(refused.statusCode).toBe(422);
      const reasons = refused.json().error.details.problems.map((p: { reason: string }) => p.reason);
      expect(reasons).toEqual([
        '含错敏词「台湾总统」，应为：台湾地区领导人',
        '含错敏词「再接再励」，应为：再接再厉',
        '图片缺少替代文字（图片说明）',
        '链接指向的文章不存在或尚未发布',
        '图片不存在（可能已被删除）',
        '外站图片无法在本站显示，请下载后上传到本站',
      ]);
      const still = await call(reviewer, 'GET', `/api/newsroom/articles/${piece.id}`);
      expect(still.json().status).toBe('submitted');

      // The list is the site's to configure.
      const settings = await call(cityAdmin, 'PATCH', '/api/newsroom/site', {
        sensitiveWords: [{ word: '观察', suggestion: '' }],
      });
      expect(settings.statusCode).toBe(200);
      const again = await call(reviewer, 'GET', `/api/newsroom/articles/${piece.id}/check`);
      expect(again.json().sensitiveWords.map((p: { reason: string }) => p.reason)).toEqual([
        '含错敏词「观察」，请删改',
      ]);
    });

    it('keeps columns of other committees closed to a county’s pieces, and settings to the city', async () => {
      const col = await call(cityAdmin, 'POST', '/api/newsroom/columns', {
        slug: 'jia-only',
        name: '甲县风采',
        channelSlug: 'tuanqing',
        orgCode: 'SL-A',
      });
      expect(col.statusCode).toBe(201);
      const wrong = await call(otherEditor, 'POST', '/api/newsroom/articles', {
        title: '乙县稿件',
        bodyHtml: '<p>正文</p>',
        channelSlug: 'tuanqing',
        columnSlug: 'jia-only',
      });
      expect(wrong.statusCode).toBe(422);
      expect(wrong.json().error.message).toContain('不接收本组织的稿件');
      const yiAdmin = await buildUser(ctx, { username: 'yi-admin', orgCode: 'SL-B', roles: ['org_admin'] });
      expect(yiAdmin).toBeTruthy();
      const yi = await login(sut, 'yi-admin', 'correct-horse-battery');
      expect((await call(yi, 'PATCH', '/api/newsroom/site', { name: '乙县篡改' })).statusCode).toBe(403);
    });

    it('saves edits of one piece made at once one after another, each its own revision', async () => {
      const piece = await draft(editor, '同时修改的稿件');
      const edits = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          call(editor, 'PATCH', `/api/newsroom/articles/${piece.id}`, {
            title: `同时修改的稿件（第${i}稿）`,
          }),
        ),
      );
      for (const res of edits) expect(res.statusCode, res.body).toBe(200);
      const revisions = await ctx.db
        .selectFrom('portal_revisions')
        .select('revision')
        .where('article_id', '=', piece.id)
        .orderBy('revision')
        .execute();
      expect(revisions.map((r) => r.revision)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    });

    it('lists columns not updated within the configured period', async () => {
      await call(cityAdmin, 'PATCH', '/api/newsroom/site', { staleDays: 14 });
      let stale = await call(editor, 'GET', '/api/newsroom/stale-columns');
      expect(stale.json().items.map((c: { slug: string }) => c.slug)).not.toContain('qingchun-dajuan');
      now = new Date(now.getTime() + 15 * 86_400_000);
      stale = await call(editor, 'GET', '/api/newsroom/stale-columns');
      const item = stale.json().items.find((c: { slug: string }) => c.slug === 'qingchun-dajuan');
      expect(item).toMatchObject({ daysSinceUpdate: 15 });
    });

    it('turns the report’s 青春答卷 draft into a submission to the column', async () => {
      const res = await call(editor, 'POST', '/api/newsroom/submissions/answer-sheet', {
        org: 'SL-A',
        from: '2025-01-01',
        to: '2025-12-31',
      });
      expect(res.statusCode, res.body).toBe(201);
      const piece = res.json();
      expect(piece).toMatchObject({
        status: 'submitted',
        origin: 'report',
        columnSlug: 'qingchun-dajuan',
        source: '共青团甲县委员会',
        title: expect.stringMatching(/^青春答卷 \| 共青团甲县委员会[:：]/),
      });
      // The Markdown became clean HTML: the lead as a paragraph, no title heading repeated in the body.
      expect(piece.bodyHtml).toMatch(/^<p>2025年，甲县团委坚持/);
      expect(piece.bodyHtml).not.toContain('<h1');
      const queue = await call(reviewer, 'GET', '/api/newsroom/articles?view=review');
      expect(queue.json().items.map((a: { id: number }) => a.id)).toContain(piece.id);
      const other = await call(otherEditor, 'POST', '/api/newsroom/submissions/answer-sheet', {
        org: 'SL-A',
        from: '2025-01-01',
        to: '2025-12-31',
      });
      expect(other.statusCode).toBe(403);
    });

    it('answers with exactly the fields the admin reads (newsroomApi.ts), no scope path, no more', async () => {
      const summaryKeys = [
        'id',
        'title',
        'summary',
        'status',
        'statusLabel',
        'channelSlug',
        'channelName',
        'columnSlug',
        'columnName',
        'orgCode',
        'source',
        'authorName',
        'reviewerName',
        'reviewComment',
        'featured',
        'coverImage',
        'publishAt',
        'publishedAt',
        'submittedAt',
        'revision',
        'origin',
        'updatedAt',
      ];
      const detailKeys = [...summaryKeys, 'bodyHtml', 'revisions', 'mayReview', 'mayEdit'];
      const keys = (o: object) => Object.keys(o).sort();
      const piece = await draft(editor, '字段齐全的稿件', { publishAt: '2030-01-01T00:00:00.000Z' });
      expect(keys(piece)).toEqual(detailKeys.sort());
      const detail = (await call(editor, 'GET', `/api/newsroom/articles/${piece.id}`)).json();
      expect(detail).toMatchObject({
        title: '字段齐全的稿件',
        featured: false,
        columnName: '青春答卷',
        orgCode: 'SL-A',
        authorName: 'jia-editor',
        reviewerName: null,
        publishAt: '2030-01-01T00:00:00.000Z',
        mayEdit: true,
        mayReview: false,
      });
      expect(detail.updatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      expect(keys(detail.revisions[0])).toEqual(['createdAt', 'note', 'revision', 'title', 'username']);
      const list = (await call(editor, 'GET', '/api/newsroom/articles?view=mine')).json();
      expect(list).toMatchObject({ page: 1, pageSize: 20, total: expect.any(Number) });
      expect(keys(list.items[0])).toEqual(summaryKeys.sort());

      const check = (await call(editor, 'GET', `/api/newsroom/articles/${piece.id}/check`)).json();
      expect(check).toEqual({ ok: true, sensitiveWords: [], links: [] });

      const site = (await call(editor, 'GET', '/api/newsroom/site')).json();
      expect(keys(site)).toEqual(
        [
          'name',
          'welcome',
          'description',
          'copyright',
          'address',
          'postcode',
          'phone',
          'friendlyLinks',
          'sensitiveWords',
          'staleDays',
          'icpNumber',
          'policeNumber',
          'logoImage',
          'faviconImage',
        ].sort(),
      );
      expect(keys(site.sensitiveWords[0])).toEqual(['suggestion', 'word']);
      const structure = (await call(editor, 'GET', '/api/newsroom/structure')).json();
      expect(keys(structure.channels[0])).toEqual(['id', 'name', 'slug', 'sortOrder']);
      const columnKeys = [
        'id',
        'slug',
        'name',
        'intro',
        'channelSlug',
        'channelName',
        'orgCode',
        'orgName',
        'sortOrder',
      ];
      expect(keys(structure.columns[0])).toEqual([...columnKeys].sort());
      const renamed = await call(cityAdmin, 'PATCH', '/api/newsroom/channels/tuanqing', { name: '团情快讯' });
      expect(keys(renamed.json())).toEqual(['id', 'name', 'slug', 'sortOrder']);
      await call(cityAdmin, 'PATCH', '/api/newsroom/site', { staleDays: 1 });
      const stale = (await call(editor, 'GET', '/api/newsroom/stale-columns')).json();
      expect(stale.staleDays).toBe(1);
      expect(keys(stale.items[0])).toEqual([...columnKeys, 'lastPublishedAt', 'daysSinceUpdate'].sort());
      await call(cityAdmin, 'PATCH', '/api/newsroom/site', { staleDays: 14 });
    });

    it('validates uploaded images by content and size and serves them', async () => {
      const png = Buffer.from(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
        'base64',
      );
      const send = (name: string, content: Buffer) => {
        const boundary = '----tuanwu';
        const payload = Buffer.concat([
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: image/png\r\n\r\n`,
          ),
          content,
          Buffer.from(`\r\n--${boundary}--\r\n`),
        ]);
        return sut.inject({
          method: 'POST',
          url: '/api/newsroom/images',
          headers: { ...editor.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
          payload,
        });
      };
      const ok = await send('photo.png', png);
      expect(ok.statusCode, ok.body).toBe(201);
      expect(ok.json()).toEqual({
        url: expect.stringMatching(/^\/uploads\/portal\//),
        mimeType: 'image/png',
        bytes: png.length,
      });
      const served = await sut.inject({ url: ok.json().url });
      expect(served.statusCode).toBe(200);
      expect(served.headers['content-type']).toBe('image/png');
      const svg = await send('evil.png', Buffer.from('<svg onload="alert(1)"></svg>'));
      expect(svg.statusCode).toBe(422);
      expect(svg.json().error.message).toBe('只能上传 PNG、JPEG、GIF 或 WebP 图片');
      const big = await send('big.png', Buffer.concat([png, Buffer.alloc(5 * 1024 * 1024)]));
      expect(big.statusCode).toBe(422);
      expect(big.json().error.message).toBe('图片不能超过 5 MB');
    });
  });
}
