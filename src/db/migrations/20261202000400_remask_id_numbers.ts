import { type Kysely, sql } from 'kysely';
import { rewritingAppendOnly } from '../dialect-helpers.ts';

/** Masks of the earlier format (`411424********0011`) as they appear inside audit summaries. */
const OLD_MASK = /\b(\d{4})\d{2}\*{8}\d{2}(\d[\dX])\b/g;

/**
 * DESIGN.md: a stored mask keeps the first 4 and the last 2. The earlier one kept the region and the last four,
 * which beside a birth date was the whole number; every stored copy is re-masked: people, volunteer registrations
 * and certificates, and the audit summaries that quoted them.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not as typed now
export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ['people', 'volunteer_registrations', 'volunteer_certificates']) {
    await sql
      .raw(
        `UPDATE ${table} SET id_number_masked = substr(id_number_masked, 1, 4) || '************' || ` +
          `substr(id_number_masked, length(id_number_masked) - 1, 2) ` +
          `WHERE id_number_masked NOT LIKE '____************__'`,
      )
      .execute(db);
  }
  await rewriteAuditText(db, (text) =>
    text.replace(OLD_MASK, (_m, head, tail) => `${head}************${tail}`),
  );
}

/** Applies `rewrite` to every audit username, summary and detail it changes, in batches by id. */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not as typed now
export async function rewriteAuditText(db: Kysely<any>, rewrite: (text: string) => string): Promise<void> {
  await rewritingAppendOnly(db, 'audit_log', async () => {
    let after = 0;
    for (;;) {
      const rows: { id: number; username: string | null; summary: string; detail: string | null }[] = await db
        .selectFrom('audit_log')
        .select(['id', 'username', 'summary', 'detail'])
        .where('id', '>', after)
        .orderBy('id')
        .limit(1000)
        .execute();
      if (rows.length === 0) return;
      for (const row of rows) {
        const username = row.username == null ? null : rewrite(row.username);
        const summary = rewrite(row.summary);
        const detail = row.detail == null ? null : rewrite(row.detail);
        if (username !== row.username || summary !== row.summary || detail !== row.detail) {
          await db
            .updateTable('audit_log')
            .set({ username, summary, detail })
            .where('id', '=', row.id)
            .execute();
        }
      }
      after = rows[rows.length - 1]!.id;
    }
  });
}

/** A mask cannot be widened again: the hidden digits are not stored in clear. */
export async function down(): Promise<void> {}
