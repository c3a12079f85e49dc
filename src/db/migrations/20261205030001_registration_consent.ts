import type { Kysely } from 'kysely';
import { instantType } from '../dialect-helpers.ts';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not as typed now
type AnyDb = Kysely<any>;

/**
 * What a young person agreed to when registering (issue 17 item 9, PIPL): when he accepted the privacy notice,
 * and for one under 18 his guardian's name, phone and when the guardian's consent was given (PIPL art. 31).
 */
export async function up(db: AnyDb): Promise<void> {
  const instant = instantType(db);
  await db.schema.alterTable('volunteer_registrations').addColumn('privacy_accepted_at', instant).execute();
  await db.schema.alterTable('volunteer_registrations').addColumn('guardian_name', 'text').execute();
  await db.schema.alterTable('volunteer_registrations').addColumn('guardian_phone', 'text').execute();
  await db.schema.alterTable('volunteer_registrations').addColumn('guardian_consent_at', instant).execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const column of ['guardian_consent_at', 'guardian_phone', 'guardian_name', 'privacy_accepted_at'])
    await db.schema.alterTable('volunteer_registrations').dropColumn(column).execute();
}
