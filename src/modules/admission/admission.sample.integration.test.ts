import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, DIALECTS, type TestContext } from '../../test/db.ts';
import { FIXTURE_SAMPLE } from '../../test/sample-county.ts';
import { systemActor } from '../auth/auth.policy.ts';
import { importFile } from '../imports/imports.service.ts';
import { listPartyRecommendations } from '../party/party.service.ts';
import { classHoursOf, listSchools } from '../schools/schools.service.ts';
import { getAdmission, listAdmissions } from './admission.read.ts';

const SAMPLE = FIXTURE_SAMPLE;
const KINDS = [
  'regions',
  'orgs',
  'people',
  'admissions',
  'party-recommendations',
  'schools',
  'classes',
  'attendance',
  'volunteer-activities',
  'volunteer-hours',
];

/** The sample's ledgers, imported, read back through the admission, league school and 推优入党 services. */
for (const dialect of DIALECTS) {
  describe(`admission over the sample county (${dialect})`, () => {
    let ctx: TestContext;
    const actor = systemActor('测试');

    beforeAll(async () => {
      ctx = await createTestContext(dialect);
      const files = JSON.parse(readFileSync(path.join(SAMPLE, 'files.json'), 'utf8')) as {
        kind: string;
        file: string;
      }[];
      for (const f of files.filter((x) => KINDS.includes(x.kind))) {
        await importFile(
          ctx,
          actor,
          f.kind,
          { path: path.join(SAMPLE, f.file), name: f.file },
          { dryRun: false },
        );
      }
    }, 180_000);
    afterAll(async () => ctx.dispose());

    it('shows every imported admission on the county board, counted by stage', async () => {
      const board = await listAdmissions(ctx, actor, { org: 'SL-A' });
      const slA = await ctx.db
        .selectFrom('orgs')
        .select('path')
        .where('code', '=', 'SL-A')
        .executeTakeFirstOrThrow();
      const rows = await ctx.db
        .selectFrom('admissions')
        .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
        .where(sql<boolean>`org_path like ${`${slA.path}%`}`)
        .groupBy('status')
        .execute();
      expect(rows.length).toBeGreaterThan(0);
      for (const r of rows) expect(board.counts[r.status]).toBe(Number(r.n));
      expect(board.items.length).toBe(rows.reduce((s, r) => s + Number(r.n), 0));
      // Imported history is not chased for ceremonies: only paths approved on the platform are.
      expect(board.reminders.ceremony_overdue).toBe(0);
    });

    it('proves an imported applicant’s 学时 with the imported attendance', async () => {
      const withClasses = await ctx.db
        .selectFrom('admissions')
        .innerJoin('attendance', 'attendance.person_id', 'admissions.person_id')
        .select(['admissions.id', 'admissions.person_id'])
        .where('attendance.result', '=', 'passed')
        .executeTakeFirst();
      expect(withClasses).toBeDefined();
      const detail = await getAdmission(ctx, actor, withClasses!.id);
      const hours = detail.checklist.items.find((i) => i.key === 'class_hours')!;
      const own = await classHoursOf(ctx, actor, withClasses!.person_id);
      const counted = hours.evidence.filter((e) => e.kind === 'class' && e.counted);
      expect(counted.length).toBeGreaterThan(0);
      for (const e of counted) expect(own.items.map((i) => i.code)).toContain(e.code);
    });

    it('lists the league schools and the 推优入党 ledger of the county', async () => {
      const schools = await listSchools(ctx, actor, 'SL-A');
      expect(schools.items.length).toBeGreaterThan(0);
      const party = await listPartyRecommendations(ctx, actor, 'SL-A');
      const { n } = await ctx.db
        .selectFrom('party_recommendations')
        .innerJoin('orgs', 'orgs.id', 'party_recommendations.org_id')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('orgs.code', 'like', 'SL-A%')
        .executeTakeFirstOrThrow();
      expect(party.recommendations.length).toBe(Number(n));
      expect(party.cases).toEqual([]);
    });
  });
}
