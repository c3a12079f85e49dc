import type { Insertable, Updateable } from 'kysely';
import { sql } from 'kysely';
import type { Db } from '../../db/create-db.ts';
import type { MemberTransferTable } from '../../db/membership-schema.ts';
import { IN_FLIGHT } from './membership.labels.ts';

const columns = [
  'member_transfers.id',
  'member_transfers.person_id',
  'member_transfers.reason',
  'member_transfers.reason_note',
  'member_transfers.initiated_by',
  'member_transfers.status',
  'member_transfers.from_org_id',
  'member_transfers.from_org_path',
  'member_transfers.to_org_id',
  'member_transfers.to_org_path',
  'member_transfers.assigned_org_id',
  'member_transfers.assigned_org_path',
  'member_transfers.started_on',
  'member_transfers.released_on',
  'member_transfers.decided_on',
  'member_transfers.decline_reason',
  'member_transfers.started_by',
  'member_transfers.decided_by',
  'people.name as person_name',
  'people.gender as person_gender',
  'people.birth_date as person_birth_date',
  'people.id_number_masked as person_id_number_masked',
  'people.joined_on as person_joined_on',
  'people.member_no as person_member_no',
  'from_org.code as from_org_code',
  'from_org.name as from_org_name',
  'to_org.code as to_org_code',
  'to_org.name as to_org_name',
  'assigned_org.code as assigned_org_code',
  'assigned_org.name as assigned_org_name',
] as const;

function joined(db: Db) {
  return db
    .selectFrom('member_transfers')
    .innerJoin('people', 'people.id', 'member_transfers.person_id')
    .innerJoin('orgs as from_org', 'from_org.id', 'member_transfers.from_org_id')
    .innerJoin('orgs as to_org', 'to_org.id', 'member_transfers.to_org_id')
    .leftJoin('orgs as assigned_org', 'assigned_org.id', 'member_transfers.assigned_org_id');
}

function base(db: Db) {
  return joined(db).select(columns);
}

export type TransferRow = Awaited<ReturnType<typeof findTransferById>> & {};

export async function findTransferById(db: Db, id: number) {
  return base(db).where('member_transfers.id', '=', id).executeTakeFirst();
}

export async function findTransferInFlight(db: Db, personId: number) {
  return db
    .selectFrom('member_transfers')
    .select(['id', 'status'])
    .where('person_id', '=', personId)
    .where('status', 'in', IN_FLIGHT)
    .executeTakeFirst();
}

export interface TransferFilter {
  /** outgoing: the member's organisation lies in the path; incoming: the receiving one does. */
  direction: 'outgoing' | 'incoming';
  path: string;
  status?: string;
  startedBefore?: string;
  personId?: number;
}

/** One filter for the list and its count (the to-do centre counts what the page lists). */
function filtered(db: Db, f: TransferFilter) {
  let q = joined(db).where(
    f.direction === 'outgoing' ? 'member_transfers.from_org_path' : 'member_transfers.to_org_path',
    'like',
    `${f.path}%`,
  );
  if (f.status) q = q.where('member_transfers.status', '=', f.status);
  if (f.startedBefore)
    q = q.where('member_transfers.status', 'in', IN_FLIGHT).where('started_on', '<', f.startedBefore);
  if (f.personId) q = q.where('member_transfers.person_id', '=', f.personId);
  return q;
}

export async function findTransfers(db: Db, f: TransferFilter, limit: number, offset: number) {
  return filtered(db, f)
    .select(columns)
    .orderBy('member_transfers.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
}

export async function countTransfers(db: Db, f: TransferFilter): Promise<number> {
  const row = await filtered(db, f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findTransfersOfPerson(db: Db, personId: number) {
  return base(db).where('member_transfers.person_id', '=', personId).orderBy('member_transfers.id').execute();
}

export async function insertTransfer(db: Db, row: Insertable<MemberTransferTable>): Promise<number> {
  const { id } = await db
    .insertInto('member_transfers')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Changes a transfer only if it is still in the status the caller read: a racing decision loses. */
export async function updateTransferFrom(
  db: Db,
  id: number,
  status: string,
  changes: Updateable<MemberTransferTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('member_transfers')
    .set(changes)
    .where('id', '=', id)
    .where('status', '=', status)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The county-level organisation on a path (the caller's own county), if any. */
export async function findCountyOnPath(db: Db, path: string) {
  const ids = path.split('/').filter(Boolean).map(Number);
  if (ids.length === 0) return undefined;
  return db
    .selectFrom('orgs')
    .select(['id', 'code', 'name', 'path'])
    .where('id', 'in', ids)
    .where('level', '=', 'county')
    .executeTakeFirst();
}

/** Active organisations of a subtree whose name or code contains the words typed: where a member may go. */
export async function findDestinationsUnder(db: Db, path: string, q: string, limit: number) {
  const like = `%${q.replace(/[!%_]/g, '!$&')}%`;
  return db
    .selectFrom('orgs')
    .leftJoin('orgs as parent', 'parent.id', 'orgs.parent_id')
    .select(['orgs.code', 'orgs.name', 'orgs.kind', 'parent.name as parent_name'])
    .where('orgs.path', 'like', `${path}%`)
    .where('orgs.status', '=', 'active')
    .where(sql<boolean>`(orgs.name like ${like} escape '!' or orgs.code like ${like} escape '!')`)
    .orderBy('orgs.path')
    .limit(limit)
    .execute();
}
