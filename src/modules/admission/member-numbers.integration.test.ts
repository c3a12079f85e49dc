import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nowIso } from '../../db/create-db.ts';
import { renumberDuplicateMemberNos } from '../../db/migrations/20261202000100_number_sequences.ts';
import type { App } from '../../server/app.ts';
import { buildTestApp, login, type Session } from '../../test/app.ts';
import { createTestContext, DIALECTS, type TestContext } from '../../test/db.ts';
import { buildOrg, buildPerson, buildRegion, buildUser, TEST_PASSWORD } from '../../test/factories.ts';

const PARALLEL = 12;

for (const dialect of DIALECTS) {
  describe(`团员编号 under concurrent approvals (${dialect})`, () => {
    let ctx: TestContext;
    let sut: App;
    let county: Session;

    /** An applicant of the branch at 发展对象 whose branch meeting has voted: ready for approval. */
    async function voted(on = '2026-05-20'): Promise<{ id: number; personId: number }> {
      const p = await buildPerson(ctx, {
        orgCode: 'NB-A-C1',
        politicalStatus: 'young_pioneer',
        joinedOn: null,
      });
      const now = nowIso();
      const { id } = await ctx.db
        .insertInto('admissions')
        .values({
          person_id: p.id,
          applied_on: '2026-01-05',
          recommended_by: null,
          civics_grade: '优秀',
          activist_on: '2026-01-20',
          candidate_on: '2026-03-01',
          branch_vote_on: on,
          approved_on: null,
          joined_on: null,
          status: 'candidate',
          talk_on: '2026-01-10',
          publicity_from: null,
          publicity_to: null,
          vote_should_attend: 30,
          vote_attended: 28,
          vote_yes: 27,
          member_no: null,
          ceremony_on: null,
          ended_on: null,
          end_reason: null,
          org_id: p.org.id,
          org_path: p.org.path,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { id, personId: p.id };
    }

    beforeAll(async () => {
      ctx = await createTestContext(dialect);
      sut = await buildTestApp(ctx);
      await buildRegion(ctx, '419901', 'county');
      await buildOrg(ctx, { code: 'NB', parentCode: null, kind: 'committee', level: 'city' });
      await buildOrg(ctx, { code: 'NB-A', parentCode: 'NB', kind: 'committee', level: 'county' });
      await buildOrg(ctx, { code: 'NB-A-C1', parentCode: 'NB-A' });
      await buildUser(ctx, { username: 'nb-admin', orgCode: 'NB-A', roles: ['org_admin'] });
      county = await login(sut, 'nb-admin', TEST_PASSWORD);
    });
    afterAll(async () => {
      await sut?.close();
      await ctx?.dispose();
    });

    it('gives parallel approvals distinct numbers, skipping one a person already holds', async () => {
      // A member imported with a number of the same year: the counter must not hand it out again.
      const imported = await buildPerson(ctx, { orgCode: 'NB-A-C1' });
      await ctx.db
        .updateTable('people')
        .set({ member_no: '202600000003' })
        .where('id', '=', imported.id)
        .execute();
      const ready = [];
      for (let i = 0; i < PARALLEL; i++) ready.push(await voted());
      const answers = await Promise.all(
        ready.map(({ id }) =>
          sut.inject({
            method: 'POST',
            url: `/api/admissions/${id}/approve`,
            headers: county.headers,
            payload: { on: '2026-05-25' },
          }),
        ),
      );
      for (const res of answers) expect(res.statusCode, res.body).toBe(200);
      const numbers = answers.map((res) => res.json().memberNo as string);
      expect(new Set(numbers).size).toBe(PARALLEL);
      expect(numbers).not.toContain('202600000003');
      for (const n of numbers) expect(n).toMatch(/^2026\d{8}$/);
      // Each person carries the number of their admission.
      for (const [i, { personId }] of ready.entries()) {
        const person = await ctx.db
          .selectFrom('people')
          .select('member_no')
          .where('id', '=', personId)
          .executeTakeFirstOrThrow();
        expect(person.member_no).toBe(numbers[i]);
      }
      // One audit entry for each approval.
      const audited = await ctx.db
        .selectFrom('admission_events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('step', '=', 'approved')
        .executeTakeFirstOrThrow();
      expect(Number(audited.n)).toBe(PARALLEL);
    });

    it('refuses a second admission with a number already given', async () => {
      const [a, b] = [await voted(), await voted()];
      await ctx.db
        .updateTable('admissions')
        .set({ member_no: '202699999990' })
        .where('id', '=', a.id)
        .execute();
      await expect(
        ctx.db.updateTable('admissions').set({ member_no: '202699999990' }).where('id', '=', b.id).execute(),
      ).rejects.toThrow();
    });

    it('renumbers duplicates stored before the index: the earliest keeps its number, the person follows', async () => {
      await ctx.db.schema.dropIndex('admissions_member_no_key').execute();
      const first = await voted('2025-04-01');
      const second = await voted('2025-04-02');
      const third = await voted('2025-04-03');
      for (const [{ id, personId }, approvedOn] of [
        [first, '2025-04-10'],
        [second, '2025-04-11'],
        [third, '2025-04-12'],
      ] as const) {
        await ctx.db
          .updateTable('admissions')
          .set({ member_no: '202500000004', status: 'admitted', approved_on: approvedOn })
          .where('id', '=', id)
          .execute();
        await ctx.db
          .updateTable('people')
          .set({ member_no: '202500000004' })
          .where('id', '=', personId)
          .execute();
      }
      const other = await buildPerson(ctx, { orgCode: 'NB-A-C1' });
      await ctx.db
        .updateTable('people')
        .set({ member_no: '202500000009' })
        .where('id', '=', other.id)
        .execute();

      await renumberDuplicateMemberNos(ctx.db);

      const noOf = async (table: 'admissions' | 'people', id: number) =>
        (await ctx.db.selectFrom(table).select('member_no').where('id', '=', id).executeTakeFirstOrThrow())
          .member_no;
      expect(await noOf('admissions', first.id)).toBe('202500000004');
      expect(await noOf('admissions', second.id)).toBe('202500000010');
      expect(await noOf('admissions', third.id)).toBe('202500000011');
      expect(await noOf('people', first.personId)).toBe('202500000004');
      expect(await noOf('people', second.personId)).toBe('202500000010');
      expect(await noOf('people', third.personId)).toBe('202500000011');
      const audit = await ctx.db
        .selectFrom('audit_log')
        .select(['summary', 'entity_id'])
        .where('entity', '=', 'admission')
        .where('summary', 'like', '%数据库升级%')
        .orderBy('id')
        .execute();
      expect(audit.map((a) => a.entity_id)).toEqual([String(second.id), String(third.id)]);
      expect(audit[0]?.summary).toContain('202500000004');
      expect(audit[0]?.summary).toContain('202500000010');
      // Now the index can be built again.
      await ctx.db.schema
        .createIndex('admissions_member_no_key')
        .on('admissions')
        .column('member_no')
        .unique()
        .execute();
    });
  });
}
