import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/app.ts';
import { buildTestApp, login, type Session } from '../../test/app.ts';
import { createTestContext, DIALECTS, type TestContext } from '../../test/db.ts';
import { buildOrg, buildRegion, buildUser } from '../../test/factories.ts';
import { insertAuditEntry } from './audit.repository.ts';

interface Entry {
  id: number;
  at: string;
  username: string | null;
  action: string;
  orgCode: string | null;
  summary: string;
}

for (const dialect of DIALECTS) {
  describe(`audit (${dialect})`, () => {
    let ctx: TestContext;
    let sut: App;
    let admin: Session;
    let countyB: Session;
    let root: Session;
    let secretary: Session;

    const list = async (session: Session, query = '') => {
      const res = await sut.inject({
        method: 'GET',
        url: `/api/audit${query}`,
        headers: { cookie: session.cookie },
      });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { items: Entry[]; total: number; page: number; pageSize: number };
    };

    beforeAll(async () => {
      ctx = await createTestContext(dialect);
      sut = await buildTestApp(ctx);
      await buildRegion(ctx, '419901', 'county');
      const sl = await buildOrg(ctx, { code: 'SL', parentCode: null, kind: 'committee', level: 'city' });
      const slA = await buildOrg(ctx, { code: 'SL-A', parentCode: 'SL', kind: 'committee', level: 'county' });
      const slAT1 = await buildOrg(ctx, {
        code: 'SL-A-T1',
        parentCode: 'SL-A',
        kind: 'working_committee',
        level: 'township',
      });
      const slB = await buildOrg(ctx, { code: 'SL-B', parentCode: 'SL', kind: 'committee', level: 'county' });
      await buildUser(ctx, { username: 'a-admin', orgCode: 'SL-A', roles: ['org_admin'] });
      await buildUser(ctx, { username: 'b-admin', orgCode: 'SL-B', roles: ['org_admin'] });
      await buildUser(ctx, { username: 'a-secretary', orgCode: 'SL-A-T1', roles: ['branch_secretary'] });
      await buildUser(ctx, { username: 'root', orgCode: 'SL', roles: ['system_admin'] });
      // A history on fixed instants, around the Shanghai day 2023-05-04 (UTC 2023-05-03T16:00 to 2023-05-04T16:00).
      const entry = (
        at: string,
        username: string | null,
        action: string,
        org: { path: string; code: string } | null,
      ) =>
        insertAuditEntry(ctx.db, {
          at,
          user_id: null,
          username,
          action,
          entity: 'person',
          entity_id: '1',
          org_path: org?.path ?? null,
          org_code: org?.code ?? null,
          summary: `${action} ${at}`,
          detail: null,
          ip: null,
        });
      await entry('2023-05-03T15:59:59.000Z', 'a-admin', 'update', slA); // 2023-05-03 23:59:59 local
      await entry('2023-05-03T16:00:00.000Z', 'a-admin', 'export', slA); // 2023-05-04 00:00:00 local
      await entry('2023-05-04T08:00:00.000Z', 'a-secretary', 'create', slAT1);
      await entry('2023-05-04T15:59:59.000Z', 'a-admin', 'reveal', slAT1); // 2023-05-04 23:59:59 local
      await entry('2023-05-04T16:00:00.000Z', 'a-admin', 'update', slA); // 2023-05-05 00:00 local
      await entry('2023-05-04T09:00:00.000Z', 'b-admin', 'export', slB);
      await entry('2023-05-04T10:00:00.000Z', 'city-clerk', 'update', sl);
      await entry('2023-05-04T11:00:00.000Z', null, 'login_failed', null);

      admin = await login(sut, 'a-admin', 'correct-horse-battery');
      countyB = await login(sut, 'b-admin', 'correct-horse-battery');
      root = await login(sut, 'root', 'correct-horse-battery');
      secretary = await login(sut, 'a-secretary', 'correct-horse-battery');
    });
    afterAll(async () => {
      await sut.close();
      await ctx.dispose();
    });

    it("shows a county admin his subtree's entries only, newest first", async () => {
      const { items, total } = await list(admin, '?pageSize=100');
      // The 5 of the history in SL-A's subtree, and the logins of a-admin and a-secretary (SL-A, SL-A-T1).
      expect(total).toBe(7);
      expect(items.map((e) => e.orgCode).every((c) => c === 'SL-A' || c === 'SL-A-T1')).toBe(true);
      expect(items.some((e) => e.username === 'b-admin' || e.username === 'city-clerk')).toBe(false);
      expect(items.some((e) => e.action === 'login_failed')).toBe(false);
      expect(items.map((e) => e.id)).toEqual([...items.map((e) => e.id)].sort((x, y) => y - x));

      const b = await list(countyB, '?pageSize=100');
      expect(b.items.map((e) => e.username).sort()).toEqual(['b-admin', 'b-admin']);
      expect(b.items.map((e) => e.action).sort()).toEqual(['export', 'login']);
    });

    it('shows the system administrator everything, entries without an organisation too', async () => {
      const all = await ctx.db.selectFrom('audit_log').select('id').execute();
      const { total, items } = await list(root, '?pageSize=100');
      expect(total).toBe(all.length);
      expect(items.some((e) => e.action === 'login_failed')).toBe(true);
    });

    it('filters by action and by username', async () => {
      const updates = await list(admin, '?action=update');
      expect(updates.total).toBe(2);
      expect(updates.items.every((e) => e.action === 'update')).toBe(true);
      const secretaryOnly = await list(admin, '?username=a-secretary');
      expect(secretaryOnly.items.map((e) => e.action).sort()).toEqual(['create', 'login']);
      const both = await list(admin, '?username=a-admin&action=export');
      expect(both.items.map((e) => e.at)).toEqual(['2023-05-03T16:00:00.000Z']);
      // The response schema serialises only what it declares: the page's fields, never the detail.
      expect(both.items[0]).toEqual({
        id: expect.any(Number),
        at: '2023-05-03T16:00:00.000Z',
        username: 'a-admin',
        action: 'export',
        actionLabel: '导出',
        entity: 'person',
        entityLabel: '人员',
        entityId: '1',
        orgCode: 'SL-A',
        summary: 'export 2023-05-03T16:00:00.000Z',
        ip: null,
      });
      expect(both).toMatchObject({ total: 1, page: 1, pageSize: 20 });
      // Another county's user is not found through the filter either.
      expect((await list(admin, '?username=b-admin')).total).toBe(0);
      expect((await list(admin, '?action=nothing')).items).toEqual([]);
    });

    it('filters by Shanghai calendar dates, both bounds inclusive', async () => {
      const day = await list(admin, '?from=2023-05-04&to=2023-05-04');
      expect(day.items.map((e) => e.at).sort()).toEqual([
        '2023-05-03T16:00:00.000Z',
        '2023-05-04T08:00:00.000Z',
        '2023-05-04T15:59:59.000Z',
      ]);
      const before = await list(admin, '?to=2023-05-03');
      expect(before.items.map((e) => e.at)).toEqual(['2023-05-03T15:59:59.000Z']);
      const after = await list(admin, '?from=2023-05-05&action=update');
      expect(after.items.map((e) => e.at)).toEqual(['2023-05-04T16:00:00.000Z']);
      const span = await list(admin, '?from=2023-05-03&to=2023-05-05');
      expect(span.total).toBe(5);
      const bad = await sut.inject({
        method: 'GET',
        url: '/api/audit?from=2023/5/4',
        headers: { cookie: admin.cookie },
      });
      expect(bad.statusCode).toBe(422);
    });

    it('pages with a stable total', async () => {
      const first = await list(admin, '?pageSize=3&page=1');
      const third = await list(admin, '?pageSize=3&page=3');
      expect(first).toMatchObject({ total: 7, page: 1, pageSize: 3 });
      expect(first.items).toHaveLength(3);
      expect(third.items).toHaveLength(1);
    });

    it('answers 403 to a branch secretary without audit.read, and 401 to anyone anonymous', async () => {
      const res = await sut.inject({
        method: 'GET',
        url: '/api/audit',
        headers: { cookie: secretary.cookie },
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().error).toEqual({ code: 'FORBIDDEN', message: '无权执行此操作：您的角色没有该权限' });
      const anonymous = await sut.inject({ method: 'GET', url: '/api/audit' });
      expect(anonymous.statusCode).toBe(401);
    });

    it('records the writes of the other modules with who and where', async () => {
      const res = await sut.inject({
        method: 'PATCH',
        url: '/api/orgs/SL-A-T1',
        headers: admin.headers,
        payload: { name: '改名团工委' },
      });
      expect(res.statusCode).toBe(200);
      const { items } = await list(admin, '?action=update&username=a-admin&pageSize=1');
      expect(items[0]).toMatchObject({ action: 'update', username: 'a-admin', orgCode: 'SL-A-T1' });
      expect(items[0]!.summary).toContain('SL-A-T1');
      expect(Date.now() - Date.parse(items[0]!.at)).toBeLessThan(60_000);
      // It shows in SL-A's log, not in SL-B's.
      expect((await list(countyB, '?action=update')).total).toBe(0);
    });
  });
}
