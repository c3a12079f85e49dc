import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../lib/id-number.ts';
import { createTestContext, DIALECTS, type TestContext } from '../../test/db.ts';
import { buildOrg, buildPerson } from '../../test/factories.ts';
import { systemActor } from '../auth/auth.policy.ts';
import { importFile } from '../imports/imports.service.ts';
import type { OrgRow } from '../orgs/orgs.service.ts';
import { checklistFor } from './admission.eligibility.ts';
import { effectiveSettings } from './admission-settings.service.ts';

/** 积极分子确定日期, 发展对象确定日期: on and around the last day of the 3 months, at months' ends and not. */
const EDGES = [
  ['2025-11-30', '2026-02-28'],
  ['2025-11-30', '2026-02-27'],
  ['2023-11-30', '2024-02-29'],
  ['2023-11-30', '2024-02-28'],
  ['2025-12-31', '2026-03-31'],
  ['2025-12-31', '2026-03-30'],
  ['2026-02-02', '2026-05-02'],
  ['2026-02-02', '2026-05-01'],
] as const;

for (const dialect of DIALECTS) {
  describe(`the 3 months as activist, in an imported admission and in the procedure (${dialect})`, () => {
    let ctx: TestContext;
    let dir: string;
    let branch: OrgRow;

    beforeAll(async () => {
      ctx = await createTestContext(dialect);
      dir = mkdtempSync(path.join(tmpdir(), 'tuanwu-admission-import-'));
      await buildOrg(ctx, { code: 'SL-A', parentCode: null, kind: 'committee', level: 'county' });
      branch = await buildOrg(ctx, { code: 'SL-A-C1', parentCode: 'SL-A' });
    });
    afterAll(async () => {
      await ctx.dispose();
      rmSync(dir, { recursive: true, force: true });
    });

    it('warns of a short period exactly when the procedure would refuse the candidate on that date', async () => {
      const rows = await Promise.all(
        EDGES.map(async ([activistOn, candidateOn], i) => {
          const idNumber = makeIdNumber('419901', '2008-06-01', 60 + i);
          const person = await buildPerson(ctx, { idNumber, orgCode: 'SL-A-C1', birthDate: '2008-06-01' });
          return { person, idNumber, appliedOn: '2023-09-01', activistOn, candidateOn };
        }),
      );
      const file = path.join(dir, 'admissions.csv');
      writeFileSync(
        file,
        `${[
          '证件号码,申请日期,组织编码,积极分子确定日期,发展对象确定日期,状态',
          ...rows.map(
            (r) => `${r.idNumber},${r.appliedOn},SL-A-C1,${r.activistOn},${r.candidateOn},发展对象`,
          ),
        ].join('\n')}\n`,
      );
      const outcome = await importFile(
        ctx,
        systemActor(),
        'admissions',
        { path: file, name: 'admissions.csv' },
        { dryRun: true },
      );
      const settings = await effectiveSettings(ctx.db, branch.path);
      const seen = [];
      for (const [i, r] of rows.entries()) {
        const warned = outcome.warnings.some(
          (w) => w.row === i + 2 && w.reason === '积极分子培养期不足3个月',
        );
        // makeCandidate's rule: the checklist as of the candidate date.
        const checklist = await checklistFor(
          ctx.db,
          {
            person_id: r.person.id,
            birth_date: '2008-06-01',
            applied_on: r.appliedOn,
            talk_on: r.appliedOn,
            activist_on: r.activistOn,
            civics_grade: '优秀',
          },
          settings,
          r.candidateOn,
        );
        const refused = !checklist.find((c) => c.key === 'activist_period')!.met;
        seen.push([r.activistOn, r.candidateOn, { warned, refused }]);
      }
      expect(seen).toEqual([
        ['2025-11-30', '2026-02-28', { warned: false, refused: false }],
        ['2025-11-30', '2026-02-27', { warned: true, refused: true }],
        ['2023-11-30', '2024-02-29', { warned: false, refused: false }],
        ['2023-11-30', '2024-02-28', { warned: true, refused: true }],
        ['2025-12-31', '2026-03-31', { warned: false, refused: false }],
        ['2025-12-31', '2026-03-30', { warned: true, refused: true }],
        ['2026-02-02', '2026-05-02', { warned: false, refused: false }],
        ['2026-02-02', '2026-05-01', { warned: true, refused: true }],
      ]);
    });
  });
}
