import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../lib/id-number.ts';
import type { App } from '../../server/app.ts';
import { buildTestApp, login, type Session } from '../../test/app.ts';
import { createTestContext, DIALECTS, type TestContext } from '../../test/db.ts';
import { buildOrg, buildPerson, buildUser, TEST_PASSWORD } from '../../test/factories.ts';
import { systemActor } from '../auth/auth.policy.ts';
import { importFile } from '../imports/imports.service.ts';

/**
 * "A person's scope follows his org" was written out in each place that writes a person: entry, edit, import,
 * admission, transfer, departure, a volunteer's registration. Where he loses his org they disagreed: an edit
 * moved him to the editor's own organisation, an import and a departure left him where he was. Every writer now
 * calls people's one rule (personScope): without an org he stays visible to the subtree he was in.
 */
for (const dialect of DIALECTS) {
  describe(`a person's scope follows his org, written once (${dialect})`, () => {
    let ctx: TestContext;
    let sut: App;
    let county: Session;
    let dir: string;
    let branchPath: string;

    const scopeOf = async (id: number) =>
      (
        await ctx.db
          .selectFrom('people')
          .select(['scope_path', 'org_id', 'political_status'])
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).scope_path;

    beforeAll(async () => {
      ctx = await createTestContext(dialect);
      sut = await buildTestApp(ctx);
      await buildOrg(ctx, { code: 'SL', parentCode: null, kind: 'committee', level: 'city' });
      await buildOrg(ctx, { code: 'SL-A', parentCode: 'SL', kind: 'committee', level: 'county' });
      const branch = await buildOrg(ctx, { code: 'SL-A-V1', parentCode: 'SL-A', kind: 'branch' });
      branchPath = branch.path;
      await buildUser(ctx, { username: 'county', orgCode: 'SL-A', roles: ['org_admin'] });
      county = await login(sut, 'county', TEST_PASSWORD);
      dir = mkdtempSync(path.join(tmpdir(), 'tuanwu-person-scope-'));
    });
    afterAll(async () => {
      await sut.close();
      await ctx.dispose();
      rmSync(dir, { recursive: true, force: true });
    });

    it('keeps a person who loses his org where he was, whether edited, imported or departed', async () => {
      const edited = await buildPerson(ctx, { orgCode: 'SL-A-V1', politicalStatus: 'masses', name: '编辑' });
      const imported = await buildPerson(ctx, {
        orgCode: 'SL-A-V1',
        politicalStatus: 'masses',
        name: '导入',
      });
      const departed = await buildPerson(ctx, { orgCode: 'SL-A-V1', name: '离团', birthDate: '1996-01-01' });

      const patch = await sut.inject({
        method: 'PATCH',
        url: `/api/people/${edited.id}`,
        headers: county.headers,
        payload: { orgCode: null },
      });
      expect(patch.statusCode).toBe(200);

      const file = path.join(dir, 'people.csv');
      writeFileSync(file, ['身份证号,姓名,政治面貌', `${imported.idNumber},导入,群众`].join('\n'));
      const outcome = await importFile(
        ctx,
        systemActor(),
        'people',
        { path: file, name: 'people.csv' },
        { dryRun: false },
      );
      expect(outcome).toMatchObject({ updated: 1 });

      const left = await sut.inject({
        method: 'POST',
        url: '/api/membership/departures',
        headers: county.headers,
        payload: { personIds: [departed.id], reason: 'age', leftOn: '2025-01-01' },
      });
      expect(left.statusCode).toBeLessThan(300);

      const rows = await ctx.db
        .selectFrom('people')
        .select(['name', 'org_id', 'scope_path'])
        .where('id', 'in', [edited.id, imported.id, departed.id])
        .orderBy('id')
        .execute();
      expect(rows.map((r) => ({ ...r }))).toEqual([
        { name: '编辑', org_id: null, scope_path: branchPath },
        { name: '导入', org_id: null, scope_path: branchPath },
        { name: '离团', org_id: null, scope_path: branchPath },
      ]);
    });

    it('puts a person given an org under it, and a new person without one where he is registered', async () => {
      const moved = await buildPerson(ctx, { orgCode: 'SL-A', politicalStatus: 'masses', name: '编入' });
      const patch = await sut.inject({
        method: 'PATCH',
        url: `/api/people/${moved.id}`,
        headers: county.headers,
        payload: { orgCode: 'SL-A-V1' },
      });
      expect(patch.statusCode).toBe(200);
      expect(await scopeOf(moved.id)).toBe(branchPath);

      const created = await sut.inject({
        method: 'POST',
        url: '/api/people',
        headers: county.headers,
        payload: {
          idNumber: makeIdNumber('419901', '2006-01-01', 31),
          name: '新登记',
          politicalStatus: 'masses',
        },
      });
      expect(created.statusCode).toBe(201);
      const countyOrg = await buildOrg(ctx, { code: 'SL-A' });
      expect(await scopeOf(created.json().id)).toBe(countyOrg.path);
    });
  });
}
