import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../dialect-helpers.ts';

/**
 * Issue 14 (bench/province.ts): a subtree is `path like '/1/2/%'`, and outside the C collation PostgreSQL can
 * serve a prefix `like` only from a `text_pattern_ops` index; a plain B-tree on the path is read whole (every
 * row of the province for one branch). Migration 20261203000800 gave the report's ledgers such indexes; the
 * people list and search (`people_scope_path`, every person of the province), the audit log and the other
 * lists filtered by subtree kept plain ones. This gives every path index a pattern twin, with the same
 * further columns; the guard test beside this file fails when a new path index comes without one. SQLite asks
 * for the range itself (report-sources.ts inScope) and needs nothing.
 */
const PATTERN_INDEXES: [table: string, path: string, then?: string][] = [
  ['people', 'scope_path', 'id'],
  ['audit_log', 'org_path'],
  ['branch_elections', 'org_path'],
  ['branch_meetings', 'org_path', 'held_on'],
  ['dues_payments', 'org_path'],
  ['lapse_cases', 'org_path'],
  ['member_departures', 'org_path'],
  ['member_evaluations', 'org_path'],
  ['member_transfers', 'from_org_path'],
  ['member_transfers', 'to_org_path'],
  ['party_cases', 'org_path'],
  ['portal_articles', 'org_path'],
  ['registration_campaigns', 'org_path'],
  ['star_ratings', 'org_path'],
];

const indexName = (table: string, path: string) => `${table}_${path}_pattern`;

export async function up(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  for (const [table, path, then] of PATTERN_INDEXES) {
    const columns = then
      ? sql`${sql.ref(path)} text_pattern_ops, ${sql.ref(then)}`
      : sql`${sql.ref(path)} text_pattern_ops`;
    await sql`create index ${sql.id(indexName(table, path))} on ${sql.table(table)} (${columns})`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  for (const [table, path] of PATTERN_INDEXES)
    await db.schema.dropIndex(indexName(table, path)).ifExists().execute();
}
