import type { AppContext } from '../../context.ts';
import { nowIso } from '../../db/create-db.ts';
import { today } from '../../lib/dates.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../lib/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, assertCan } from '../auth/auth.policy.ts';
import { findCountyOf } from '../orgs/orgs.service.ts';
import { findPersonIdOfUser } from '../users/users.service.ts';
import {
  findApplication,
  findApplications,
  findOpenPosts,
  findPost,
  insertApplication,
  updateApplication,
} from './internships.repository.ts';
import type { Apply } from './internships.schemas.ts';

/**
 * A young person's own pages (issue 6): he sees the open posts of his county and applies for himself; the person
 * is always the one his account stands for, never one named in the request.
 */
async function requireSelf(ctx: AppContext, actor: Actor) {
  assertCan(actor, 'internship.apply');
  const personId = await findPersonIdOfUser(ctx.db, actor.userId);
  if (personId === null) throw new ForbiddenError('您的账号未关联人员信息，请联系团组织');
  const county = await findCountyOf(ctx.db, actor.orgPath);
  return { personId, path: county?.path ?? actor.orgPath };
}

export async function openPosts(ctx: AppContext, actor: Actor) {
  const { personId, path } = await requireSelf(ctx, actor);
  const posts = await findOpenPosts(ctx.db, path, today()).execute();
  const mine = await findApplications(ctx.db)
    .where('internship_applications.person_id', '=', personId)
    .execute();
  return {
    items: posts.map((p) => ({
      id: p.id,
      title: p.title,
      employer: p.employer,
      program: p.program,
      slots: Number(p.slots),
      startsOn: p.starts_on,
      endsOn: p.ends_on,
      org: { name: p.org_name },
      applied: mine.some((a) => a.post_id === p.id && a.status !== 'withdrawn'),
    })),
  };
}

export async function myApplications(ctx: AppContext, actor: Actor) {
  const { personId } = await requireSelf(ctx, actor);
  const rows = await findApplications(ctx.db)
    .where('internship_applications.person_id', '=', personId)
    .execute();
  return {
    items: rows.map((r) => ({
      id: r.id,
      appliedOn: r.applied_on,
      status: r.status,
      statement: r.statement,
      post: { id: r.post_id, title: r.post_title, employer: r.employer, program: r.program },
    })),
  };
}

export async function apply(ctx: AppContext, actor: Actor, input: Apply) {
  const { personId, path } = await requireSelf(ctx, actor);
  const post = await findPost(ctx.db, input.postId);
  if (!post?.org_path.startsWith(path)) throw new NotFoundError('实习岗位不存在');
  if (post.ends_on && post.ends_on < today())
    throw ValidationError.field('postId', input.postId, '该岗位已结束，不能报名');
  return ctx.db.transaction().execute(async (trx) => {
    const existing = await findApplications(trx)
      .where('internship_applications.post_id', '=', post.id)
      .where('internship_applications.person_id', '=', personId)
      .executeTakeFirst();
    const now = nowIso();
    let id: number;
    if (existing && existing.status !== 'withdrawn') throw new ConflictError('您已报名该岗位');
    if (existing) {
      id = existing.id;
      await updateApplication(trx, id, {
        status: 'applied',
        applied_on: today(),
        statement: input.statement ?? null,
        updated_at: now,
      });
    } else {
      id = await insertApplication(trx, {
        post_id: post.id,
        person_id: personId,
        applied_on: today(),
        status: 'applied',
        statement: input.statement ?? null,
        created_at: now,
        updated_at: now,
      });
    }
    await recordAudit(trx, actor, {
      action: 'create',
      entity: 'internship_application',
      entityId: id,
      org: { path: post.org_path, code: '' },
      summary: `报名实习岗位「${post.title}」`,
    });
    return { id, status: 'applied' };
  });
}

export async function withdraw(ctx: AppContext, actor: Actor, id: number) {
  const { personId } = await requireSelf(ctx, actor);
  const app = await findApplication(ctx.db, id);
  if (!app || app.person_id !== personId) throw new NotFoundError('报名不存在');
  if (app.status !== 'applied') throw new ConflictError('该报名已处理，不能撤回');
  await ctx.db.transaction().execute(async (trx) => {
    await updateApplication(trx, id, { status: 'withdrawn', updated_at: nowIso() });
    await recordAudit(trx, actor, {
      action: 'update',
      entity: 'internship_application',
      entityId: id,
      org: { path: app.org_path, code: '' },
      summary: `撤回实习报名「${app.post_title}」`,
    });
  });
  return { id, status: 'withdrawn' };
}
