import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeIdNumber } from '../../lib/id-number.ts';
import type { App } from '../../server/app.ts';
import { buildTestApp, login, type Session } from '../../test/app.ts';
import { createTestContext, DIALECTS, type TestContext } from '../../test/db.ts';
import { dumpTables } from '../../test/dump.ts';
import { buildOrg, buildPerson, buildUser, TEST_PASSWORD } from '../../test/factories.ts';

/**
 * People and users are written by other modules only through their services (issue 16, item 2), each call in
 * the caller's transaction: a departure writes the person through people.service and a registration's
 * confirmation activates the account through users.service. When the step after those calls fails (here the
 * audit entry, the last write of each), nothing of either module's writes stays.
 */
const failing = vi.hoisted(() => ({ entity: null as string | null }));
vi.mock('../audit/audit.service.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../audit/audit.service.ts')>();
  return {
    ...real,
    recordAudit: async (...args: Parameters<typeof real.recordAudit>) => {
      if (args[2].entity === failing.entity) throw new Error('审计日志写入失败（测试注入）');
      return real.recordAudit(...args);
    },
  };
});

for (const dialect of DIALECTS) {
  describe(`writes of people and users stay in the caller's transaction (${dialect})`, () => {
    let ctx: TestContext;
    let sut: App;
    let county: Session;

    beforeAll(async () => {
      ctx = await createTestContext(dialect);
      sut = await buildTestApp(ctx);
      await buildOrg(ctx, { code: 'SL', parentCode: null, kind: 'committee', level: 'city' });
      await buildOrg(ctx, { code: 'SL-A', parentCode: 'SL', kind: 'committee', level: 'county' });
      await buildOrg(ctx, { code: 'SL-A-V1', parentCode: 'SL-A', kind: 'branch' });
      await buildUser(ctx, {
        username: 'county',
        orgCode: 'SL-A',
        roles: ['org_admin', 'volunteer_organiser'],
      });
      county = await login(sut, 'county', TEST_PASSWORD);
    });
    afterAll(async () => {
      failing.entity = null;
      await sut.close();
      await ctx.dispose();
    });

    it('leaves the member in his branch when his departure fails after people.service wrote him', async () => {
      const member = await buildPerson(ctx, { orgCode: 'SL-A-V1', birthDate: '1996-01-01' });
      const before = await dumpTables(ctx, ['people', 'member_departures']);
      failing.entity = 'member_departure';
      const res = await sut.inject({
        method: 'POST',
        url: '/api/membership/departures',
        headers: county.headers,
        payload: { personIds: [member.id], reason: 'age', leftOn: '2025-01-01' },
      });
      failing.entity = null;
      expect(res.statusCode).toBe(500);
      expect(await dumpTables(ctx, ['people', 'member_departures'])).toEqual(before);
    });

    it('leaves the account pending when a confirmation fails after users.service activated it', async () => {
      const idNumber = makeIdNumber('419901', '2008-03-03', 41);
      await buildPerson(ctx, { idNumber, name: '钱小青', orgCode: 'SL-A-V1', politicalStatus: 'masses' });
      const registered = await sut.inject({
        method: 'POST',
        url: '/public/volunteering/register',
        remoteAddress: '10.0.9.1',
        payload: {
          orgCode: 'SL',
          idNumber,
          name: '钱小青',
          phone: '13900000041',
          password: 'young-pass-1',
          privacyAccepted: true,
        },
      });
      expect(registered.statusCode, registered.body).toBe(201);
      const [pending] = (
        await sut.inject({
          method: 'GET',
          url: '/api/volunteering/registrations?status=pending',
          headers: county.headers,
        })
      ).json().items as { id: number }[];
      const before = await dumpTables(ctx, ['people', 'users', 'volunteer_registrations']);
      failing.entity = 'volunteer_registration';
      const res = await sut.inject({
        method: 'POST',
        url: `/api/volunteering/registrations/${pending!.id}/confirm`,
        headers: county.headers,
      });
      failing.entity = null;
      expect(res.statusCode).toBe(500);
      expect(await dumpTables(ctx, ['people', 'users', 'volunteer_registrations'])).toEqual(before);
      const confirmed = await sut.inject({
        method: 'POST',
        url: `/api/volunteering/registrations/${pending!.id}/confirm`,
        headers: county.headers,
      });
      expect(confirmed.statusCode, confirmed.body).toBe(200);
    });
  });
}
