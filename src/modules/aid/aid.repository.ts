import { type Insertable, sql } from 'kysely';
import type { Db } from '../../db/create-db.ts';
import { isPostgres } from '../../db/dialect-helpers.ts';
import type { DonationTable, GrantTable } from '../../db/ledger-schema.ts';

/**
 * Each county committee's balance per programme over its subtree: donations received anywhere in it minus
 * grants paid anywhere in it (DOMAIN.md "Services").
 */
export async function findNegativeProgramBalances(db: Db, scopePath: string) {
  const rows = await sql<{ code: string; name: string; program: string; balance: number }>`
    select o.code, o.name, t.program, sum(t.amount) as balance
    from orgs o
    join (
      select org_path, program, amount_fen as amount from donations
      union all
      select org_path, program, -amount_fen as amount from grants
    ) t on t.org_path like o.path || '%'
    where o.level = 'county' and o.path like ${`${scopePath}%`}
    group by o.code, o.name, t.program
    having sum(t.amount) < 0`.execute(db);
  return rows.rows.map((r) => ({ ...r, balance: Number(r.balance) }));
}

/** The committee whose balance a record at this org draws on: its nearest county ancestor (or itself). */
export async function findBalanceHolder(db: Db, orgPath: string) {
  const ids = orgPath.split('/').filter(Boolean).map(Number);
  const county = await db
    .selectFrom('orgs')
    .select(['id', 'code', 'name', 'path'])
    .where('id', 'in', ids)
    .where('level', '=', 'county')
    .orderBy('path', 'desc')
    .executeTakeFirst();
  return county ?? null;
}

/** Donations received minus grants paid over a subtree, for one programme, in fen. */
export async function programBalance(db: Db, subtreePath: string, program: string): Promise<number> {
  const raised = await db
    .selectFrom('donations')
    .select((eb) => eb.fn.sum<number>('amount_fen').as('n'))
    .where('org_path', 'like', `${subtreePath}%`)
    .where('program', '=', program)
    .executeTakeFirstOrThrow();
  const granted = await db
    .selectFrom('grants')
    .select((eb) => eb.fn.sum<number>('amount_fen').as('n'))
    .where('org_path', 'like', `${subtreePath}%`)
    .where('program', '=', program)
    .executeTakeFirstOrThrow();
  return Number(raised.n ?? 0) - Number(granted.n ?? 0);
}

/**
 * Every county committee in a subtree with its per-programme sums up to a date; with `exactPath`, only the org
 * of that path (an org below county level, over its own subtree).
 */
export async function findProgramBalances(db: Db, scopePath: string, to: string, exactPath = false) {
  const rows = await sql<{ code: string; name: string; program: string; raised: number; granted: number }>`
    select o.code, o.name, t.program,
      sum(case when t.amount > 0 then t.amount else 0 end) as raised,
      sum(case when t.amount < 0 then -t.amount else 0 end) as granted
    from orgs o
    join (
      select org_path, program, amount_fen as amount from donations where donated_on <= ${to}
      union all
      select org_path, program, -amount_fen as amount from grants where granted_on <= ${to}
    ) t on t.org_path like o.path || '%'
    where ${exactPath ? sql`o.path = ${scopePath}` : sql`o.level = 'county' and o.path like ${`${scopePath}%`}`}
    group by o.code, o.name, t.program
    order by o.code, t.program`.execute(db);
  return rows.rows.map((r) => ({
    ...r,
    raised: Number(r.raised),
    granted: Number(r.granted),
    balance: Number(r.raised) - Number(r.granted),
  }));
}

export function findDonations(db: Db, s: { orgPath: string; from: string; to: string }) {
  return db
    .selectFrom('donations')
    .innerJoin('orgs', 'orgs.id', 'donations.org_id')
    .select([
      'donations.id',
      'donations.code',
      'donations.donor',
      'donations.donor_kind',
      'donations.amount_fen',
      'donations.donated_on',
      'donations.program',
      'donations.note',
      'donations.receipt_no',
      'donations.org_path',
      'orgs.code as org_code',
      'orgs.name as org_name',
    ])
    .where('donations.org_path', 'like', `${s.orgPath}%`)
    .where('donations.donated_on', '>=', s.from)
    .where('donations.donated_on', '<=', s.to)
    .orderBy('donations.donated_on')
    .orderBy('donations.id');
}

export function findGrants(db: Db, s: { orgPath: string; from: string; to: string }) {
  return db
    .selectFrom('grants')
    .innerJoin('people', 'people.id', 'grants.person_id')
    .innerJoin('orgs', 'orgs.id', 'grants.org_id')
    .select([
      'grants.id',
      'grants.code',
      'grants.person_id',
      'grants.amount_fen',
      'grants.granted_on',
      'grants.program',
      'grants.reason',
      'grants.school',
      'people.name as person_name',
      'people.id_number_masked',
      'orgs.code as org_code',
      'orgs.name as org_name',
    ])
    .where('grants.org_path', 'like', `${s.orgPath}%`)
    .where('grants.granted_on', '>=', s.from)
    .where('grants.granted_on', '<=', s.to)
    .orderBy('grants.granted_on')
    .orderBy('grants.id');
}

export async function findReceiptNumbers(db: Db, prefix: string) {
  const rows = await db
    .selectFrom('donations')
    .select('receipt_no')
    .where('receipt_no', 'like', `${prefix}%`)
    .execute();
  return rows.map((r) => r.receipt_no!);
}

export async function findDonation(db: Db, id: number) {
  return db
    .selectFrom('donations')
    .innerJoin('orgs', 'orgs.id', 'donations.org_id')
    .selectAll('donations')
    .select(['orgs.code as org_code', 'orgs.name as org_name'])
    .where('donations.id', '=', id)
    .executeTakeFirst();
}

export async function insertDonation(db: Db, row: Insertable<DonationTable>): Promise<number> {
  return (await db.insertInto('donations').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function insertGrant(db: Db, row: Insertable<GrantTable>): Promise<number> {
  return (await db.insertInto('grants').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function isReceiptNoTaken(db: Db, receiptNo: string): Promise<boolean> {
  return Boolean(
    await db.selectFrom('donations').select('id').where('receipt_no', '=', receiptNo).executeTakeFirst(),
  );
}

/** The receipt number a donation already has, its row locked (PostgreSQL) until the transaction ends. */
export async function lockReceiptNo(db: Db, id: number): Promise<string | null> {
  const row = await db
    .selectFrom('donations')
    .select('receipt_no')
    .where('id', '=', id)
    .$if(isPostgres(db), (q) => q.forUpdate())
    .executeTakeFirst();
  return row?.receipt_no ?? null;
}

export async function setReceiptNo(
  db: Db,
  id: number,
  receipt: { no: string; issuedOn: string; issuer: string },
  now: string,
) {
  await db
    .updateTable('donations')
    .set({
      receipt_no: receipt.no,
      receipt_issued_on: receipt.issuedOn,
      receipt_issuer: receipt.issuer,
      updated_at: now,
    })
    .where('id', '=', id)
    .where('receipt_no', 'is', null)
    .execute();
}
