import type { AppContext } from '../../context.ts';
import { nowIso } from '../../db/create-db.ts';
import { attachment, xlsxOf } from '../../lib/downloads.ts';
import { ConflictError, ValidationError } from '../../lib/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, assertCan, findInReach } from '../auth/auth.policy.ts';
import { nextLedgerCode } from '../numbering/numbering.service.ts';
import { requireLedgerOrg } from '../orgs/orgs.service.ts';
import type { PersonReference } from '../people/people.schemas.ts';
import { requireReferencedPerson } from '../people/people.service.ts';
import { resolveLedgerScope } from '../reports/reports.service.ts';
import { PLACEMENT_STATUSES } from './internships.labels.ts';
import {
  countPlacements,
  endPlacement,
  findApplication,
  findApplications,
  findPlacement,
  findPlacementOf,
  findPlacements,
  findPost,
  findPosts,
  insertPlacement,
  insertPost,
  updateApplication,
} from './internships.repository.ts';
import type { NewPost, PostQuery } from './internships.schemas.ts';

/** Internship posts are announced ahead: a list runs to the far future unless the caller ends the period. */
const OPEN_END = '9999-12-31';

export async function listPosts(ctx: AppContext, actor: Actor, q: PostQuery) {
  const { scope } = await resolveLedgerScope(ctx, actor, 'service.read', q, OPEN_END);
  let query = findPosts(ctx.db, scope);
  if (q.program) query = query.where('internship_posts.program', '=', q.program);
  const rows = await query.execute();
  const items = rows.map((r) => ({
    id: r.id,
    code: r.code,
    title: r.title,
    employer: r.employer,
    program: r.program,
    slots: Number(r.slots),
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    placements: Number(r.placements ?? 0),
    placed: Number(r.placed ?? 0),
    pendingApplications: Number(r.pending ?? 0),
    org: { code: r.org_code, name: r.org_name },
  }));
  return {
    total: items.length,
    slots: items.reduce((s, p) => s + p.slots, 0),
    placed: items.reduce((s, p) => s + p.placed, 0),
    items,
  };
}

export async function createPost(ctx: AppContext, actor: Actor, input: NewPost) {
  assertCan(actor, 'service.write');
  if (input.endsOn && input.endsOn < input.startsOn)
    throw ValidationError.field('endsOn', input.endsOn, '结束日期不能早于开始日期');
  return ctx.db.transaction().execute(async (trx) => {
    const org = await requireLedgerOrg(trx, actor, input.orgCode);
    const prefix = `${org.code}-SX`;
    const code = await nextLedgerCode(trx, 'internship_posts', prefix);
    const now = nowIso();
    const id = await insertPost(trx, {
      code,
      title: input.title,
      employer: input.employer,
      program: input.program,
      slots: input.slots,
      starts_on: input.startsOn,
      ends_on: input.endsOn ?? null,
      org_id: org.id,
      org_path: org.path,
      created_at: now,
      updated_at: now,
    });
    await recordAudit(trx, actor, {
      action: 'create',
      entity: 'internship_post',
      entityId: id,
      org: { path: org.path, code: org.code },
      summary: `发布实习岗位 ${input.title}（${input.employer}，${input.program}，${input.slots} 名额）`,
    });
    return { id, code };
  });
}

async function requirePostInScope(ctx: AppContext, actor: Actor, postId: number) {
  return findInReach(actor, findPost(ctx.db, postId), (p) => p.org_path, '实习岗位不存在');
}

/** A post never holds more placements than it has slots (issue 6). Runs inside the caller's transaction. */
async function place(
  trx: AppContext['db'],
  actor: Actor,
  post: { id: number; slots: number; title: string; org_path: string },
  person: { id: number; name: string },
) {
  if (await findPlacementOf(trx, post.id, person.id))
    throw new ConflictError(`${person.name} 已安排在该岗位`);
  const taken = await countPlacements(trx, post.id);
  if (taken >= post.slots)
    throw new ConflictError(`岗位「${post.title}」名额已满（${post.slots} 个名额，已安排 ${taken} 人）`);
  const now = nowIso();
  const id = await insertPlacement(trx, {
    post_id: post.id,
    person_id: person.id,
    status: 'hired',
    org_id: (
      await trx
        .selectFrom('internship_posts')
        .select('org_id')
        .where('id', '=', post.id)
        .executeTakeFirstOrThrow()
    ).org_id,
    org_path: post.org_path,
    created_at: now,
    updated_at: now,
  });
  await recordAudit(trx, actor, {
    action: 'create',
    entity: 'internship_placement',
    entityId: id,
    org: { path: post.org_path, code: '' },
    summary: `安排 ${person.name} 到实习岗位「${post.title}」`,
  });
  return id;
}

export async function createPlacement(
  ctx: AppContext,
  actor: Actor,
  postId: number,
  student: PersonReference,
) {
  assertCan(actor, 'service.write');
  const post = await requirePostInScope(ctx, actor, postId);
  const person = await requireReferencedPerson(ctx, actor, student);
  const id = await ctx.db.transaction().execute((trx) => place(trx, actor, post, person));
  return { id };
}

