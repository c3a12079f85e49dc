import type { Insertable } from 'kysely';
import type { Db } from '../../db/create-db.ts';
import type { ImportMappingTable } from '../../db/schema.ts';

/** Every saved mapping of a kind; the service keeps those the caller sees (few per kind, so none is paged). */
export async function findImportMappings(db: Db, kind: string) {
  return db.selectFrom('import_mappings').selectAll().where('kind', '=', kind).orderBy('name').execute();
}

export async function findImportMapping(db: Db, id: number) {
  return db.selectFrom('import_mappings').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findImportMappingAt(db: Db, kind: string, orgPath: string, name: string) {
  return db
    .selectFrom('import_mappings')
    .selectAll()
    .where('kind', '=', kind)
    .where('org_path', '=', orgPath)
    .where('name', '=', name)
    .executeTakeFirst();
}

export async function insertImportMapping(db: Db, row: Insertable<ImportMappingTable>): Promise<number> {
  const { id } = await db.insertInto('import_mappings').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateImportMapping(
  db: Db,
  id: number,
  row: Pick<ImportMappingTable, 'mapping' | 'header_keys' | 'updated_by' | 'updated_at'>,
): Promise<void> {
  await db.updateTable('import_mappings').set(row).where('id', '=', id).execute();
}

export async function deleteImportMapping(db: Db, id: number): Promise<void> {
  await db.deleteFrom('import_mappings').where('id', '=', id).execute();
}
