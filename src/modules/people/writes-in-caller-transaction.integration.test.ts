import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nowIso } from '../../db/create-db.ts';
import { createTestContext, DIALECTS, type TestContext } from '../../test/db.ts';
import { dumpTables } from '../../test/dump.ts';
import { buildOrg, buildPerson, buildUser } from '../../test/factories.ts';
import { activateAccount, disableAccount } from '../users/users.service.ts';
import { admitToLeague, findPersonById, leaveLeague, moveToOrg } from './people.service.ts';

/**
 * People and users are written by other modules only through their services (issue 16, item 2), and each such
 * write runs on the handle it is given: a departure, a transfer, an admission or a registration's confirmation
 * calls them inside its own transaction, so when a later step of that transaction fails, nothing of either
 * module's writes stays. (Spying on the services is not possible here: integration files share one module graph.)
 */
for (const dialect of DIALECTS) {
  describe(`writes of people and users stay in the caller's transaction (${dialect})`, () => {
    let ctx: TestContext;

    beforeAll(async () => {
      ctx = await createTestContext(dialect);
      await buildOrg(ctx, { code: 'SL', parentCode: null, kind: 'committee', level: 'city' });
      await buildOrg(ctx, { code: 'SL-A', parentCode: 'SL', kind: 'committee', level: 'county' });
      await buildOrg(ctx, { code: 'SL-A-V1', parentCode: 'SL-A', kind: 'branch' });
      await buildOrg(ctx, { code: 'SL-A-V2', parentCode: 'SL-A', kind: 'branch' });
    });
    afterAll(async () => {
      await ctx.dispose();
    });

    it('undoes the people and users writes of a transaction that fails after them', async () => {
      const member = await buildPerson(ctx, { orgCode: 'SL-A-V1' });
      const mover = await buildPerson(ctx, { orgCode: 'SL-A-V1' });
      const applicant = await buildPerson(ctx, {
        orgCode: 'SL-A-V1',
        politicalStatus: 'masses',
        joinedOn: null,
      });
      const account = await buildUser(ctx, { orgCode: 'SL-A', roles: ['young_person'] });
      const other = await buildUser(ctx, { orgCode: 'SL-A', roles: ['young_person'] });
      const v2 = await buildOrg(ctx, { code: 'SL-A-V2' });
      const before = await dumpTables(ctx, ['people', 'users']);
      const failed = ctx.db.transaction().execute(async (trx) => {
        const now = nowIso();
        await leaveLeague(trx, (await findPersonById(trx, member.id))!, now);
        await moveToOrg(trx, (await findPersonById(trx, mover.id))!, v2, now);
        await admitToLeague(trx, applicant.id, {
          org: v2,
          joinedOn: '2025-05-04',
          memberNo: '202500000001',
          now,
        });
        await activateAccount(trx, account.id, applicant.id, now);
        await disableAccount(trx, other.id, now);
        throw new Error('a later step of the caller fails');
      });
      await expect(failed).rejects.toThrow('a later step of the caller fails');
      expect(await dumpTables(ctx, ['people', 'users'])).toEqual(before);
    });

    it('keeps them when the caller commits', async () => {
      const member = await buildPerson(ctx, { orgCode: 'SL-A-V1' });
      await ctx.db.transaction().execute(async (trx) => {
        await leaveLeague(trx, (await findPersonById(trx, member.id))!, nowIso());
      });
      const row = (await findPersonById(ctx.db, member.id))!;
      expect({ status: row.political_status, org: row.org_id }).toEqual({ status: 'masses', org: null });
    });
  });
}
