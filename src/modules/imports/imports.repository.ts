import { type Insertable, sql } from 'kysely';
import { type Db, dialect } from '../../db/create-db.ts';
import type { ImportTable } from '../../db/schema.ts';

export async function insertImportRecord(db: Db, row: Insertable<ImportTable>): Promise<number> {
  const { id } = await db.insertInto('imports').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function findImportRecords(db: Db, scopePath: string, limit: number, offset: number) {
  const base = db.selectFrom('imports').where('org_path', 'like', `${scopePath}%`);
  const { n } = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const items = await base.selectAll().orderBy('id', 'desc').limit(limit).offset(offset).execute();
  return { items, total: Number(n) };
}

/** The first key of the two-key advisory locks imports take, so they never meet another module's locks. */
const IMPORT_LOCK_SPACE = 0x7475_616e; // 'tuan'

/**
 * Takes the transaction-scoped lock of one import kind, waiting at most `waitMs`; false when another import of
 * the kind held it all along. SQLite needs none: its single writer already serialises imports.
 */
export async function lockImportKind(trx: Db, kind: string, waitMs: number): Promise<boolean> {
  if (dialect(trx) !== 'postgres') return true;
  const deadline = Date.now() + waitMs;
  for (;;) {
    const { rows } = await sql<{ ok: boolean }>`
      select pg_try_advisory_xact_lock(${IMPORT_LOCK_SPACE}, hashtext(${kind})) as ok`.execute(trx);
    if (rows[0]?.ok) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
