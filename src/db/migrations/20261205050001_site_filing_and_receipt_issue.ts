import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not as typed now
type AnyDb = Kysely<any>;

/**
 * Issue 17, item 15.
 * - The site's filing numbers (ICP 备案号, 公安机关备案号), shown in every public footer as the regulations
 *   require, and its emblem and favicon (addresses of images uploaded to the newsroom).
 * - A donation receipt says when it was issued and by whom (经办人). Receipts numbered before this carry
 *   the day the donation was entered and no name: the receipt then leaves 经办人 blank for a signature.
 */
export async function up(db: AnyDb): Promise<void> {
  for (const column of ['icp_number', 'police_number', 'logo_image', 'favicon_image']) {
    await db.schema
      .alterTable('portal_site')
      .addColumn(column, 'text', (c) => c.notNull().defaultTo(''))
      .execute();
  }
  await db.schema.alterTable('donations').addColumn('receipt_issued_on', 'text').execute();
  await db.schema.alterTable('donations').addColumn('receipt_issuer', 'text').execute();
  // created_at is an ISO instant (text on SQLite, timestamptz on PostgreSQL); its Beijing day is the issue day.
  const rows = await db
    .selectFrom('donations')
    .select(['id', 'created_at'])
    .where('receipt_no', 'is not', null)
    .execute();
  for (const row of rows) {
    const at = new Date(row.created_at as string | Date).getTime() + 8 * 3_600_000;
    await db
      .updateTable('donations')
      .set({ receipt_issued_on: new Date(at).toISOString().slice(0, 10) })
      .where('id', '=', row.id)
      .execute();
  }
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable('donations').dropColumn('receipt_issuer').execute();
  await db.schema.alterTable('donations').dropColumn('receipt_issued_on').execute();
  for (const column of ['favicon_image', 'logo_image', 'police_number', 'icp_number'])
    await db.schema.alterTable('portal_site').dropColumn(column).execute();
}
