import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '../../modules/audit/audit.service.ts';
import { createTestContext, DIALECTS, type TestContext } from '../../test/db.ts';
import { buildPerson } from '../../test/factories.ts';
import { up } from './20261202000400_remask_id_numbers.ts';
import { up as redactAuditLog } from './20261202000401_redact_audit_log.ts';

for (const dialect of DIALECTS) {
  describe(`re-masking stored identity numbers (${dialect})`, () => {
    let ctx: TestContext;
    beforeAll(async () => {
      ctx = await createTestContext(dialect);
    });
    afterAll(async () => {
      await ctx.dispose();
    });

    it('re-masks people and the audit summaries that quoted the earlier mask, and keeps the log append-only', async () => {
      const p = await buildPerson(ctx, { idNumber: '41142420050101001X', name: '旧掩码' });
      await ctx.db
        .updateTable('people')
        .set({ id_number_masked: '411424********001X' })
        .where('id', '=', p.id)
        .execute();
      await recordAudit(ctx.db, null, {
        action: 'create',
        summary: '新增人员 旧掩码（411424********001X）',
        detail: { note: '411424********001X' },
      });

      await up(ctx.db);

      const row = await ctx.db
        .selectFrom('people')
        .select('id_number_masked')
        .where('id', '=', p.id)
        .executeTakeFirstOrThrow();
      expect(row.id_number_masked).toBe('4114************1X');
      const entry = await ctx.db
        .selectFrom('audit_log')
        .selectAll()
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      expect(entry.summary).toBe('新增人员 旧掩码（4114************1X）');
      expect(entry.detail).toBe('{"note":"4114************1X"}');
      // Running it again changes nothing.
      await up(ctx.db);
      expect(
        (
          await ctx.db
            .selectFrom('people')
            .select('id_number_masked')
            .where('id', '=', p.id)
            .executeTakeFirstOrThrow()
        ).id_number_masked,
      ).toBe('4114************1X');
      await expect(sql`update audit_log set summary = 'x'`.execute(ctx.db)).rejects.toThrow(/append-only/);
      await expect(sql`delete from audit_log`.execute(ctx.db)).rejects.toThrow(/append-only/);
    });

    it('masks identity and mobile numbers already resting in the audit log in clear', async () => {
      await ctx.db
        .insertInto('audit_log')
        .values({
          at: new Date().toISOString(),
          user_id: null,
          username: '13611112222',
          action: 'export',
          entity: 'person',
          entity_id: null,
          org_path: null,
          org_code: null,
          summary: '新建用户 13611112222',
          detail: '{"q":"41142420050101001X","phone":"13700001234"}',
          ip: null,
        })
        .execute();
      await redactAuditLog(ctx.db);
      const entry = await ctx.db
        .selectFrom('audit_log')
        .selectAll()
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      expect(entry).toMatchObject({
        username: '136****2222',
        summary: '新建用户 136****2222',
        detail: '{"q":"4114************1X","phone":"137****1234"}',
      });
      await expect(sql`delete from audit_log`.execute(ctx.db)).rejects.toThrow(/append-only/);
    });
  });
}
