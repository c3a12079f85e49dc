import type { Kysely } from 'kysely';
import { redact } from '../../lib/redact.ts';
import { rewriteAuditText } from './20261202000400_remask_id_numbers.ts';

/**
 * The audit writer now masks identity and mobile numbers; entries written before it (a people search by the whole
 * number, a changed phone, a phone-number username) are masked the same way, so none rests in clear.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not as typed now
export async function up(db: Kysely<any>): Promise<void> {
  await rewriteAuditText(db, redact);
}

/** What was masked cannot be unmasked. */
export async function down(): Promise<void> {}
