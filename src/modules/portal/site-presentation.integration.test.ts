import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/app.ts';
import { buildTestApp, login, type Session } from '../../test/app.ts';
import { createTestContext, DIALECTS, type TestContext } from '../../test/db.ts';
import { dumpTables, multipartFile } from '../../test/dump.ts';
import { buildOrg, buildUser } from '../../test/factories.ts';
import { solidPng } from '../../test/png.ts';

/**
 * Issue 17, item 15: filing numbers in the footer, the site's emblem and favicon (uploaded, checked, served);
 * picture news on the home page; a table in a piece scrolls inside the article.
 */
for (const dialect of DIALECTS) {
  describe(`public site: 备案号, emblem, favicon, picture news, tables (${dialect})`, () => {
    let ctx: TestContext;
    let sut: App;
    let admin: Session;
    let reviewer: Session;

    beforeAll(async () => {
      ctx = await createTestContext(dialect);
      sut = await buildTestApp(ctx);
      await buildOrg(ctx, {
        code: 'SL',
        name: '共青团示例市委员会',
        parentCode: null,
        kind: 'committee',
        level: 'city',
      });
      await buildUser(ctx, { username: 'admin', orgCode: 'SL', roles: ['org_admin'] });
      admin = await login(sut, 'admin', 'correct-horse-battery');
      await buildUser(ctx, { username: 'reviewer', orgCode: 'SL', roles: ['portal_reviewer'] });
      reviewer = await login(sut, 'reviewer', 'correct-horse-battery');
      await sut.inject({
        method: 'POST',
        url: '/api/newsroom/channels',
        headers: admin.headers,
        payload: { slug: 'tuanqing', name: '团情快讯', sortOrder: 1 },
      });
    });
    afterAll(async () => {
      await sut.close();
      await ctx.dispose();
    });

    const upload = async (name: string, content: Buffer) => {
      const file = multipartFile(name, content);
      const res = await sut.inject({
        method: 'POST',
        url: '/api/newsroom/images',
        headers: { ...admin.headers, ...file.headers },
        payload: file.payload,
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().url as string;
    };
    const patch = (payload: object) =>
      sut.inject({ method: 'PATCH', url: '/api/newsroom/site', headers: admin.headers, payload });
    const home = async () => (await sut.inject({ method: 'GET', url: '/' })).body;

    it('has sensible defaults: no filing line, no emblem, the drawn favicon', async () => {
      const page = await home();
      expect(page).not.toContain('ICP备');
      expect(page).toContain('<link rel="icon" href="/favicon.svg"');
      const svg = await sut.inject({ method: 'GET', url: '/favicon.svg' });
      expect(svg.statusCode).toBe(200);
      expect(svg.headers['content-type']).toContain('image/svg+xml');
      const ico = await sut.inject({ method: 'GET', url: '/favicon.ico' });
      expect(ico.statusCode).toBe(302);
      expect(ico.headers.location).toBe('/favicon.svg');
    });

    it('shows the ICP and 公安 filing numbers in the footer, linked to their registers, and audits the change', async () => {
      const res = await patch({
        icpNumber: '示ICP备12345678号-1',
        policeNumber: '示公网安备 41990002000123号',
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({
        icpNumber: '示ICP备12345678号-1',
        policeNumber: '示公网安备41990002000123号',
      });
      const page = await home();
      expect(page).toContain(
        '<a href="https://beian.miit.gov.cn/" target="_blank" rel="noopener noreferrer" data-testid="icp-number">示ICP备12345678号-1</a>',
      );
      expect(page).toContain('https://beian.mps.gov.cn/#/query/webSearch?code=41990002000123');
      expect(page).toContain('示公网安备41990002000123号');
      const audit = await ctx.db
        .selectFrom('audit_log')
        .select('summary')
        .where('entity', '=', 'portal_site')
        .execute();
      expect(audit.map((a) => a.summary)).toContain('修改网站设置');
    });

    it('refuses malformed filing numbers and pictures not fit for the purpose, in Chinese, changing nothing', async () => {
      const logo = await upload('logo.png', solidPng(120, 60, [200, 0, 0]));
      const jpeg = await upload('icon.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xd9]));
      const before = await dumpTables(ctx, ['portal_site', 'audit_log']);
      const refusals: [object, string][] = [
        [{ icpNumber: 'ICP12345678' }, 'ICP备案号格式'],
        [{ policeNumber: '示公网安备123号' }, '14位数字'],
        [{ logoImage: 'https://example.com/logo.png' }, '请先上传图片'],
        [{ faviconImage: '/uploads/portal/none.png' }, '请先上传图片'],
        // A wide picture is no tab icon.
        [{ faviconImage: logo }, '正方形'],
        [{ faviconImage: jpeg }, 'PNG'],
      ];
      for (const [payload, reason] of refusals) {
        const res = await patch(payload);
        expect(res.statusCode, JSON.stringify(payload)).toBe(422);
        expect(res.body).toContain(reason);
      }
      expect(await dumpTables(ctx, ['portal_site', 'audit_log'])).toEqual(before);
    });

    it('shows the uploaded emblem in the masthead and serves the favicon', async () => {
      const logo = await upload('logo.png', solidPng(120, 60, [200, 0, 0]));
      const icon = await upload('icon.png', solidPng(32, 32, [200, 0, 0]));
      const res = await patch({ logoImage: logo, faviconImage: icon });
      expect(res.statusCode, res.body).toBe(200);
      const page = await home();
      expect(page).toContain(`<img src="${logo}" alt="" width="48" height="48">`);
      expect(page).toContain(`<link rel="icon" href="${icon}" type="image/png">`);
      const ico = await sut.inject({ method: 'GET', url: '/favicon.ico' });
      expect(ico.headers.location).toBe(icon);
      const served = await sut.inject({ method: 'GET', url: icon });
      expect(served.statusCode).toBe(200);
      expect(served.headers['content-type']).toBe('image/png');
      // Cleared, the defaults return.
      expect((await patch({ logoImage: '', faviconImage: '' })).statusCode).toBe(200);
      expect(await home()).toContain('<link rel="icon" href="/favicon.svg"');
    });

    const publish = async (payload: object) => {
      const post = (url: string, body?: object, as = admin) =>
        sut.inject({ method: 'POST', url, headers: as.headers, ...(body ? { payload: body } : {}) });
      const created = await post('/api/newsroom/articles', { channelSlug: 'tuanqing', ...payload });
      expect(created.statusCode, created.body).toBe(201);
      const id = created.json().id as number;
      expect((await post(`/api/newsroom/articles/${id}/submit`)).statusCode).toBe(200);
      const approved = await post(`/api/newsroom/articles/${id}/approve`, undefined, reviewer);
      expect(approved.statusCode, approved.body).toBe(200);
      return id;
    };

    it('has no picture strip while no piece has a cover, then shows the pieces with one, alt text their titles', async () => {
      await publish({ title: '没有封面的稿件', bodyHtml: '<p>正文</p>' });
      expect(await home()).not.toContain('图片新闻');
      const cover = await upload('cover.png', solidPng(64, 36, [0, 90, 160]));
      await publish({ title: '团县委开展植树活动', bodyHtml: '<p>正文</p>', coverImage: cover });
      const page = await home();
      const strip = /<ul class="pics"[^>]*>(.*?)<\/ul>/s.exec(page)?.[1] ?? '';
      expect(page).toContain('<h2 id="pics-h">图片新闻</h2>');
      expect(strip).toContain(`<img src="${cover}" alt="团县委开展植树活动"`);
      expect(strip).not.toContain('没有封面的稿件');
    });

    it('serves a piece’s table inside a focusable region that scrolls, header cells and spans kept', async () => {
      const id = await publish({
        title: '各乡镇团员统计',
        bodyHtml:
          '<p>统计如下：</p><table style="width:900px"><thead><tr><th>乡镇</th><th colspan="2">团员</th></tr></thead><tbody><tr><td rowspan="2">城关镇</td><td>120</td><td>98%</td></tr><tr><td>80</td><td>95%</td></tr></tbody></table>',
      });
      const page = (await sut.inject({ method: 'GET', url: `/articles/${id}` })).body;
      expect(page).toContain(
        '<div class="table-scroll" role="region" aria-label="表格（可左右滑动查看）" tabindex="0"><table><thead><tr><th>乡镇</th><th colspan="2">团员</th></tr></thead><tbody><tr><td rowspan="2">城关镇</td>',
      );
    });
  });
}
