import { sql } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/create-db.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { hoursOfHundredths } from '../../lib/hours.ts';
import { maskName } from '../../lib/text.ts';
import { type Actor, assertCan } from '../auth/auth.policy.ts';
import { findOrgByCode, requireOrgInScope } from '../orgs/orgs.service.ts';
import { STAR_THRESHOLDS, starLabel, starLevelOf } from './hours-rules.ts';

/** Cumulative confirmed hours of everyone on file in the subtree with at least one star's worth. */
async function starredPeople(db: Db, scopePath: string) {
  const minimum = STAR_THRESHOLDS[0].hours * 100;
  return db
    .selectFrom('volunteer_records as r')
    .innerJoin('people as p', 'p.id', 'r.person_id')
    .innerJoin('orgs as o', 'o.id', 'p.scope_org_id')
    .select(['p.id', 'p.name', 'p.id_number_masked', 'o.name as org_name'])
    .select(sql<number>`sum(r.hours_hundredths)`.as('hundredths'))
    .where('p.scope_path', 'like', `${scopePath}%`)
    .groupBy(['p.id', 'p.name', 'p.id_number_masked', 'o.name'])
    .having(sql`sum(r.hours_hundredths)`, '>=', minimum)
    .orderBy(sql`sum(r.hours_hundredths)`, 'desc')
    .orderBy('p.id')
    .execute();
}

function levels(rows: { hundredths: number }[]) {
  return STAR_THRESHOLDS.map((t) => ({
    level: t.level,
    label: t.label,
    hours: t.hours,
    count: rows.filter((r) => starLevelOf(Number(r.hundredths)) === t.level).length,
  }));
}

/** 星级志愿者 of a county (or any subtree), for staff: names and masked identity numbers. */
export async function listStars(ctx: AppContext, actor: Actor, orgCode?: string) {
  assertCan(actor, 'volunteer.read');
  const org = await requireOrgInScope(ctx.db, actor, orgCode);
  const rows = await starredPeople(ctx.db, org.path);
  return {
    orgCode: org.code,
    orgName: org.name,
    levels: levels(rows),
    items: rows.map((r) => {
      const level = starLevelOf(Number(r.hundredths));
      return {
        personId: r.id,
        name: r.name,
        idNumberMasked: r.id_number_masked,
        orgName: r.org_name,
        hours: hoursOfHundredths(r.hundredths),
        level,
        label: starLabel(level),
      };
    }),
  };
}

/** The public honour roll: masked names, the level and the hours, nothing that identifies further. */
export async function honourRoll(ctx: AppContext, orgCode: string) {
  const org = await findOrgByCode(ctx.db, orgCode);
  if (org?.status !== 'active') throw new NotFoundError('组织不存在');
  const rows = await starredPeople(ctx.db, org.path);
  return {
    orgName: org.name,
    levels: levels(rows),
    items: rows.map((r) => {
      const level = starLevelOf(Number(r.hundredths));
      return {
        name: maskName(r.name),
        hours: hoursOfHundredths(r.hundredths),
        level,
        label: starLabel(level),
      };
    }),
  };
}
