import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../demo/accounts.ts';
import { seedDemoIfEmpty } from '../../demo/seed.ts';
import type { App } from '../../server/app.ts';
import { buildTestApp, login } from '../../test/app.ts';
import { createTestContext, DIALECTS, type TestContext } from '../../test/db.ts';

/** The demo city's website, as `npm start` leaves it. */
for (const dialect of DIALECTS) {
  describe(`demo website (${dialect})`, () => {
    let ctx: TestContext;
    let sut: App;

    beforeAll(async () => {
      ctx = await createTestContext(dialect);
      await seedDemoIfEmpty(ctx, () => {});
      sut = await buildTestApp(ctx);
    }, 600_000);
    afterAll(async () => {
      await sut?.close();
      await ctx.dispose();
    });

    it('shows pieces of both counties and a 《青春答卷》 piece drafted from the demo data', async () => {
      const home = await sut.inject({ url: '/' });
      expect(home.statusCode).toBe(200);
      for (const text of [
        '共青团示范市委员会',
        '团情快讯',
        '通知公告',
        '青春答卷',
        '东湖县',
        '西岭县',
        '友情链接',
        '邮编：419900',
      ])
        expect(home.body).toContain(text);
      const column = await sut.inject({ url: '/columns/qingchun-dajuan' });
      const link = /href="(\/articles\/\d+)">青春答卷 \| 共青团东湖县委员会/.exec(column.body);
      expect(link, column.body.slice(0, 2000)).not.toBeNull();
      const piece = await sut.inject({ url: link![1]! });
      // Figures of the demo itself: the county's organisations and members, counted by the report.
      expect(piece.body).toMatch(/现有团组织\d+个/);
      expect(piece.body).toContain('来源:共青团东湖县委员会');
      // Drafted after every module's demo data (issue 15): each of the five leads states the county's figures.
      for (const lead of [
        '01坚持党建引领',
        '02坚持组织引领',
        '03坚持创新引领',
        '04坚持服务引领',
        '05坚持活动引领',
      ]) {
        const section = new RegExp(`${lead}</h2>\\s*<p>([^<]*)</p>`).exec(piece.body);
        expect(section, `${lead} 缺少段落`).not.toBeNull();
        expect(section![1], lead).toMatch(/\d/);
      }
    });

    it('gives the newsroom logins their work: the other county’s piece came back with comments', async () => {
      const editor = await login(sut, 'xiling_editor', DEMO_PASSWORD);
      const mine = await sut.inject({
        url: '/api/newsroom/articles?status=returned',
        headers: { cookie: editor.cookie },
      });
      expect(mine.json().items).toEqual([
        expect.objectContaining({ origin: 'report', reviewComment: '请补充典型案例和图片后再提交。' }),
      ]);
      const reviewer = await login(sut, 'city_reviewer', DEMO_PASSWORD);
      const stale = await sut.inject({
        url: '/api/newsroom/stale-columns',
        headers: { cookie: reviewer.cookie },
      });
      expect(stale.json()).toEqual({ staleDays: 14, items: [] });
    });
  });
}
