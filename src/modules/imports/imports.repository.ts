import type { Insertable } from 'kysely';
import type { Db } from '../../db/create-db.ts';
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
