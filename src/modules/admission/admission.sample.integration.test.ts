import { readFileSync } from 'node:fs';
import path from 'node:path';
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
      // The sample county's admission file: these are its rows under SL-A, by stage.
      expect(board.counts).toEqual({
        applied: 5,
        activist: 2,
        candidate: 4,
        admitted: 77,
        rejected: 4,
        withdrawn: 0,
      });
      expect(board.items.length).toBe(92);
      // Imported history is not chased for ceremonies: only paths approved on the platform are.
      expect(board.reminders.ceremony_overdue).toBe(0);
    });

    it('proves an imported applicant’s 学时 with the imported attendance', async () => {
      const withClasses = await ctx.db
        .selectFrom('admissions')
        .innerJoin('attendance', 'attendance.person_id', 'admissions.person_id')
        .select(['admissions.id', 'admissions.person_id'])
        .where('attendance.result', '=', 'passed')
        // The same applicant on both databases, so the count below is one figure.
        .orderBy('admissions.id')
        .executeTakeFirst();
      expect(withClasses).toBeDefined();
      const detail = await getAdmission(ctx, actor, withClasses!.id);
      const hours = detail.checklist.items.find((i) => i.key === 'class_hours')!;
      const own = await classHoursOf(ctx, actor, { personId: withClasses!.person_id });
      const counted = hours.evidence.filter((e) => e.kind === 'class' && e.counted);
      expect(counted.length).toBe(2);
      for (const e of counted) expect(own.items.map((i) => i.code)).toContain(e.code);
    });

    it('lists the league schools and the 推优入党 ledger of the county', async () => {
      const schools = await listSchools(ctx, actor, 'SL-A');
      expect(schools.items.length).toBe(4);
      const party = await listPartyRecommendations(ctx, actor, 'SL-A');
      expect(party.recommendations.length).toBe(16);
      expect(party.cases).toEqual([]);
    });
  });
}
