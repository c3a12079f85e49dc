import { type ExpressionBuilder, type Insertable, sql, type Updateable } from 'kysely';
import { executeCompiledOnce, insertMany, updateMany } from '../../db/bulk-insert.ts';
import type { Db } from '../../db/create-db.ts';
import type { Database, PersonTable } from '../../db/schema.ts';

const columns = [
  'people.id',
  'people.id_number_hash',
  'people.id_number_enc',
  'people.id_number_masked',
  'people.id_type',
  'people.name',
  'people.gender',
  'people.birth_date',
  'people.ethnicity',
  'people.phone',
  'people.political_status',
  'people.org_id',
  'people.joined_on',
  'people.member_no',
  'people.education',
  'people.workplace',
  'people.scope_org_id',
  'people.scope_path',
  'people.created_at',
  'people.updated_at',
  'orgs.code as org_code',
  'orgs.name as org_name',
] as const;

export type PersonRow = Awaited<ReturnType<typeof findPersonById>> & {};

export interface PeopleFilter {
  scopePath: string;
  name?: string;
  /** The whole name, not a part of it (the named lookup, people.lookup.ts). */
  nameExact?: string;
  phone?: string;
  idNumberHash?: string;
  /** One person, by his 志愿者编号. */
  personId?: number;
  politicalStatus?: string;
  /** Only the people who volunteer under this path (people.policy.ts, reach `volunteers`). */
  volunteersUnder?: string;
}

/**
 * Someone volunteers under `path` when he registered with an organisation there, signed up for one of its
 * activities, or has hours recorded by it.
 */
function volunteersUnder(eb: ExpressionBuilder<Database, 'people'>, path: string) {
  const like = `${path}%`;
  return eb.or([
    eb.exists(
      eb
        .selectFrom('volunteer_registrations as vr')
        .innerJoin('orgs as vo', 'vo.id', 'vr.org_id')
        .select('vr.id')
        .whereRef('vr.person_id', '=', 'people.id')
        .where('vo.path', 'like', like),
    ),
    eb.exists(
      eb
        .selectFrom('volunteer_enrolments as ve')
        .innerJoin('volunteer_activities as va', 'va.id', 've.activity_id')
        .select('ve.id')
        .whereRef('ve.person_id', '=', 'people.id')
        .where('va.org_path', 'like', like),
    ),
    eb.exists(
      eb
        .selectFrom('volunteer_records as vh')
        .select('vh.id')
        .whereRef('vh.person_id', '=', 'people.id')
        .where('vh.org_path', 'like', like),
    ),
  ]);
}

function filtered(db: Db, f: PeopleFilter) {
  let q = db
    .selectFrom('people')
    .leftJoin('orgs', 'orgs.id', 'people.org_id')
    .where('people.scope_path', 'like', `${f.scopePath}%`);
  if (f.idNumberHash) q = q.where('people.id_number_hash', '=', f.idNumberHash);
  if (f.personId) q = q.where('people.id', '=', f.personId);
  if (f.phone) q = q.where('people.phone', 'like', `%${f.phone}%`);
  // The user's text is matched literally: % and _ in it are not wildcards.
  if (f.name)
    q = q.where(sql<boolean>`people.name like ${`%${f.name.replace(/[!%_]/g, '!$&')}%`} escape '!'`);
  if (f.nameExact) q = q.where('people.name', '=', f.nameExact);
  if (f.politicalStatus) q = q.where('people.political_status', '=', f.politicalStatus);
  const under = f.volunteersUnder;
  if (under !== undefined) q = q.where((eb) => volunteersUnder(eb, under));
  return q;
}

export async function countPeople(db: Db, f: PeopleFilter): Promise<number> {
  const { n } = await filtered(db, f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}

export async function findPeople(db: Db, f: PeopleFilter, limit: number, offset: number) {
  return filtered(db, f)
    .select(columns)
    .orderBy('people.scope_path')
    .orderBy('people.id')
    .limit(limit)
    .offset(offset)
    .execute();
}

export async function findPersonById(db: Db, id: number) {
  return db
    .selectFrom('people')
    .leftJoin('orgs', 'orgs.id', 'people.org_id')
    .select(columns)
    .where('people.id', '=', id)
    .executeTakeFirst();
}

/** Whether the person volunteers under `path` (see volunteersUnder). */
export async function volunteersUnderPath(db: Db, id: number, path: string): Promise<boolean> {
  const row = await db
    .selectFrom('people')
    .select('people.id')
    .where('people.id', '=', id)
    .where((eb) => volunteersUnder(eb, path))
    .executeTakeFirst();
  return row !== undefined;
}

function byHashesQuery(db: Db, hashes: string[]) {
  return db
    .selectFrom('people')
    .leftJoin('orgs', 'orgs.id', 'people.org_id')
    .select(columns)
    .where('people.id_number_hash', 'in', hashes);
}

/** The people with these identity-number hashes; an import looks up each batch of its rows at once. */
export async function findPeopleByHashes(db: Db, hashes: string[]): Promise<PersonRow[]> {
  if (hashes.length === 0) return [];
  // The list is padded to a round length (repeating its last hash) so that few query texts are ever compiled.
  const size = Math.ceil(hashes.length / 100) * 100;
  const padded = hashes.concat(Array<string>(size - hashes.length).fill(hashes[hashes.length - 1]!));
  return executeCompiledOnce<PersonRow>(
    db,
    `people-by-hashes|${size}`,
    () => byHashesQuery(db, padded).compile().sql,
    padded,
  );
}

/** New people in bulk (an import's batch), through `insertMany`. */
export async function insertPeople(db: Db, rows: Insertable<PersonTable>[]): Promise<void> {
  await insertMany(db, 'people', rows);
}

/** Each person to his own values, for one set of columns, in bulk. */
export async function updatePeople(
  db: Db,
  rows: (Updateable<PersonTable> & { id: number })[],
): Promise<void> {
  await updateMany(db, 'people', rows);
}

export async function insertPerson(db: Db, row: Insertable<PersonTable>): Promise<number> {
  const { id } = await db.insertInto('people').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updatePerson(db: Db, id: number, changes: Updateable<PersonTable>): Promise<void> {
  await db.updateTable('people').set(changes).where('id', '=', id).execute();
}
