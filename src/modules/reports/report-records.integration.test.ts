import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/app.ts';
import { buildTestApp, login, type Session } from '../../test/app.ts';
import { createTestContext, DIALECTS, type TestContext } from '../../test/db.ts';
import { buildOrg, buildPerson, buildUser } from '../../test/factories.ts';
import type { Role } from '../auth/auth.policy.ts';
import { LISTINGS } from './report-records.ts';

const PERIOD = 'org=SL-A&from=2000-01-01&to=2030-12-31';

/** i12 finding 7: a figure's drill-down lists people; it needs the permission of the list it comes from. */
for (const dialect of DIALECTS) {
  describe(`indicator records need their source list's permission (${dialect})`, () => {
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
      await buildPerson(ctx, { name: '明细甲', orgCode: 'SL-A' });
      for (const role of [
        'portal_editor',
        'counsellor',
        'branch_secretary',
        'aid_officer',
        'org_admin',
      ] as const) {
        await buildUser(ctx, { username: `r-${role}`, orgCode: 'SL-A', roles: [role] });
        as[role] = await login(sut, `r-${role}`, 'correct-horse-battery');
      }
    });
    afterAll(async () => {
      await sut.close();
      await ctx.dispose();
    });

    const get = (role: Role, url: string) =>
      sut.inject({ method: 'GET', url, headers: { cookie: as[role]!.cookie } });

    it.each([
      ['member.total', 'portal_editor'],
      ['member.total', 'counsellor'],
      ['admission.in_progress', 'portal_editor'],
      ['aid.students', 'branch_secretary'],
      ['aid.granted', 'counsellor'],
      ['mental.consultations', 'aid_officer'],
      ['mental.consultations', 'portal_editor'],
      ['volunteer.volunteers', 'aid_officer'],
    ] as const)('refuses %s to a %s, on screen and as a file', async (indicator, role) => {
      for (const path of ['/api/reports/records', '/api/reports/records/export']) {
        const res = await get(role, `${path}?${PERIOD}&indicator=${indicator}`);
        expect(res.statusCode, path).toBe(403);
        expect(res.json().error.message).toBe('无权执行此操作：您的角色没有该权限');
      }
    });

    it('still shows each role the drill-downs of the lists he may read', async () => {
      expect(
        (await get('portal_editor', `/api/reports/records?${PERIOD}&indicator=org.active`)).statusCode,
      ).toBe(200);
      const members = await get('branch_secretary', `/api/reports/records?${PERIOD}&indicator=member.total`);
      expect(members.json().items.map((r: { name: string }) => r.name)).toContain('明细甲');
      expect(
        (await get('aid_officer', `/api/reports/records?${PERIOD}&indicator=aid.students`)).statusCode,
      ).toBe(200);
      expect(
        (await get('counsellor', `/api/reports/records?${PERIOD}&indicator=mental.consultations`)).statusCode,
      ).toBe(200);
      for (const indicator of Object.keys(LISTINGS)) {
        const res = await get('org_admin', `/api/reports/records?${PERIOD}&indicator=${indicator}`);
        expect(res.statusCode, indicator).toBe(200);
      }
    });

    it('tells each role which figures he may open', async () => {
      const items = (await get('portal_editor', '/api/reports/indicators')).json().items as {
        key: string;
        drillable: boolean;
      }[];
      const drillable = (key: string) => items.find((i) => i.key === key)?.drillable;
      expect(drillable('member.total')).toBe(false);
      expect(drillable('org.active')).toBe(true);
    });
  });
}
