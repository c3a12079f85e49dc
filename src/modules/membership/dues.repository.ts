import type { Insertable } from 'kysely';
import type { Db } from '../../db/create-db.ts';
import type { DuesPaymentTable } from '../../db/membership-schema.ts';

export async function findBases(db: Db, personIds: number[]) {
  if (personIds.length === 0) return [];
  const out = [];
  for (let i = 0; i < personIds.length; i += 500) {
    out.push(
      ...(await db
        .selectFrom('dues_bases')
        .select(['person_id', 'category', 'monthly_income_fen', 'amount_fen'])
        .where('person_id', 'in', personIds.slice(i, i + 500))
        .execute()),
    );
  }
  return out;
}

export async function upsertBasis(
  db: Db,
  row: { person_id: number; category: string; monthly_income_fen: number | null; amount_fen: number },
  now: string,
): Promise<void> {
  const existing = await db
    .selectFrom('dues_bases')
    .select('id')
    .where('person_id', '=', row.person_id)
    .executeTakeFirst();
  if (existing)
    await db
      .updateTable('dues_bases')
      .set({ ...row, updated_at: now })
      .where('id', '=', existing.id)
      .execute();
  else
    await db
      .insertInto('dues_bases')
      .values({ ...row, created_at: now, updated_at: now })
      .execute();
}

/** Payments of a subtree between two months, both included. */
export async function findPaymentsUnder(db: Db, path: string, fromMonth: string, toMonth: string) {
  return db
    .selectFrom('dues_payments')
    .select(['person_id', 'month', 'amount_fen', 'paid_on'])
    .where('org_path', 'like', `${path}%`)
    .where('month', '>=', fromMonth)
    .where('month', '<=', toMonth)
    .execute();
}

export async function findPaymentsOfPeople(db: Db, personIds: number[], months: string[]) {
  if (personIds.length === 0 || months.length === 0) return [];
  return db
    .selectFrom('dues_payments')
    .select(['person_id', 'month'])
    .where('person_id', 'in', personIds)
    .where('month', 'in', months)
    .execute();
}

export async function findPaymentsOfPeopleBetween(
  db: Db,
  personIds: number[],
  fromMonth: string,
  toMonth: string,
) {
  const out = [];
  for (let i = 0; i < personIds.length; i += 500) {
    out.push(
      ...(await db
        .selectFrom('dues_payments')
        .select(['person_id', 'month', 'paid_on'])
        .where('person_id', 'in', personIds.slice(i, i + 500))
        .where('month', '>=', fromMonth)
        .where('month', '<=', toMonth)
        .execute()),
    );
  }
  return out;
}

export async function findPaymentsOfPerson(db: Db, personId: number) {
  return db
    .selectFrom('dues_payments')
    .innerJoin('orgs', 'orgs.id', 'dues_payments.org_id')
    .select([
      'dues_payments.month',
      'dues_payments.amount_fen',
      'dues_payments.paid_on',
      'orgs.name as org_name',
    ])
    .where('person_id', '=', personId)
    .orderBy('month')
    .execute();
}

export async function insertPayments(db: Db, rows: Insertable<DuesPaymentTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 300) {
    await db
      .insertInto('dues_payments')
      .values(rows.slice(i, i + 300))
      .execute();
  }
}

/** The last date each person paid dues. */
export async function findLastPaidOn(db: Db, path: string) {
  return db
    .selectFrom('dues_payments')
    .select((eb) => ['person_id', eb.fn.max('paid_on').as('last')])
    .where('org_path', 'like', `${path}%`)
    .groupBy('person_id')
    .execute();
}
