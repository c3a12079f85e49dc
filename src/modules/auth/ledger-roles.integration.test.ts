import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/app.ts';
import { buildTestApp, login, type Session } from '../../test/app.ts';
import { createTestContext, DIALECTS, type TestContext } from '../../test/db.ts';
import { buildOrg, buildUser, TEST_PASSWORD } from '../../test/factories.ts';
import { LISTINGS } from '../reports/report-records.ts';
import type { Role } from './auth.policy.ts';

const PERIOD = 'org=SL-A&from=2000-01-01&to=2030-12-31';
const REFUSED = '无权执行此操作：您的角色没有该权限';

/** Every read of 服务台账's cadres, venues, funds and internships (the cadre roster, the young applicants among them). */
const LEDGER_READS = [
  '/api/cadres',
  '/api/cadres/export',
  '/api/cadres/structure',
  '/api/cadres/reminders',
  '/api/cadres/team/SL-A',
  '/api/venues',
  '/api/venues/export',
  '/api/venues/coverage',
  '/api/funds',
  '/api/funds/export',
  '/api/internships/posts',
  '/api/internships/posts/1/applications',
  '/api/internships/placements',
  '/api/internships/placements/export',
];

/** The narrow roles: each does one piece of work and reads none of the county's ledgers. */
const NARROW = ['school_staff', 'volunteer_organiser', 'aid_officer', 'counselling_supervisor'] as const;

/**
 * Issue 17, item 8: a school clerk, a volunteer organiser, an aid officer or a counselling supervisor has no need of
 * the county's cadre roster (names, posts, terms) or of the young people who applied for an internship. Only the
 * staff roles read 服务台账's cadres, venues, funds and internships, and the figures' drill-downs follow.
 */
for (const dialect of DIALECTS) {
  describe(`only staff roles read the cadre roster and internship applicants (${dialect})`, () => {
    let ctx: TestContext;
    let sut: App;
    const as: Partial<Record<Role, Session>> = {};

    beforeAll(async () => {
      ctx = await createTestContext(dialect);
      sut = await buildTestApp(ctx);
      await buildOrg(ctx, {
        code: 'SL-A',
        name: '甲县团委',
        parentCode: null,
        kind: 'committee',
        level: 'county',
      });
      for (const role of [...NARROW, 'org_admin', 'branch_secretary'] as const) {
        await buildUser(ctx, { username: `l-${role}`, orgCode: 'SL-A', roles: [role] });
        as[role] = await login(sut, `l-${role}`, TEST_PASSWORD);
      }
    });
    afterAll(async () => {
      await sut.close();
      await ctx.dispose();
    });

    const get = (role: Role, url: string) =>
      sut.inject({ method: 'GET', url, headers: { cookie: as[role]!.cookie } });

    it.each(NARROW)('refuses every ledger read to a %s, with the reason in Chinese', async (role) => {
      for (const url of LEDGER_READS) {
        const res = await get(role, url);
        expect(res.statusCode, url).toBe(403);
        expect(res.json().error.message, url).toBe(REFUSED);
      }
      const me = (await get(role, '/api/auth/me')).json().user as { permissions: string[] };
      expect(me.permissions).not.toContain('service.read');
    });

    it.each(NARROW)(
      "refuses a %s the drill-downs of the ledgers' figures, on screen and as a file",
      async (role) => {
        const ledgers = Object.entries(LISTINGS).filter(([, l]) => l.permission === 'service.read');
        expect(ledgers.length).toBeGreaterThan(0);
        for (const [indicator] of ledgers) {
          for (const path of ['/api/reports/records', '/api/reports/records/export']) {
            const res = await get(role, `${path}?${PERIOD}&indicator=${indicator}`);
            expect(res.statusCode, `${path} ${indicator}`).toBe(403);
            expect(res.json().error.message, `${path} ${indicator}`).toBe(REFUSED);
          }
        }
      },
    );

    it.each(['org_admin', 'branch_secretary'] as const)('still lets a %s read the ledgers', async (role) => {
      for (const url of ['/api/cadres', '/api/venues', '/api/funds', '/api/internships/posts']) {
        expect((await get(role, `${url}?org=SL-A`)).statusCode, url).toBe(200);
      }
    });
  });
}
