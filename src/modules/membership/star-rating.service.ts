import type { Static } from 'typebox';
import type { AppContext } from '../../context.ts';
import { nowIso } from '../../db/create-db.ts';
import { today } from '../../lib/dates.ts';
import { ConflictError, ValidationError } from '../../lib/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, assertCan, findInReach, seesFromBelow } from '../auth/auth.policy.ts';
import { requireOrgInScope } from '../orgs/orgs.service.ts';
import { findBranchesUnder } from './members.repository.ts';
import { innerPath, requireBranchInScope, requireCommitteeInScope, xlsxOf } from './membership.common.ts';
import { assertStarAction, starActions } from './membership.policy.ts';
import { ancestorPathsOf } from './registration.repository.ts';
import {
  type ChecklistRow,
  countRatings,
  findChecklist,
  findChecklistById,
  findChecklistsFor,
  findRating,
  findRatings,
  saveChecklist,
  setStars,
  upsertSelfScore,
} from './star-rating.repository.ts';
import type { ChecklistInput, SelfScoreBody } from './star-rating.schemas.ts';

/** The league's 对标定级 practice: five-star branches at most 20% unless the committee sets otherwise. */
export const DEFAULT_FIVE_STAR_PCT = 20;

interface Item {
  code: string;
  label: string;
  points: number;
}

function presentChecklist(c: ChecklistRow) {
  return {
    id: c.id,
    year: c.year,
    org: { code: c.org_code, name: c.org_name },
    items: JSON.parse(c.items) as Item[],
    quotas: JSON.parse(c.quotas) as Record<string, number>,
  };
}

/** Sets a committee's checklist of a year; once branches have scored against it, it is fixed. */
export async function saveStarChecklist(ctx: AppContext, actor: Actor, input: ChecklistInput) {
  assertCan(actor, 'org.write');
  const total = input.items.reduce((s, i) => s + i.points, 0);
  if (total !== 100) throw ValidationError.field('items', total, `各条目分值合计应为100分，现为 ${total} 分`);
  const codes = new Set(input.items.map((i) => i.code));
  if (codes.size !== input.items.length) throw ValidationError.field('items', null, '条目编号不能重复');
  const quotas: Record<string, number> = { '5': input.fiveStarQuotaPct ?? DEFAULT_FIVE_STAR_PCT };
  if (input.fourStarQuotaPct != null) quotas['4'] = input.fourStarQuotaPct;
  const id = await ctx.db.transaction().execute(async (trx) => {
    const org = await requireCommitteeInScope(trx, actor, input.orgCode);
    const existing = await findChecklist(trx, org.id, input.year);
    if (existing && (await countRatings(trx, existing.id)) > 0)
      throw new ConflictError('已有团支部按该标准自评，标准不能再修改');
    const saved = await saveChecklist(
      trx,
      existing?.id ?? null,
      {
        org_id: org.id,
        org_path: org.path,
        year: input.year,
        items: JSON.stringify(input.items),
        quotas: JSON.stringify(quotas),
      },
      nowIso(),
    );
    await recordAudit(trx, actor, {
      action: existing ? 'update' : 'create',
      entity: 'star_checklist',
      entityId: saved,
      org: { path: org.path, code: org.code },
      summary: `${existing ? '修改' : '制定'} ${org.name} ${input.year} 年度团支部对标定级标准（${input.items.length} 项）`,
      detail: input,
    });
    return saved;
  });
  return presentChecklist((await findChecklistById(ctx.db, id))!);
}

export async function listStarChecklists(ctx: AppContext, actor: Actor, orgCode?: string) {
  assertCan(actor, 'person.read');
  const org = await requireOrgInScope(ctx.db, actor, orgCode);
  return {
    items: (await findChecklistsFor(ctx.db, org.path, ancestorPathsOf(org.path))).map(presentChecklist),
  };
}

async function requireChecklist(ctx: AppContext, actor: Actor, id: number) {
  assertCan(actor, 'person.read');
  // A committee's record is seen by its subtree and by those below it (a branch secretary sees his county's).
  const c = await findInReach(
    actor,
    findChecklistById(ctx.db, id),
    (r) => seesFromBelow(actor, r.org_path),
    '对标定级标准不存在',
  );
  return c;
}

/** The branches under the checklist (as far as the actor reaches) with their self-score and stars. */
export async function starRatings(ctx: AppContext, actor: Actor, id: number, orgCode?: string) {
  const c = await requireChecklist(ctx, actor, id);
  const org = await requireOrgInScope(ctx.db, actor, orgCode);
  if (!org.path.startsWith(c.org_path) && !c.org_path.startsWith(org.path))
    throw ValidationError.field('org', orgCode, `${org.name} 不在该标准适用范围内`);
  const area = innerPath(c.org_path, org.path);
  const [branches, ratings] = await Promise.all([
    findBranchesUnder(ctx.db, area),
    findRatings(ctx.db, c.id, area),
  ]);
  const byOrg = new Map(ratings.map((r) => [r.org_id, r]));
  return {
    checklist: presentChecklist(c),
    items: branches.map((b) => {
      const r = byOrg.get(b.id);
      const row = { checklistPath: c.org_path, branch: b, rating: r ?? null };
      return {
        branch: { code: b.code, name: b.name },
        selfTotal: r?.self_total ?? null,
        scores: r ? (JSON.parse(r.scores) as Record<string, number>) : null,
        stars: r?.stars ?? null,
        reviewedOn: r?.reviewed_on ?? null,
        actions: starActions(actor, row),
      };
    }),
  };
}

