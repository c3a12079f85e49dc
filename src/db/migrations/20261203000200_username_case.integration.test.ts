import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, DIALECTS, type TestContext } from '../../test/db.ts';
import { buildUser } from '../../test/factories.ts';
import { up } from './20261203000200_username_case.ts';

for (const dialect of DIALECTS) {
  describe(`usernames unique regardless of case: the migration (${dialect})`, () => {
    let ctx: TestContext;
    beforeAll(async () => {
      ctx = await createTestContext(dialect);
    });
    afterAll(async () => {
      await ctx.dispose();
    });

    it('renames the later of names that differ only in case, deterministically and audited, then holds them apart', async () => {
      // A database from before the migration: the index is not there yet, and case variants were accepted.
      await sql`drop index users_username_lower`.execute(ctx.db);
      const first = await buildUser(ctx, { username: 'admin', orgCode: 'SL-A' });
      const second = await buildUser(ctx, { username: 'ADMIN', orgCode: 'SL-A' });
      const third = await buildUser(ctx, { username: 'Admin', orgCode: 'SL-A' });
      const other = await buildUser(ctx, { username: 'clerk', orgCode: 'SL-A' });

      await up(ctx.db);

      const names = Object.fromEntries(
        (await ctx.db.selectFrom('users').select(['id', 'username']).execute()).map((u) => [
          u.id,
          u.username,
        ]),
      );
      expect(names[first.id]).toBe('admin');
      expect(names[second.id]).toBe(`ADMIN-${second.id}`);
      expect(names[third.id]).toBe(`Admin-${third.id}`);
      expect(names[other.id]).toBe('clerk');
      const audit = await ctx.db
        .selectFrom('audit_log')
        .select(['action', 'entity', 'entity_id', 'summary', 'org_path'])
        .where('entity', '=', 'user')
        .orderBy('id')
        .execute();
      expect(audit.map((a) => a.entity_id)).toEqual([String(second.id), String(third.id)]);
      expect(audit[0]!.summary).toBe(
        `用户名 ADMIN 与 admin 仅大小写不同，改为 ADMIN-${second.id}（迁移：用户名不再区分大小写）`,
      );
      expect(audit[0]!.org_path).toBe(first.org.path);

      await expect(buildUser(ctx, { username: 'CLERK', orgCode: 'SL-A' })).rejects.toThrow();
    });

    it('renames to a free name when the id-suffixed one is taken', async () => {
      await sql`drop index users_username_lower`.execute(ctx.db);
      const a = await buildUser(ctx, { username: 'wang', orgCode: 'SL-A' });
      const b = await buildUser(ctx, { username: 'WANG', orgCode: 'SL-A' });
      const c = await buildUser(ctx, { username: `Wang-${b.id}`, orgCode: 'SL-A' });
      await up(ctx.db);
      const names = Object.fromEntries(
        (await ctx.db.selectFrom('users').select(['id', 'username']).execute()).map((u) => [
          u.id,
          u.username,
        ]),
      );
      expect(names[a.id]).toBe('wang');
      expect(names[c.id]).toBe(`Wang-${b.id}`);
      expect(names[b.id]).toBe(`WANG-${b.id}-2`);
    });
  });
}
