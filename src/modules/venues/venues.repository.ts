import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../db/create-db.ts';
import type { VenueTable } from '../../db/ledger-schema.ts';
import { type ReportScope, townshipsWithYouthHomes } from '../reports/report-sources.ts';

/** Venues of the subtree that exist at the end of the period (opened on or before it, or date unknown). */
export function findVenues(db: Db, s: ReportScope) {
  return db
    .selectFrom('venues')
    .innerJoin('regions', 'regions.id', 'venues.region_id')
    .innerJoin('orgs', 'orgs.id', 'venues.org_id')
    .select([
      'venues.id',
      'venues.code',
      'venues.name',
      'venues.kind',
      'venues.opened_on',
      'venues.status',
      'venues.org_path',
      'regions.code as region_code',
      'regions.name as region_name',
      'regions.level as region_level',
      'orgs.code as org_code',
      'orgs.name as org_name',
    ])
    .where('venues.org_path', 'like', `${s.orgPath}%`)
    .where((eb) => eb.or([eb('venues.opened_on', 'is', null), eb('venues.opened_on', '<=', s.to)]))
    .orderBy('venues.code');
}

export async function findVenue(db: Db, id: number) {
  return db.selectFrom('venues').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertVenue(db: Db, row: Insertable<VenueTable>): Promise<number> {
  return (await db.insertInto('venues').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateVenue(db: Db, id: number, changes: Updateable<VenueTable>) {
  await db.updateTable('venues').set(changes).where('id', '=', id).execute();
}

/** Townships of the scope's region with their active youth homes (the report's own query). */
export async function findTownshipCoverage(db: Db, s: ReportScope) {
  const rows = await townshipsWithYouthHomes(db, s).orderBy('township.code').execute();
  return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, youthHomes: Number(r.youth_homes ?? 0) }));
}
