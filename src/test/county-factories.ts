import { nowIso } from '../db/create-db.ts';
import { insertRegion, updateRegion } from '../modules/regions/regions.repository.ts';
import type { TestContext } from './db.ts';
import { buildOrg, buildPerson, buildUser } from './factories.ts';

/** A region under a parent region (the shared factory only makes top regions), with its materialised path. */
export async function buildChildRegion(
  ctx: TestContext,
  code: string,
  level: 'township' | 'village',
  parentCode: string,
  name = `区划${code}`,
): Promise<number> {
  const parent = await ctx.db
    .selectFrom('regions')
    .selectAll()
    .where('code', '=', parentCode)
    .executeTakeFirstOrThrow();
  const now = nowIso();
  const id = await insertRegion(ctx.db, {
    code,
    name,
    level,
    parent_id: parent.id,
    path: '/?',
    created_at: now,
    updated_at: now,
  });
  await updateRegion(ctx.db, id, { path: `${parent.path}${id}/` });
  return id;
}

/** Links a user account to the person it stands for (how a counsellor or a young person is recognised). */
export async function linkUserToPerson(ctx: TestContext, userId: number, personId: number): Promise<void> {
  await ctx.db.updateTable('users').set({ person_id: personId }).where('id', '=', userId).execute();
}

/** A county committee SL-A with a township committee and a village branch, and an admin. */
export async function buildCounty(ctx: TestContext, code = 'SL-A', regionCode = '419901') {
  const county = await buildOrg(ctx, {
    code,
    name: `${code}县团委`,
    parentCode: null,
    kind: 'committee',
    level: 'county',
    regionCode,
  });
  const township = await buildOrg(ctx, {
    code: `${code}-T1`,
    name: `${code}一镇团委`,
    parentCode: code,
    kind: 'committee',
    level: 'township',
    regionCode,
  });
  const branch = await buildOrg(ctx, {
    code: `${code}-T1-V1`,
    name: `${code}一村团支部`,
    parentCode: `${code}-T1`,
  });
  const admin = await buildUser(ctx, {
    username: `${code.toLowerCase()}-admin`,
    orgCode: code,
    roles: ['org_admin'],
  });
  return { county, township, branch, admin };
}

/**
 * 甲县一中团委 (SL-A-M1), a middle school's committee under the county SL-A, with its class branches 初三1班团支部
 * (SL-A-M1-C1) and 初三2班团支部 (SL-A-M1-C2): where school staff and a school's own users work.
 */
export async function buildMiddleSchool(ctx: TestContext) {
  const committee = await buildOrg(ctx, {
    code: 'SL-A-M1',
    name: '甲县一中团委',
    parentCode: 'SL-A',
    kind: 'committee',
    domain: '中学',
  });
  const branches = [
    await buildOrg(ctx, { code: 'SL-A-M1-C1', name: '初三1班团支部', parentCode: 'SL-A-M1' }),
    await buildOrg(ctx, { code: 'SL-A-M1-C2', name: '初三2班团支部', parentCode: 'SL-A-M1' }),
  ];
  return { committee, branches };
}

export { buildPerson, buildUser };
