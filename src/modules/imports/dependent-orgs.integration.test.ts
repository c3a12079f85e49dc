import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerTableName } from '../../db/ledger-schema.ts';
import { makeIdNumber } from '../../lib/id-number.ts';
import { createTestContext, DIALECTS, type TestContext } from '../../test/db.ts';
import { buildOrg, buildPerson } from '../../test/factories.ts';
import { systemActor } from '../auth/auth.policy.ts';
import { importFile } from './imports.service.ts';
import { IMPORT_KINDS } from './kinds.ts';

/**
 * A row that takes its organisation from another ledger's record (a volunteer record from its activity, an
 * attendance from its class, a placement from its post) follows that record when an import moves it to another
 * organisation: a record left at the old organisation stays in its staff's reach and out of the new one's.
 */
const CASES: {
  parent: { kind: string; header: string; row: (org: string) => string };
  child: { kind: string; table: LedgerTableName; header: string; row: string };
}[] = [
  {
    parent: {
      kind: 'volunteer-activities',
      header: '活动编号,活动名称,服务类别,组织编码,开始时间,结束时间',
      row: (org) => `ZY-1,学雷锋志愿服务,学雷锋,${org},2023-03-05 09:00,2023-03-05 12:00`,
    },
    child: {
      kind: 'volunteer-hours',
      table: 'volunteer_records',
      header: '活动编号,证件号码,服务时长',
      row: 'ZY-1,{id},2',
    },
  },
  {
    parent: {
      kind: 'classes',
      header: '课程编号,课程名称,组织编码,上课日期,学时',
      row: (org) => `K-1,团的光荣历史,${org},2023-11-28,2`,
    },
    child: {
      kind: 'attendance',
      table: 'attendance',
      header: '课程编号,证件号码,考核结果',
      row: 'K-1,{id},合格',
    },
  },
  {
    parent: {
      kind: 'internship-posts',
      header: '岗位编号,岗位名称,实习单位,项目,名额,开始日期,组织编码',
      row: (org) => `SX-1,政务助理,县政务服务中心,扬帆计划,3,2023-07-01,${org}`,
    },
    child: {
      kind: 'internship-placements',
      table: 'internship_placements',
      header: '岗位编号,证件号码,状态',
      row: 'SX-1,{id},已录用',
    },
  },
];

describe('ledgers that take their organisation from another ledger', () => {
  it('are declared as its dependents, so that they follow its records', () => {
    // A kind with no 组织编码 that names another ledger's record takes that record's organisation.
    const derived = IMPORT_KINDS.flatMap((kind) => {
      if (!kind.ledger || kind.columns.some((c) => c.reference === 'org')) return [];
      return kind.columns.flatMap((c) =>
        typeof c.reference === 'object' ? [{ parent: c.reference.ledger, child: kind.ledger!.table }] : [],
      );
    });
    const declared = IMPORT_KINDS.flatMap((kind) =>
      (kind.ledger?.dependents ?? []).map((d) => ({ parent: kind.ledger!.table, child: d.table })),
    );
    expect(derived.length).toBeGreaterThanOrEqual(CASES.length);
    expect(declared).toEqual(expect.arrayContaining(derived));
    expect(derived).toEqual(
      expect.arrayContaining(CASES.map((c) => ({ parent: expect.any(String), child: c.child.table }))),
    );
  });
});

for (const dialect of DIALECTS) {
  describe(`records that take their organisation from another record (${dialect})`, () => {
    let ctx: TestContext;
    let dir: string;
    const ID = makeIdNumber('419901', '2004-04-04', 41);
    const run = async (kind: string, content: string) => {
      const file = path.join(dir, `${kind}.csv`);
      writeFileSync(file, `${content}\n`);
      return importFile(ctx, systemActor(), kind, { path: file, name: `${kind}.csv` }, { dryRun: false });
    };
    const orgOf = (code: string) =>
      ctx.db.selectFrom('orgs').select(['id', 'path']).where('code', '=', code).executeTakeFirstOrThrow();

    beforeAll(async () => {
      ctx = await createTestContext(dialect);
      dir = mkdtempSync(path.join(tmpdir(), 'tuanwu-dependents-'));
      await buildOrg(ctx, { code: 'SL-A', parentCode: null, kind: 'committee', level: 'county' });
      await buildOrg(ctx, { code: 'SL-A-01', parentCode: 'SL-A', kind: 'committee', level: 'township' });
      await buildOrg(ctx, { code: 'SL-A-02', parentCode: 'SL-A', kind: 'committee', level: 'township' });
      await buildPerson(ctx, { idNumber: ID, orgCode: 'SL-A' });
    });
    afterAll(async () => {
      await ctx.dispose();
      rmSync(dir, { recursive: true, force: true });
    });

    for (const { parent, child } of CASES) {
      it(`moves ${child.table} with its ${parent.kind} record`, async () => {
        await run(parent.kind, `${parent.header}\n${parent.row('SL-A-01')}`);
        await run(child.kind, `${child.header}\n${child.row.replace('{id}', ID)}`);
        const before = await ctx.db.selectFrom(child.table).select(['org_id', 'org_path']).execute();
        expect(before).toEqual([
          { org_id: (await orgOf('SL-A-01')).id, org_path: (await orgOf('SL-A-01')).path },
        ]);

        const moved = await run(parent.kind, `${parent.header}\n${parent.row('SL-A-02')}`);
        expect(moved.updated).toBe(1);
        const after = await ctx.db.selectFrom(child.table).select(['org_id', 'org_path']).execute();
        expect(after).toEqual([
          { org_id: (await orgOf('SL-A-02')).id, org_path: (await orgOf('SL-A-02')).path },
        ]);
      });
    }
  });
}
