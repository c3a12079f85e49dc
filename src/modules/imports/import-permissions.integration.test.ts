import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ForbiddenError, ImportRefusedError } from '../../lib/errors.ts';
import { makeIdNumber } from '../../lib/id-number.ts';
import type { App } from '../../server/app.ts';
import { buildTestApp, login, type Session } from '../../test/app.ts';
import { buildCounty } from '../../test/county-factories.ts';
import { createTestContext, DIALECTS, type TestContext } from '../../test/db.ts';
import { countRows, multipartFile } from '../../test/dump.ts';
import { buildPerson, buildUser, TEST_PASSWORD } from '../../test/factories.ts';
import { type Actor, permissionsOf, ROLES, type Role, systemActor } from '../auth/auth.policy.ts';
import type { ImportKind } from './import-kind.ts';
import { IMPORT_PERMISSION_LABELS } from './imports.policy.ts';
import { importFile } from './imports.service.ts';
import { IMPORT_KINDS } from './kinds.ts';

/** Where each role's user sits: a branch secretary at his branch, everyone else at the county committee. */
const ORG_OF: Partial<Record<Role, string>> = { branch_secretary: 'SL-A-T1-V1' };
const orgOf = (role: Role) => ORG_OF[role] ?? 'SL-A';

/** A kind's own template as a CSV: its header and its example row, placed at the caller's own org. */
function templateCsv(kind: ImportKind, orgCode: string): Buffer {
  const field = (s: string) => `"${s.replaceAll('"', '""')}"`;
  const example = kind.columns.map((c) => (c.key === 'org_code' ? orgCode : c.example));
  const lines = [kind.columns.map((c) => field(c.header)), example.map(field)];
  return Buffer.from(`${lines.map((l) => l.join(',')).join('\n')}\n`);
}

/**
 * What the role may import, read off the declarations alone: the import right, the permission the kind declares
 * for its rows, and for base data the whole system shares (行政区划) a reach of the whole tree. A kind added
 * tomorrow is walked with the rest.
 */
function expectedRefusal(role: Role, kind: ImportKind): string | null {
  const granted = new Set(permissionsOf([role]));
  if (!granted.has('import.run')) return '无权执行此操作：您的角色没有该权限';
  if (!granted.has(kind.permission))
    return `无权导入「${kind.label}」：需要“${IMPORT_PERMISSION_LABELS[kind.permission]}”的权限，您的角色没有`;
  if (kind.wholeTree && role !== 'system_admin')
    return `无权导入「${kind.label}」：${kind.label}是全市共用的基础数据，只有系统管理员可以导入`;
  return null;
}

/**
 * The kinds of the roles that import but do not administer, pinned: the walk derives its expectations from the
 * declarations, this says the declarations fit the work (a school's clerk loads his classes and attendance, not
 * the roll; a branch secretary takes attendance but runs no school).
 */
const IMPORTERS: Partial<Record<Role, string[]>> = {
  branch_secretary: ['people', 'admissions', 'party-recommendations', 'classes', 'attendance'],
  school_staff: ['schools', 'classes', 'attendance'],
  volunteer_organiser: ['volunteer-activities', 'volunteer-hours'],
  aid_officer: ['donations', 'grants'],
};

