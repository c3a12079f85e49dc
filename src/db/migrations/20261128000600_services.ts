import type { Kysely } from 'kysely';
import { dateType, instantType, withId } from '../dialect-helpers.ts';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
type AnyDb = Kysely<any>;

/**
 * What the service ledgers need beyond their imports (issue 6): numbered receipts for donations, the
 * follow-up of high-risk consultations, and the applications young people file for internship posts.
 */
export async function up(db: AnyDb): Promise<void> {
  const date = dateType(db);
  const instant = instantType(db);

  // 收据编号: given when a receipt is first issued, never reused (DOMAIN.md "donations are receipted").
  await db.schema.alterTable('donations').addColumn('receipt_no', 'text').execute();
  await db.schema
    .createIndex('donations_receipt_no_key')
    .on('donations')
    .column('receipt_no')
    .unique()
    .execute();

  // Beneficiaries are students: the school they attend when the grant was paid (issue 6).
  await db.schema.alterTable('grants').addColumn('school', 'text').execute();

  // DOMAIN.md: high-risk cases are flagged for follow-up and referral to the 12355 youth hotline.
  await db.schema.alterTable('consultations').addColumn('followed_up_on', date).execute();
  await db.schema.alterTable('consultations').addColumn('referred_on', date).execute();

  // Scoped through their post (which carries org_path), so an org move needs no rewrite here.
  await withId(db, db.schema.createTable('internship_applications'))
    .addColumn('post_id', 'integer', (c) => c.notNull().references('internship_posts.id'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('applied_on', date, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('statement', 'text')
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('internship_applications_post_id_person_id_key')
    .on('internship_applications')
    .columns(['post_id', 'person_id'])
    .unique()
    .execute();
  await db.schema
    .createIndex('internship_applications_person_id')
    .on('internship_applications')
    .column('person_id')
    .execute();
}

export async function down(_db: AnyDb): Promise<void> {
  throw new Error('migrations are forward-only');
}
