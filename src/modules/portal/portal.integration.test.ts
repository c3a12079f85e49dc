import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/app.ts';
import { buildTestApp, login, type Session } from '../../test/app.ts';
import { createTestContext, DIALECTS, type TestContext } from '../../test/db.ts';
import { buildOrg, buildUser } from '../../test/factories.ts';
import { setNewsroomClock } from '../newsroom/newsroom.clock.ts';
import { XSS_PAYLOADS } from '../newsroom/xss-payloads.ts';

/** The public site as a reader (and a crawler) gets it, with pieces put there through the newsroom. */
for (const dialect of DIALECTS) {
  describe(`public site (${dialect})`, () => {
    let ctx: TestContext;
    let sut: App;
    let admin: Session;
    let editor: Session;
    let reviewer: Session;
    // 2024-02-22 03:13 UTC is 11:13 on Thursday 22 February in Beijing.
    let now = new Date('2024-02-22T03:13:00.000Z');
    const ids: number[] = [];

    beforeAll(async () => {
      ctx = await createTestContext(dialect);
      setNewsroomClock(ctx, () => now);
      sut = await buildTestApp(ctx);
      await buildOrg(ctx, {
        code: 'SL',
        name: '共青团示例市委员会',
        parentCode: null,
        kind: 'committee',
        level: 'city',
      });
      await buildOrg(ctx, {
        code: 'SL-A',
        name: '共青团甲县委员会',
        parentCode: 'SL',
        kind: 'committee',
        level: 'county',
      });
      await buildUser(ctx, { username: 'admin', orgCode: 'SL', roles: ['org_admin'] });
      await buildUser(ctx, { username: 'editor', orgCode: 'SL-A', roles: ['portal_editor'] });
      await buildUser(ctx, { username: 'reviewer', orgCode: 'SL', roles: ['portal_reviewer'] });
      admin = await login(sut, 'admin', 'correct-horse-battery');
      editor = await login(sut, 'editor', 'correct-horse-battery');
      reviewer = await login(sut, 'reviewer', 'correct-horse-battery');
      const post = (s: Session, url: string, payload?: object) =>
        sut.inject({ method: 'POST', url, headers: s.headers, ...(payload ? { payload } : {}) });
      await post(admin, '/api/newsroom/channels', { slug: 'tuanqing', name: '团情快讯', sortOrder: 1 });
      await post(admin, '/api/newsroom/channels', { slug: 'tongzhi', name: '通知公告', sortOrder: 2 });
      await sut.inject({
        method: 'PATCH',
        url: '/api/newsroom/site',
        headers: admin.headers,
        payload: {
          name: '共青团示例市委员会',
          welcome: '欢迎访问共青团示例市委员会网站',
          copyright: '版权所有：共青团示例市委员会',
          address: '示例市人民路1号',
          postcode: '419900',
          friendlyLinks: [{ name: '中国共青团网', url: 'https://www.gqt.org.cn/' }],
        },
      });
      for (let i = 1; i <= 23; i++) {
        const res = await post(editor, '/api/newsroom/articles', {
          title: `团情快讯第${i}期`,
          // The payloads whose leftovers are an empty image address would (rightly) fail the link check.
          bodyHtml:
            i === 23
              ? `<p>正文</p>${XSS_PAYLOADS.filter((p) => !/src=(x|&|"\/uploads)/i.test(p)).join('')}`
              : `<p>第${i}期正文，关键词${i % 2 ? '志愿' : '团课'}。</p>`,
          channelSlug: 'tuanqing',
        });
        const id = res.json().id as number;
        ids.push(id);
        await post(editor, `/api/newsroom/articles/${id}/submit`);
        const approved = await post(reviewer, `/api/newsroom/articles/${id}/approve`);
        expect(approved.statusCode, approved.body).toBe(200);
        now = new Date(now.getTime() + 60_000);
      }
      now = new Date('2024-02-22T03:13:00.000Z');
    });
    afterAll(async () => {
      await sut.close();
      await ctx.dispose();
    });

    it('shows the header date, channels, welcome, friendly links and the footer from the settings', async () => {
      const res = await sut.inject({ url: '/' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      const html = res.body;
      expect(html).toContain('2024年 02月 22日 星期四');
      expect(html).toContain('<title>共青团示例市委员会</title>');
      expect(html).toMatch(/<meta property="og:title" content="共青团示例市委员会">/);
      expect(html).toContain('<main id="main"');
      for (const t of [
        '主页',
        '团情快讯',
        '通知公告',
        '友情链接',
        '中国共青团网',
        '地址：示例市人民路1号',
        '邮编：419900',
      ])
        expect(html).toContain(t);
    });

    it('renders an article with time, source, breadcrumb, share QR and Weibo, previous and next', async () => {
      now = new Date('2024-03-01T00:00:00.000Z');
      const res = await sut.inject({ url: `/articles/${ids[5]}`, headers: { host: 'tuanwu.example.cn' } });
      expect(res.statusCode).toBe(200);
      const html = res.body;
      expect(html).toContain('<title>团情快讯第6期 - 共青团示例市委员会</title>');
      expect(html).toContain('时间:<time datetime="2024-02-22T03:18:00.000Z">2024-02-22 11:18</time>');
      expect(html).toContain('来源:共青团甲县委员会');
      expect(html).toMatch(
        /<li><a href="\/">主页<\/a><\/li><li><a href="\/channels\/tuanqing">团情快讯<\/a><\/li>/,
      );
      expect(html).toContain('<svg role="img" aria-label="本文网址二维码');
      expect(html).toContain(
        `service.weibo.com/share/share.php?url=${encodeURIComponent(`http://tuanwu.example.cn/articles/${ids[5]}`)}`,
      );
      expect(html).toContain(`上一篇：<a href="/articles/${ids[4]}">团情快讯第5期</a>`);
      expect(html).toContain(`下一篇：<a href="/articles/${ids[6]}">团情快讯第7期</a>`);
      expect(html).toContain('<meta property="og:type" content="article">');
    });

    it('serves no script from a piece fed the classic XSS payloads', async () => {
      const res = await sut.inject({ url: `/articles/${ids[22]}` });
      expect(res.statusCode).toBe(200);
      const body = res.body.slice(
        res.body.indexOf('<div class="body">'),
        res.body.indexOf('<section class="share"'),
      );
      expect(body).not.toMatch(/<script|onerror|onload|javascript:|<iframe|<svg|ontoggle|style=/i);
      // Every payload, stored through the API, comes back clean too.
      const draft = await sut.inject({
        method: 'POST',
        url: '/api/newsroom/articles',
        headers: editor.headers,
        payload: {
          title: '全部载荷',
          bodyHtml: `<p>正文</p>${XSS_PAYLOADS.join('')}`,
          channelSlug: 'tuanqing',
        },
      });
      expect(draft.json().bodyHtml).not.toMatch(
        /<script|onerror|onload|javascript:|<iframe|<svg|ontoggle|style=/i,
      );
    });

    it('pages channel lists, searches, and answers unknown addresses with the site’s 404', async () => {
      const first = await sut.inject({ url: '/channels/tuanqing' });
      expect(first.body).toContain('共 23 篇，2 页');
      expect(first.body).toContain('团情快讯第23期');
      const second = await sut.inject({ url: '/channels/tuanqing?page=2' });
      expect(second.body).toContain('团情快讯第1期');
      expect(second.body).not.toContain('团情快讯第23期');
      const search = await sut.inject({ url: `/search?q=${encodeURIComponent('志愿')}` });
      expect(search.body).toContain('共 11 篇');
      const wildcard = await sut.inject({ url: `/search?q=${encodeURIComponent('%')}` });
      expect(wildcard.body).toContain('搜索“%”：共 0 篇');
      for (const url of ['/articles/99999', '/channels/nothing', '/no/such/page', '/articles/abc']) {
        const res = await sut.inject({ url });
        expect(res.statusCode, url).toBe(404);
        expect(res.body).toContain('404 页面不存在');
        expect(res.body).toContain('2024年');
      }
      const api = await sut.inject({ url: '/api/nothing' });
      expect(api.json()).toEqual({ error: { code: 'NOT_FOUND', message: '接口不存在' } });
    });

    it('publishes RSS and a sitemap of published pieces only', async () => {
      const rss = await sut.inject({ url: '/rss.xml' });
      expect(rss.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
      expect(rss.body.match(/<item>/g)).toHaveLength(23);
      const sitemap = await sut.inject({ url: '/sitemap.xml' });
      expect(sitemap.body).toContain('<loc>http://localhost:80/channels/tuanqing</loc>');
      expect(sitemap.body.match(/\/articles\/\d+<\/loc>/g)).toHaveLength(23);
    });

    it('switches to larger type with a cookie and back, without script', async () => {
      const on = await sut.inject({
        url: `/accessibility?large=1&back=${encodeURIComponent('/channels/tuanqing')}`,
      });
      expect(on.statusCode).toBe(303);
      expect(on.headers.location).toBe('/channels/tuanqing');
      const page = await sut.inject({ url: '/channels/tuanqing', headers: { cookie: 'portal_large=1' } });
      expect(page.body).toContain('<html lang="zh-CN" class="large">');
      expect(page.body).toContain('标准字号');
      const evil = await sut.inject({ url: '/accessibility?large=1&back=//evil.example' });
      expect(evil.headers.location).toBe('/');
    });

    it('empties the page cache when the settings change', async () => {
      await sut.inject({ url: '/' });
      expect((await sut.inject({ url: '/' })).headers['x-cache']).toBe('hit');
      await sut.inject({
        method: 'PATCH',
        url: '/api/newsroom/site',
        headers: admin.headers,
        payload: { welcome: '新的欢迎词' },
      });
      const after = await sut.inject({ url: '/' });
      expect(after.headers['x-cache']).toBe('miss');
      expect(after.body).toContain('新的欢迎词');
    });
  });
}