for (const dialect of DIALECTS) {
  describe(`who may import what (${dialect})`, () => {
    let ctx: TestContext;
    let sut: App;
    let dir: string;
    const sessions = new Map<Role, Session>();

    const send = async (
      as: Session,
      method: 'GET' | 'POST' | 'PUT',
      url: string,
      body?: { file: Buffer } | { json: object },
    ) => {
      const file = body && 'file' in body ? multipartFile('file.csv', body.file) : null;
      const res = await sut.inject({
        method,
        url,
        headers: { ...as.headers, ...file?.headers },
        payload: file?.payload ?? (body && 'json' in body ? body.json : undefined),
      });
      const json = res.headers['content-type']?.toString().includes('json')
        ? (res.json() as { error?: { message: string } })
        : {};
      return { status: res.statusCode, message: json.error?.message };
    };

    beforeAll(async () => {
      ctx = await createTestContext(dialect);
      sut = await buildTestApp(ctx);
      dir = mkdtempSync(path.join(tmpdir(), 'tuanwu-import-permissions-'));
      await buildCounty(ctx);
      await buildCounty(ctx, 'SL-B', '419902');
      for (const role of ROLES) {
        await buildUser(ctx, { username: `as-${role}`, orgCode: orgOf(role), roles: [role] });
        sessions.set(role, await login(sut, `as-${role}`, TEST_PASSWORD));
      }
    });
    afterAll(async () => {
      await sut.close();
      await ctx.dispose();
      rmSync(dir, { recursive: true, force: true });
    });

    for (const role of ROLES) {
      it(`${role}: offers exactly the kinds the role may write, refuses the others with a 403 that changes nothing`, async () => {
        const as = sessions.get(role)!;
        const offered = IMPORT_KINDS.filter((k) => expectedRefusal(role, k) === null).map((k) => k.kind);

        if (IMPORTERS[role]) expect(offered).toEqual(IMPORTERS[role]);
        const me = await sut.inject({ method: 'GET', url: '/api/auth/me', headers: as.headers });
        expect(me.json().user.importKinds).toEqual(offered);
        const kinds = await sut.inject({ method: 'GET', url: '/api/imports/kinds', headers: as.headers });
        if (permissionsOf([role]).includes('import.run')) {
          expect(kinds.statusCode).toBe(200);
          expect((kinds.json().items as { kind: string }[]).map((k) => k.kind)).toEqual(offered);
        } else expect(kinds.statusCode).toBe(403);

        // Every way into an import of a refused kind: the upload, its dry run, the mapping step, the template
        // and the saved mappings. Each answers 403 with the reason, and the database is as it was.
        const before = await countRows(ctx);
        for (const kind of IMPORT_KINDS) {
          const reason = expectedRefusal(role, kind);
          if (reason === null) continue;
          const file = { file: templateCsv(kind, orgOf(role)) };
          const header = kind.columns[0]!.header;
          const tries = [
            await send(as, 'POST', `/api/imports/${kind.kind}?dryRun=true`, file),
            await send(as, 'POST', `/api/imports/${kind.kind}`, file),
            await send(as, 'POST', `/api/imports/${kind.kind}/suggest`, file),
            await send(as, 'GET', `/api/imports/kinds/${kind.kind}/template`),
            await send(as, 'GET', `/api/imports/${kind.kind}/mappings`),
            await send(as, 'PUT', `/api/imports/${kind.kind}/mappings`, {
              json: { name: '花名册', mapping: { [header]: header }, headers: [header] },
            }),
          ];
          for (const answer of tries) expect(answer, kind.kind).toEqual({ status: 403, message: reason });
        }
        expect(await countRows(ctx)).toEqual(before);

        // A kind the role may import is taken: read and checked (its example row may name records this county
        // lacks: 422 with the rows' problems), never refused for the role.
        for (const kind of IMPORT_KINDS) {
          if (expectedRefusal(role, kind) !== null) continue;
          const file = { file: templateCsv(kind, orgOf(role)) };
          const dry = await send(as, 'POST', `/api/imports/${kind.kind}?dryRun=true`, file);
          expect([200, 422], `${kind.kind}: ${dry.message}`).toContain(dry.status);
          const suggest = await send(as, 'POST', `/api/imports/${kind.kind}/suggest`, file);
          expect(suggest.status, kind.kind).toBe(200);
          expect((await send(as, 'GET', `/api/imports/kinds/${kind.kind}/template`)).status).toBe(200);
        }
      });
    }

    it('refuses in the service too (whatever calls it), while the command line, as the system administrator, may import every kind', async () => {
      const fileOf = (kind: ImportKind) => {
        const at = path.join(dir, `${kind.kind}.csv`);
        writeFileSync(at, templateCsv(kind, 'SL-A'));
        return { path: at, name: `${kind.kind}.csv` };
      };
      const secretary: Actor = {
        ...systemActor(),
        username: 'sec',
        scopePath: '/1/',
        roles: ['branch_secretary'],
      };
      secretary.permissions = new Set(permissionsOf(['branch_secretary']));
      const before = await countRows(ctx);
      const funds = IMPORT_KINDS.find((k) => k.kind === 'funds')!;
      await expect(importFile(ctx, secretary, 'funds', fileOf(funds), { dryRun: true })).rejects.toThrow(
        ForbiddenError,
      );
      expect(await countRows(ctx)).toEqual(before);
      for (const kind of IMPORT_KINDS) {
        const outcome = importFile(ctx, systemActor(), kind.kind, fileOf(kind), { dryRun: true });
        // Passed, or refused for its rows (an example naming a record this database lacks), never for the actor.
        await outcome.catch((e: unknown) => expect(e, kind.kind).toBeInstanceOf(ImportRefusedError));
      }
    });

    it("refuses a branch secretary's people rows for an org outside his branch, and those of a person another org registered", async () => {
      const stranger = await buildPerson(ctx, { orgCode: 'SL-B' });
      const csv = (rows: string[][]) =>
        Buffer.from(
          `${[['身份证号', '姓名', '政治面貌', '所在团组织编码', '入团日期'], ...rows].map((r) => r.join(',')).join('\n')}\n`,
        );
      const fresh = (n: number) => makeIdNumber('419901', '2004-05-06', 900 + n);
      const before = await countRows(ctx);
      const as = sessions.get('branch_secretary')!;
      for (const row of [
        [fresh(1), '上级的人', '共青团员', 'SL-A-T1', '2020-05-04'],
        [fresh(2), '别县的人', '共青团员', 'SL-B-T1-V1', '2020-05-04'],
        [stranger.idNumber, '改名', '共青团员', 'SL-A-T1-V1', '2020-05-04'],
      ]) {
        const { payload, headers } = multipartFile('people.csv', csv([row]));
        const res = await sut.inject({
          method: 'POST',
          url: '/api/imports/people',
          headers: { ...as.headers, ...headers },
          payload,
        });
        expect(res.statusCode, row[1]).toBe(422);
        const reasons = (res.json().error.details.errors as { reason: string }[]).map((e) => e.reason);
        expect(reasons.join('；'), row[1]).toMatch(/不在您的管理范围内/);
      }
      // Refused imports leave their record and audit line; no person was written or changed.
      const after = await countRows(ctx);
      expect({
        ...after,
        imports: before.imports,
        audit_log: before.audit_log,
        import_jobs: before.import_jobs,
      }).toEqual(before);
      const { payload, headers } = multipartFile(
        'people.csv',
        csv([[fresh(3), '本村的人', '共青团员', 'SL-A-T1-V1', '2020-05-04']]),
      );
      const own = await sut.inject({
        method: 'POST',
        url: '/api/imports/people',
        headers: { ...as.headers, ...headers },
        payload,
      });
      expect(own.statusCode, own.body).toBe(200);
      expect(own.json().inserted).toBe(1);
    });
  });
}
