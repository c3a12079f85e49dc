import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
type AnyDb = Kysely<any>;

/**
 * Issue 15, the SMS channel: a user's mobile for reminders by 短信, beside his e-mail and WeChat openid. It is his
 * own choice of number for reminders, kept apart from the person records (a staff account has none).
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('notification_contacts').addColumn('phone', 'text').execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable('notification_contacts').dropColumn('phone').execute();
}
