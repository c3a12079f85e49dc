import { type Insertable, sql } from 'kysely';
import type { AdmissionQuotaTable, AdmissionSettingsTable } from '../../db/admission-schema.ts';
import type { Db } from '../../db/create-db.ts';

/** Every settings row on the path from the top of the tree down to `path`, deepest last. */
export async function findSettingsAlong(db: Db, path: string) {
  const rows = await db
    .selectFrom('admission_settings')
    .innerJoin('orgs', 'orgs.id', 'admission_settings.org_id')
    .selectAll('admission_settings')
    .select(['orgs.code as org_code', 'orgs.name as org_name'])
    .where(sql<boolean>`${path} like admission_settings.org_path || '%'`)
    .execute();
  return rows.sort((a, b) => a.org_path.length - b.org_path.length);
}

export async function upsertSettings(db: Db, row: Insertable<AdmissionSettingsTable>): Promise<void> {
  const { org_id: _, org_path: __, ...changes } = row;
  await db
    .insertInto('admission_settings')
    .values(row)
    .onConflict((oc) => oc.column('org_id').doUpdateSet(changes))
    .execute();
}

export async function findQuotasAlong(db: Db, path: string, year: number) {
  const rows = await db
    .selectFrom('admission_quotas')
    .innerJoin('orgs', 'orgs.id', 'admission_quotas.org_id')
    .selectAll('admission_quotas')
    .select(['orgs.code as org_code', 'orgs.name as org_name'])
    .where(sql<boolean>`${path} like admission_quotas.org_path || '%'`)
    .where('admission_quotas.year', '=', year)
    .execute();
  return rows.sort((a, b) => a.org_path.length - b.org_path.length);
}

export async function findQuotasUnder(db: Db, path: string) {
  return db
    .selectFrom('admission_quotas')
    .innerJoin('orgs', 'orgs.id', 'admission_quotas.org_id')
    .selectAll('admission_quotas')
    .select(['orgs.code as org_code', 'orgs.name as org_name'])
    .where(sql<boolean>`admission_quotas.org_path like ${`${path}%`}`)
    .orderBy('admission_quotas.year', 'desc')
    .orderBy('orgs.code')
    .execute();
}

export async function upsertQuota(db: Db, row: Insertable<AdmissionQuotaTable>): Promise<void> {
  await db
    .insertInto('admission_quotas')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['org_id', 'year', 'school_stage']).doUpdateSet({
        graduates: row.graduates,
        members_before: row.members_before,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}
