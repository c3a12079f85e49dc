import { sql } from 'kysely';
import type { Db } from '../../db/create-db.ts';
import { hoursOfHundredths } from '../../lib/hours.ts';
import { type ReportScope, sources, townshipsWithYouthHomes } from './report-sources.ts';

/** `YYYY-MM` of a date column, the same on both dialects (a PostgreSQL date casts to `YYYY-MM-DD`). */
const month = (column: string) => sql<string>`substr(cast(${sql.ref(column)} as text), 1, 7)`;
const n = (v: unknown) => Number(v ?? 0);

export async function volunteerByMonth(db: Db, s: ReportScope) {
  const rows = await sources
    .volunteerRecords(db, s)
    .select((eb) => [
      month('volunteer_activities.start_date').as('month'),
      eb.fn.countAll().as('participations'),
      eb.fn.sum('volunteer_records.hours_hundredths').as('hundredths'),
    ])
    .groupBy(month('volunteer_activities.start_date'))
    .execute();
  return rows.map((r) => ({
    month: r.month,
    participations: n(r.participations),
    hours: hoursOfHundredths(r.hundredths),
  }));
}

/** Each stage date that falls in the period, counted in its month. */
export async function admissionStagesByMonth(db: Db, s: ReportScope) {
  const stage = async (column: 'applied_on' | 'activist_on' | 'candidate_on' | 'joined_on') =>
    db
      .selectFrom('admissions')
      .where(sql<boolean>`admissions.org_path like ${`${s.orgPath}%`}`)
      .where(sql<boolean>`${sql.ref(`admissions.${column}`)} between ${s.from} and ${s.to}`)
      .where((eb) =>
        column === 'joined_on' ? eb('admissions.status', '=', 'admitted') : sql<boolean>`1 = 1`,
      )
      .select((eb) => [month(`admissions.${column}`).as('month'), eb.fn.countAll().as('n')])
      .groupBy(month(`admissions.${column}`))
      .execute();
  return {
    applied: await stage('applied_on'),
    activist: await stage('activist_on'),
    candidate: await stage('candidate_on'),
    admitted: await stage('joined_on'),
  };
}

export async function orgsByDomain(db: Db, s: ReportScope) {
  const rows = await sources
    .activeOrgs(db, s)
    .select((eb) => ['orgs.domain', eb.fn.countAll().as('n')])
    .groupBy('orgs.domain')
    .orderBy('orgs.domain')
    .execute();
  return rows.map((r) => ({ domain: r.domain, count: n(r.n) }));
}

export async function townshipCoverage(db: Db, s: ReportScope) {
  const rows = await townshipsWithYouthHomes(db, s).orderBy('township.code').execute();
  return rows.map((r) => ({ code: r.code, name: r.name, youthHomes: n(r.youth_homes) }));
}

export async function aidByMonth(db: Db, s: ReportScope) {
  const raised = await sources
    .donations(db, s, '助学')
    .select((eb) => [month('donations.donated_on').as('month'), eb.fn.sum('donations.amount_fen').as('fen')])
    .groupBy(month('donations.donated_on'))
    .execute();
  const granted = await sources
    .grants(db, s, '助学')
    .select((eb) => [month('grants.granted_on').as('month'), eb.fn.sum('grants.amount_fen').as('fen')])
    .groupBy(month('grants.granted_on'))
    .execute();
  return {
    raised: raised.map((r) => ({ month: r.month, fen: n(r.fen) })),
    granted: granted.map((r) => ({ month: r.month, fen: n(r.fen) })),
  };
}

export async function findCountiesBelow(db: Db, path: string) {
  return db
    .selectFrom('orgs')
    .select(['code', 'path'])
    .where('path', 'like', `${path}%`)
    .where('level', '=', 'county')
    .where('kind', '=', 'committee')
    .orderBy('code')
    .execute();
}