export async function changePlacement(
  ctx: AppContext,
  actor: Actor,
  id: number,
  status: 'completed' | 'incomplete',
) {
  assertCan(actor, 'service.write');
  const placement = await findInReach(actor, findPlacement(ctx.db, id), (p) => p.org_path, '实习安排不存在');
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await endPlacement(trx, id, { status, updated_at: nowIso() }))) {
      const now = (await findPlacement(trx, id))?.status ?? placement.status;
      const ended = PLACEMENT_STATUSES[now as keyof typeof PLACEMENT_STATUSES] ?? now;
      throw new ConflictError(`该实习已标记为「${ended}」，不能再更改`);
    }
    await recordAudit(trx, actor, {
      action: 'update',
      entity: 'internship_placement',
      entityId: id,
      org: { path: placement.org_path, code: '' },
      summary: `${placement.person_name} 实习状态改为 ${PLACEMENT_STATUSES[status]}`,
    });
  });
  return { id, status };
}

async function placementRows(ctx: AppContext, actor: Actor, q: PostQuery) {
  const { org, scope } = await resolveLedgerScope(ctx, actor, 'service.read', q, OPEN_END);
  let query = findPlacements(ctx.db, scope);
  if (q.program) query = query.where('internship_posts.program', '=', q.program);
  return { org, rows: await query.execute() };
}

export async function listPlacements(ctx: AppContext, actor: Actor, q: PostQuery) {
  const { rows } = await placementRows(ctx, actor, q);
  return {
    total: rows.length,
    placed: rows.filter((r) => r.status === 'hired' || r.status === 'completed').length,
    completed: rows.filter((r) => r.status === 'completed').length,
    items: rows.map((r) => ({
      id: r.id,
      status: r.status,
      student: { name: r.person_name, idNumberMasked: r.id_number_masked },
      post: {
        id: r.post_id,
        code: r.post_code,
        title: r.post_title,
        employer: r.employer,
        program: r.program,
        startsOn: r.starts_on,
      },
    })),
  };
}

export async function exportPlacements(ctx: AppContext, actor: Actor, q: PostQuery) {
  const { org, rows } = await placementRows(ctx, actor, q);
  const file = await xlsxOf(
    '实习安排',
    [
      { header: '学生', key: 'name' },
      { header: '证件号码', key: 'id', width: 22 },
      { header: '岗位编号', key: 'code' },
      { header: '岗位名称', key: 'title', width: 20 },
      { header: '实习单位', key: 'employer', width: 20 },
      { header: '项目', key: 'program', width: 16 },
      { header: '开始日期', key: 'startsOn' },
      { header: '状态', key: 'status' },
    ],
    rows.map((r) => ({
      name: r.person_name,
      id: r.id_number_masked,
      code: r.post_code,
      title: r.post_title,
      employer: r.employer,
      program: r.program,
      startsOn: r.starts_on,
      status: PLACEMENT_STATUSES[r.status as keyof typeof PLACEMENT_STATUSES] ?? r.status,
    })),
  );
  await recordAudit(ctx.db, actor, {
    action: 'export',
    entity: 'internship_placement',
    org: { path: org.path, code: org.code },
    summary: `导出 ${org.name} 实习安排 ${rows.length} 条`,
    detail: q,
  });
  return { file, disposition: attachment('实习安排.xlsx') };
}

export async function listPostApplications(ctx: AppContext, actor: Actor, postId: number) {
  assertCan(actor, 'service.read');
  const post = await requirePostInScope(ctx, actor, postId);
  const rows = await findApplications(ctx.db)
    .where('internship_applications.post_id', '=', post.id)
    .execute();
  return {
    total: rows.length,
    items: rows.map((r) => ({
      id: r.id,
      appliedOn: r.applied_on,
      status: r.status,
      statement: r.statement,
      student: { name: r.person_name, idNumberMasked: r.id_number_masked },
    })),
  };
}

/** Accepting an application places the student (within the slots); rejecting closes it. */
export async function decideApplication(
  ctx: AppContext,
  actor: Actor,
  id: number,
  decision: 'accept' | 'reject',
) {
  assertCan(actor, 'service.write');
  const app = await findInReach(actor, findApplication(ctx.db, id), (a) => a.org_path, '实习报名不存在');
  if (app.status !== 'applied') throw new ConflictError('该报名已处理或已撤回');
  const post = (await findPost(ctx.db, app.post_id))!;
  await ctx.db.transaction().execute(async (trx) => {
    if (decision === 'accept') await place(trx, actor, post, { id: app.person_id, name: app.person_name });
    await updateApplication(trx, id, {
      status: decision === 'accept' ? 'accepted' : 'rejected',
      updated_at: nowIso(),
    });
    await recordAudit(trx, actor, {
      action: 'update',
      entity: 'internship_application',
      entityId: id,
      org: { path: app.org_path, code: '' },
      summary: `${decision === 'accept' ? '录用' : '不录用'} ${app.person_name}（${app.post_title}）`,
    });
  });
  return { id, status: decision === 'accept' ? 'accepted' : 'rejected' };
}
