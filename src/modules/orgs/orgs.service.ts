import type { AppContext } from '../../context.ts';
import { type Db, nowIso } from '../../db/create-db.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../lib/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, assertCan, assertReaches, findInReach } from '../auth/auth.policy.ts';
import { findRegionByCode } from '../regions/regions.service.ts';
import { refreshPreviousDates } from '../volunteering/previous-dates.service.ts';
import { ORG_DOMAINS, ORG_KINDS, ORG_LEVELS } from './orgs.labels.ts';
import { assertNameFitsReach, assertNotOwnRoot } from './orgs.policy.ts';
import {
  countActiveChildren,
  findOrgByCode,
  findSubtreeDetailed,
  insertOrg,
  type OrgRow,
  rewritePaths,
  updateOrg,
} from './orgs.repository.ts';
import type { NewOrg, OrgChanges } from './orgs.schemas.ts';

/**
 * The org tree's lookups other modules may use. This file is the orgs module's public face: other modules import
 * it (and orgs.schemas/orgs.labels), never orgs.repository.ts (issue 16 item 2, src/test/module-boundaries.test.ts).
 */
export {
  findCountyOf,
  findOrgByCode,
  findOrgById,
  findOrgsByCodes,
  findRootOrg,
  type OrgRow,
} from './orgs.repository.ts';

export const ORG_CODE_PATTERN = /^[A-Za-z0-9-]{1,32}$/;

export async function requireOrgByCode(db: Db, code: string): Promise<OrgRow> {
  const org = await findOrgByCode(db, code);
  if (!org) throw new NotFoundError(`组织 ${code} 不存在`);
  return org;
}

/**
 * The org a route names by :code: another county's reads as missing (findInReach). An org the caller names in a
 * list's query or a form goes through requireOrgInScope (403: he named it himself).
 */
export async function requireOrgInReach(db: Db, actor: Actor, code: string): Promise<OrgRow> {
  return findInReach(actor, findOrgByCode(db, code), (o) => o.path, `组织 ${code} 不存在`);
}

/** The org named by code, which the actor must reach; his own org when no code is given. */
export async function requireOrgInScope(db: Db, actor: Actor, code: string | undefined): Promise<OrgRow> {
  const org = code ? await requireOrgByCode(db, code) : await findOrgByCode(db, actor.orgCode);
  if (!org) throw new NotFoundError('请指定组织编码');
  assertReaches(actor, org.path);
  return org;
}

/** A ledger row's org, which must lie in the caller's subtree and be active. */
export async function requireLedgerOrg(db: Db, actor: Actor, orgCode: string): Promise<OrgRow> {
  const org = await requireOrgInScope(db, actor, orgCode);
  if (org.status !== 'active') throw ValidationError.field('orgCode', orgCode, `组织 ${orgCode} 已撤销`);
  return org;
}

type DetailedOrg = Awaited<ReturnType<typeof findSubtreeDetailed>>[number];

function presentOrg(o: DetailedOrg) {
  return {
    code: o.code,
    name: o.name,
    kind: o.kind,
    level: o.level,
    domain: o.domain,
    parentCode: o.parent_code,
    regionCode: o.region_code,
    regionName: o.region_name,
    unitName: o.unit_name,
    establishedOn: o.established_on,
    status: o.status,
    memberCount: Number(o.member_count ?? 0),
  };
}

export async function getOrgTree(ctx: AppContext, actor: Actor, rootCode?: string) {
  assertCan(actor, 'org.read');
  const root = await requireOrgInScope(ctx.db, actor, rootCode);
  return { items: (await findSubtreeDetailed(ctx.db, root.path)).map(presentOrg) };
}

export async function getOrg(ctx: AppContext, actor: Actor, code: string) {
  assertCan(actor, 'org.read');
  const org = await requireOrgInReach(ctx.db, actor, code);
  const [detailed] = (await findSubtreeDetailed(ctx.db, org.path)).filter((o) => o.id === org.id);
  return presentOrg(detailed!);
}

function checkFields(input: Partial<NewOrg>): void {
  if (input.code !== undefined && !ORG_CODE_PATTERN.test(input.code)) {
    throw ValidationError.field('code', input.code, '组织编码只能包含字母、数字和 -，最多32位');
  }
  if (input.kind !== undefined && !(input.kind in ORG_KINDS))
    throw ValidationError.field('kind', input.kind, '组织类型无效');
  if (input.level !== undefined && !(input.level in ORG_LEVELS))
    throw ValidationError.field('level', input.level, '组织层级无效');
  if (input.domain !== undefined && !(ORG_DOMAINS as readonly string[]).includes(input.domain)) {
    throw ValidationError.field('domain', input.domain, `所属领域应为：${ORG_DOMAINS.join(' / ')}`);
  }
}

async function requireRegionId(db: Db, code: string): Promise<number> {
  const region = await findRegionByCode(db, code);
  if (!region) throw ValidationError.field('regionCode', code, `行政区划 ${code} 不存在`);
  return region.id;
}

