import { nowIso } from '../db/create-db.ts';
import { hashPassword } from '../lib/crypto.ts';
import { type IdType, maskIdDocument } from '../lib/id-document.ts';
import { makeIdNumber } from '../lib/id-number.ts';
import type { Role } from '../modules/auth/auth.policy.ts';
import { findOrgByCode, insertOrg, type OrgRow } from '../modules/orgs/orgs.repository.ts';
import { insertPerson } from '../modules/people/people.repository.ts';
import { findRegionByCode, insertRegion, updateRegion } from '../modules/regions/regions.repository.ts';
import { insertUser } from '../modules/users/users.repository.ts';
import type { TestContext } from './db.ts';

/**
 * Factories that create missing parents, so a test states only what it is about (STYLE.md).
 * They write through repositories: they set up a world, they are not the behaviour under test.
 */
let sequence = 0;
const next = () => ++sequence;

export async function buildRegion(ctx: TestContext, code = '419901', level = 'county'): Promise<number> {
  const found = await findRegionByCode(ctx.db, code);
  if (found) return found.id;
  const now = nowIso();
  const id = await insertRegion(ctx.db, {
    code,
    name: `区划${code}`,
    level,
    parent_id: null,
    path: '/?',
    created_at: now,
    updated_at: now,
  });
  await updateRegion(ctx.db, id, { path: `/${id}/` });
  return id;
}

export interface OrgOverrides {
  code?: string;
  name?: string;
  kind?: string;
  level?: string;
  domain?: string;
  parentCode?: string | null;
  regionCode?: string;
  status?: string;
  establishedOn?: string | null;
}

/** An org; its parent (by code) is created first when missing. `parentCode: null` makes a top org. */
export async function buildOrg(ctx: TestContext, o: OrgOverrides = {}): Promise<OrgRow> {
  const code = o.code ?? `ORG-${next()}`;
  const existing = await findOrgByCode(ctx.db, code);
  if (existing) return existing;
  const parent =
    o.parentCode === null || o.parentCode === undefined
      ? null
      : await buildOrg(ctx, { code: o.parentCode, parentCode: null, kind: 'committee', level: 'city' });
  const regionId = await buildRegion(ctx, o.regionCode ?? '419901');
  const now = nowIso();
  await insertOrg(
    ctx.db,
    {
      code,
      name: o.name ?? `组织${code}`,
      kind: o.kind ?? 'branch',
      level: o.level ?? 'grassroots',
      domain: o.domain ?? '其他',
      parent_id: parent?.id ?? null,
      region_id: regionId,
      unit_name: null,
      established_on: o.establishedOn ?? null,
      status: o.status ?? 'active',
      created_at: now,
      updated_at: now,
    },
    parent?.path ?? '/',
  );
  return (await findOrgByCode(ctx.db, code))!;
}

export interface PersonOverrides {
  idNumber?: string;
  name?: string;
  birthDate?: string;
  politicalStatus?: string;
  orgCode?: string;
  joinedOn?: string | null;
  phone?: string | null;
  /** 证件类型; a passport holder needs idNumber, and is 女 unless gender says otherwise (his number says neither). */
  idType?: IdType;
  gender?: '男' | '女';
}

export async function buildPerson(ctx: TestContext, p: PersonOverrides = {}) {
  const idType = p.idType ?? 'resident_id';
  const passport = idType === 'passport';
  if (passport && !p.idNumber) throw new Error('buildPerson: a passport holder needs idNumber');
  const idNumber = p.idNumber ?? makeIdNumber('419901', p.birthDate ?? '2005-03-04', next());
  const org = await buildOrg(ctx, {
    code: p.orgCode ?? 'SL-A',
    parentCode: null,
    kind: 'committee',
    level: 'county',
  });
  const now = nowIso();
  const status = p.politicalStatus ?? 'league_member';
  const id = await insertPerson(ctx.db, {
    id_number_hash: ctx.cipher.lookupHash(idNumber),
    id_number_enc: ctx.cipher.encrypt(idNumber),
    id_number_masked: maskIdDocument(idType, idNumber),
    id_type: idType,
    name: p.name ?? `人员${sequence}`,
    gender: passport ? (p.gender ?? '女') : Number(idNumber[16]) % 2 === 1 ? '男' : '女',
    birth_date: passport
      ? (p.birthDate ?? '2005-03-04')
      : `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`,
    ethnicity: null,
    phone: p.phone ?? null,
    political_status: status,
    org_id: org.id,
    joined_on: p.joinedOn === undefined ? (status === 'league_member' ? '2020-05-04' : null) : p.joinedOn,
    member_no: null,
    education: null,
    workplace: null,
    scope_org_id: org.id,
    scope_path: org.path,
    created_at: now,
    updated_at: now,
  });
  return { id, idNumber, org };
}

export const TEST_PASSWORD = 'correct-horse-battery';

/** A user with roles at an org (created when missing). */
export async function buildUser(
  ctx: TestContext,
  u: { username?: string; orgCode?: string; roles?: Role[] } = {},
) {
  const username = u.username ?? `user${next()}`;
  const org = await buildOrg(ctx, {
    code: u.orgCode ?? 'SL-A',
    parentCode: null,
    kind: 'committee',
    level: 'county',
  });
  const id = await insertUser(
    ctx.db,
    {
      username,
      passwordHash: await hashPassword(TEST_PASSWORD),
      displayName: username,
      orgId: org.id,
      now: nowIso(),
    },
    u.roles ?? ['org_admin'],
  );
  return { id, username, password: TEST_PASSWORD, org };
}