async function requireChecklistBranch(ctx: AppContext, actor: Actor, id: number, code: string) {
  const c = await requireChecklist(ctx, actor, id);
  const branch = await requireBranchInScope(ctx.db, actor, code);
  if (!branch.path.startsWith(c.org_path))
    throw ValidationError.field('branchCode', code, `${branch.name} 不在该标准适用范围内`);
  return { c, branch };
}

/** The branch scores itself against each item, at most the item's points. */
export async function saveSelfScore(
  ctx: AppContext,
  actor: Actor,
  id: number,
  code: string,
  input: Static<typeof SelfScoreBody>,
) {
  assertCan(actor, 'person.write');
  const { c, branch } = await requireChecklistBranch(ctx, actor, id, code);
  const items = JSON.parse(c.items) as Item[];
  const unknown = Object.keys(input.scores).filter((k) => !items.some((i) => i.code === k));
  if (unknown.length)
    throw ValidationError.field('scores', unknown.join(','), `标准中没有条目 ${unknown.join('、')}`);
  for (const item of items) {
    const score = input.scores[item.code];
    if (score == null) throw ValidationError.field('scores', item.code, `请为「${item.label}」打分`);
    if (score > item.points)
      throw ValidationError.field('scores', score, `「${item.label}」最多 ${item.points} 分`);
  }
  const total = items.reduce((s, i) => s + input.scores[i.code]!, 0);
  await ctx.db.transaction().execute(async (trx) => {
    const existing = await findRating(trx, c.id, branch.id);
    assertStarAction(actor, { checklistPath: c.org_path, branch, rating: existing ?? null }, 'self-score');
    await upsertSelfScore(
      trx,
      existing?.id ?? null,
      {
        checklist_id: c.id,
        org_id: branch.id,
        org_path: branch.path,
        scores: JSON.stringify(input.scores),
        self_total: total,
      },
      nowIso(),
    );
    await recordAudit(trx, actor, {
      action: 'update',
      entity: 'star_rating',
      entityId: c.id,
      org: { path: branch.path, code: branch.code },
      summary: `${branch.name} ${c.year} 年度对标定级自评 ${total} 分`,
    });
  });
  return { selfTotal: total };
}

/** The committee sets the stars; the quota of a level counts every branch scored against the checklist. */
export async function reviewStars(ctx: AppContext, actor: Actor, id: number, code: string, stars: number) {
  assertCan(actor, 'org.write');
  const { c, branch } = await requireChecklistBranch(ctx, actor, id, code);
  const quotas = JSON.parse(c.quotas) as Record<string, number>;
  await ctx.db.transaction().execute(async (trx) => {
    const found = await findRating(trx, c.id, branch.id);
    assertStarAction(actor, { checklistPath: c.org_path, branch, rating: found ?? null }, 'review');
    const rating = found!;
    const all = await findRatings(trx, c.id, c.org_path);
    const pct = quotas[String(stars)];
    if (pct != null) {
      const atLevel = all.filter((r) => r.stars === stars && r.id !== rating.id).length + 1;
      const cap = Math.floor((all.length * pct) / 100);
      if (atLevel > cap)
        throw ValidationError.field(
          'stars',
          stars,
          `${stars}星级团支部不超过已自评团支部 ${all.length} 个的 ${pct}%（最多 ${cap} 个）`,
        );
    }
    await setStars(trx, rating.id, stars, today(), actor.username, nowIso());
    await recordAudit(trx, actor, {
      action: 'update',
      entity: 'star_rating',
      entityId: c.id,
      org: { path: branch.path, code: branch.code },
      summary: `评定 ${branch.name} ${c.year} 年度为 ${stars} 星级团支部`,
    });
  });
  return { stars };
}

/** The branches' self-scores and stars as xlsx; audited. */
export async function exportStarRatings(
  ctx: AppContext,
  actor: Actor,
  id: number,
  orgCode?: string,
): Promise<Buffer> {
  const org = await requireOrgInScope(ctx.db, actor, orgCode);
  const { checklist, items } = await starRatings(ctx, actor, id, orgCode);
  const file = await xlsxOf(
    '对标定级',
    [
      { header: '团支部', key: 'branch', width: 36 },
      ...checklist.items.map((i) => ({ header: `${i.label}（${i.points}）`, key: `s_${i.code}`, width: 16 })),
      { header: '自评总分', key: 'selfTotal' },
      { header: '星级', key: 'stars' },
    ],
    items.map((r) => ({
      branch: r.branch.name,
      ...Object.fromEntries(checklist.items.map((i) => [`s_${i.code}`, r.scores?.[i.code] ?? ''])),
      selfTotal: r.selfTotal ?? '未自评',
      stars: r.stars ? `${r.stars}星` : '',
    })),
  );
  await recordAudit(ctx.db, actor, {
    action: 'export',
    entity: 'star_rating',
    entityId: id,
    org: { path: org.path, code: org.code },
    summary: `导出 ${checklist.year} 年度对标定级结果（${org.name}）`,
  });
  return file;
}