export async function createOrg(ctx: AppContext, actor: Actor, input: NewOrg) {
  assertCan(actor, 'org.write');
  checkFields(input);
  assertNameFitsReach(actor, input.name);
  await ctx.db.transaction().execute(async (trx) => {
    const parent = await requireOrgInReach(trx, actor, input.parentCode);
    if (parent.status !== 'active')
      throw ValidationError.field('parentCode', input.parentCode, '上级组织已撤销');
    if (await findOrgByCode(trx, input.code)) throw new ConflictError(`组织编码 ${input.code} 已存在`);
    const now = nowIso();
    const id = await insertOrg(
      trx,
      {
        code: input.code,
        name: input.name,
        kind: input.kind,
        level: input.level,
        domain: input.domain,
        parent_id: parent.id,
        region_id: await requireRegionId(trx, input.regionCode),
        unit_name: input.unitName ?? null,
        established_on: input.establishedOn ?? null,
        status: 'active',
        created_at: now,
        updated_at: now,
      },
      parent.path,
    );
    await recordAudit(trx, actor, {
      action: 'create',
      entity: 'org',
      entityId: input.code,
      org: { path: `${parent.path}${id}/`, code: input.code },
      summary: `新建组织 ${input.name}（${input.code}），上级 ${parent.name}`,
      detail: input,
    });
  });
  return getOrg(ctx, actor, input.code);
}

export async function changeOrg(ctx: AppContext, actor: Actor, code: string, changes: OrgChanges) {
  assertCan(actor, 'org.write');
  checkFields(changes);
  await ctx.db.transaction().execute(async (trx) => {
    const org = await requireOrgInReach(trx, actor, code);
    assertNotOwnRoot(actor, org, changes);
    assertNameFitsReach(actor, changes.name);
    const { regionCode, unitName, establishedOn, ...plain } = changes;
    await updateOrg(trx, org.id, {
      ...plain,
      ...(regionCode !== undefined ? { region_id: await requireRegionId(trx, regionCode) } : {}),
      ...(unitName !== undefined ? { unit_name: unitName } : {}),
      ...(establishedOn !== undefined ? { established_on: establishedOn } : {}),
      updated_at: nowIso(),
    });
    await recordAudit(trx, actor, {
      action: 'update',
      entity: 'org',
      entityId: code,
      org: { path: org.path, code },
      summary: `修改组织 ${org.name}（${code}）`,
      detail: changes,
    });
  });
  return getOrg(ctx, actor, code);
}

/** Moves an organisation under a new parent; its whole subtree, and every row carrying its path, follows. */
export async function moveOrg(ctx: AppContext, actor: Actor, code: string, parentCode: string) {
  assertCan(actor, 'org.write');
  await ctx.db.transaction().execute(async (trx) => {
    const org = await requireOrgInReach(trx, actor, code);
    const parent = await requireOrgInReach(trx, actor, parentCode);
    if (parent.path.startsWith(org.path)) {
      throw ValidationError.field('parentCode', parentCode, '不能把组织移到它自己或它的下级组织之下');
    }
    if (parent.status !== 'active') throw ValidationError.field('parentCode', parentCode, '上级组织已撤销');
    await moveSubtree(trx, org, parent);
    await recordAudit(trx, actor, {
      action: 'move',
      entity: 'org',
      entityId: code,
      org: { path: `${parent.path}${org.id}/`, code },
      summary: `将组织 ${org.name}（${code}）移至 ${parent.name}（${parent.code}）之下`,
      detail: { from: org.path, to: `${parent.path}${org.id}/` },
    });
  });
  return getOrg(ctx, actor, code);
}

/** Re-hangs an org and its subtree under `parent`, or at the top of the tree when it is null. */
export async function moveSubtree(db: Db, org: OrgRow, parent: OrgRow | null): Promise<void> {
  await updateOrg(db, org.id, { parent_id: parent?.id ?? null, updated_at: nowIso() });
  await rewritePaths(db, org.path, `${parent?.path ?? '/'}${org.id}/`);
  // The subtree's activities now lie under other ancestors: whoever has a record there has other previous dates.
  await refreshPreviousDates(db, { underPath: `${parent?.path ?? '/'}${org.id}/` });
}

export async function revokeOrg(ctx: AppContext, actor: Actor, code: string) {
  assertCan(actor, 'org.write');
  await ctx.db.transaction().execute(async (trx) => {
    const org = await requireOrgInReach(trx, actor, code);
    if (org.parent_id == null || org.path === actor.orgPath) {
      throw ValidationError.field('code', code, '不能撤销本级或最上级组织');
    }
    if (org.status === 'revoked') throw ValidationError.field('code', code, '该组织已撤销');
    const children = await countActiveChildren(trx, org.id);
    if (children > 0)
      throw ValidationError.field('code', code, `该组织还有 ${children} 个下级组织，请先撤销或移走下级组织`);
    await updateOrg(trx, org.id, { status: 'revoked', updated_at: nowIso() });
    await recordAudit(trx, actor, {
      action: 'revoke',
      entity: 'org',
      entityId: code,
      org: { path: org.path, code },
      summary: `撤销组织 ${org.name}（${code}）`,
    });
  });
  return getOrg(ctx, actor, code);
}
