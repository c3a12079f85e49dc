import type { Db } from '../../db/create-db.ts';

/** League members (共青团员 with a 所在团组织) of a subtree, with their branch: what every list starts from. */
export async function findMembersUnder(db: Db, path: string) {
  return db
    .selectFrom('people')
    .innerJoin('orgs', 'orgs.id', 'people.org_id')
    .select([
      'people.id',
      'people.name',
      'people.gender',
      'people.birth_date',
      'people.id_number_masked',
      'people.joined_on',
      'people.member_no',
      'people.org_id',
      'people.workplace',
      'orgs.code as org_code',
      'orgs.name as org_name',
      'orgs.path as org_path',
    ])
    .where('people.political_status', '=', 'league_member')
    .where('orgs.path', 'like', `${path}%`)
    .orderBy('orgs.path')
    .orderBy('people.id')
    .execute();
}
export type MemberRow = Awaited<ReturnType<typeof findMembersUnder>>[number];

export async function findMembersOfOrg(db: Db, orgId: number) {
  return db
    .selectFrom('people')
    .select(['id', 'name', 'birth_date', 'joined_on', 'id_number_masked', 'member_no'])
    .where('political_status', '=', 'league_member')
    .where('org_id', '=', orgId)
    .orderBy('id')
    .execute();
}

/** Active branches of a subtree, with their current count of league members. */
export async function findBranchesUnder(db: Db, path: string) {
  return db
    .selectFrom('orgs')
    .leftJoin('people', (j) =>
      j.onRef('people.org_id', '=', 'orgs.id').on('people.political_status', '=', 'league_member'),
    )
    .select((eb) => [
      'orgs.id',
      'orgs.code',
      'orgs.name',
      'orgs.path',
      'orgs.domain',
      'orgs.unit_name',
      eb.fn.count<number>('people.id').as('members'),
    ])
    .where('orgs.kind', '=', 'branch')
    .where('orgs.status', '=', 'active')
    .where('orgs.path', 'like', `${path}%`)
    .groupBy(['orgs.id', 'orgs.code', 'orgs.name', 'orgs.path', 'orgs.domain', 'orgs.unit_name'])
    .orderBy('orgs.path')
    .execute();
}
export type BranchRow = Awaited<ReturnType<typeof findBranchesUnder>>[number];

/** League members of one org on a date (joined on or before it): those who may vote at its 支部大会. */
export async function countMembersOfOrgOn(db: Db, orgId: number, on: string): Promise<number> {
  const row = await db
    .selectFrom('people')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('political_status', '=', 'league_member')
    .where('org_id', '=', orgId)
    .where((eb) => eb.or([eb('joined_on', 'is', null), eb('joined_on', '<=', on)]))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
