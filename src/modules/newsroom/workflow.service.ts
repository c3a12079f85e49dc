import type { AppContext } from '../../context.ts';
import { nowIso } from '../../db/create-db.ts';
import { ForbiddenError, ValidationError } from '../../lib/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, assertCan, reaches } from '../auth/auth.policy.ts';
import { getArticle, requireArticle, STATUS_LABELS, targetPathOf } from './articles.service.ts';
import { type CheckInput, checkLinks, findSensitiveWords } from './newsroom.checks.ts';
import { nowOf } from './newsroom.clock.ts';
import { type ArticleRow, updateArticle } from './newsroom.repository.ts';
import { invalidatePages } from './page-cache.ts';
import { loadSite } from './site.service.ts';

/**
 * The newsroom's workflow: an editor submits a piece to a column (of his own committee or one above),
 * a reviewer of the column's committee approves it — which publishes it, at once or at its scheduled
 * time — or returns it to its editor with comments. Only reviewers publish.
 */

function checkInput(a: ArticleRow): CheckInput {
  return { id: a.id, title: a.title, summary: a.summary, bodyHtml: a.body_html, coverImage: a.cover_image };
}

function stateError(a: ArticleRow, wanted: string): ValidationError {
  return new ValidationError(`稿件状态为「${STATUS_LABELS[a.status] ?? a.status}」，${wanted}`);
}

/** 错敏词 and links, as the reviewer's approval will see them. */
export async function checkArticle(ctx: AppContext, actor: Actor, id: number) {
  assertCan(actor, 'portal.edit');
  const a = await requireArticle(ctx.db, actor, id);
  const site = await loadSite(ctx.db);
  const input = checkInput(a);
  const words = findSensitiveWords(input, site.sensitiveWords);
  const links = await checkLinks(ctx.db, ctx.config.dataDir, input, nowOf(ctx));
  return { ok: words.length === 0 && links.length === 0, sensitiveWords: words, links };
}

export async function submitArticle(ctx: AppContext, actor: Actor, id: number) {
  assertCan(actor, 'portal.edit');
  await ctx.db.transaction().execute(async (trx) => {
    const a = await requireArticle(trx, actor, id);
    if (!reaches(actor, a.org_path)) throw new ForbiddenError('只能提交本组织的稿件');
    if (!['draft', 'returned', 'withdrawn'].includes(a.status)) throw stateError(a, '不能再次提交');
    const now = nowIso();
    await updateArticle(trx, id, { status: 'submitted', submitted_at: now, updated_at: now });
    await recordAudit(trx, actor, {
      action: 'update',
      entity: 'portal_article',
      entityId: id,
      org: { path: a.org_path, code: a.org_code },
      summary: `提交稿件「${a.title}」送审${a.column_name ? `（专栏《${a.column_name}》）` : `（${a.channel_name}）`}`,
    });
  });
  return getArticle(ctx, actor, id);
}

async function requireReviewable(ctx: AppContext, actor: Actor, id: number, db = ctx.db) {
  assertCan(actor, 'portal.review');
  const a = await requireArticle(db, actor, id);
  if (!reaches(actor, await targetPathOf(db, a))) {
    throw new ForbiddenError('该稿件由上级组织的审核人员审核');
  }
  return a;
}

/** Approves and publishes, after the 错敏词 and link checks pass; a scheduled piece goes live at its time. */
export async function approveArticle(ctx: AppContext, actor: Actor, id: number) {
  await ctx.db.transaction().execute(async (trx) => {
    const a = await requireReviewable(ctx, actor, id, trx);
    if (a.status !== 'submitted') throw stateError(a, '只有待审核的稿件可以审核通过');
    const site = await loadSite(trx);
    const now = nowOf(ctx);
    const input = checkInput(a);
    const problems = [
      ...findSensitiveWords(input, site.sensitiveWords),
      ...(await checkLinks(trx, ctx.config.dataDir, input, now)),
    ];
    if (problems.length > 0) {
      throw new ValidationError(
        `稿件未通过发布前检查：共 ${problems.length} 处问题，请修改后再发布`,
        problems,
      );
    }
    const publishedAt = a.publish_at && a.publish_at > now ? a.publish_at : now;
    await updateArticle(trx, id, {
      status: 'published',
      published_at: publishedAt,
      reviewer_id: actor.userId > 0 ? actor.userId : null,
      reviewer_name: actor.displayName,
      review_comment: null,
      updated_at: nowIso(),
    });
    await recordAudit(trx, actor, {
      action: 'update',
      entity: 'portal_article',
      entityId: id,
      org: { path: a.org_path, code: a.org_code },
      summary:
        publishedAt > now
          ? `审核通过稿件「${a.title}」，定时于 ${publishedAt} 发布`
          : `审核通过并发布稿件「${a.title}」`,
    });
  });
  await invalidatePages(ctx);
  return getArticle(ctx, actor, id);
}

/** Sends a piece back to its editor with the reviewer's comments. */
export async function returnArticle(ctx: AppContext, actor: Actor, id: number, comment: string) {
  const text = comment.trim();
  if (!text) throw ValidationError.field('comment', comment, '请填写退回意见');
  await ctx.db.transaction().execute(async (trx) => {
    const a = await requireReviewable(ctx, actor, id, trx);
    if (a.status !== 'submitted') throw stateError(a, '只有待审核的稿件可以退回');
    await updateArticle(trx, id, {
      status: 'returned',
      review_comment: text,
      reviewer_id: actor.userId > 0 ? actor.userId : null,
      reviewer_name: actor.displayName,
      updated_at: nowIso(),
    });
    await recordAudit(trx, actor, {
      action: 'update',
      entity: 'portal_article',
      entityId: id,
      org: { path: a.org_path, code: a.org_code },
      summary: `退回稿件「${a.title}」：${text}`,
    });
  });
  return getArticle(ctx, actor, id);
}

/** Takes a published (or scheduled) piece off the site. */
export async function withdrawArticle(ctx: AppContext, actor: Actor, id: number) {
  await ctx.db.transaction().execute(async (trx) => {
    const a = await requireReviewable(ctx, actor, id, trx);
    if (a.status !== 'published') throw stateError(a, '只有已发布的稿件可以撤稿');
    await updateArticle(trx, id, { status: 'withdrawn', updated_at: nowIso() });
    await recordAudit(trx, actor, {
      action: 'update',
      entity: 'portal_article',
      entityId: id,
      org: { path: a.org_path, code: a.org_code },
      summary: `撤下已发布稿件「${a.title}」`,
    });
  });
  await invalidatePages(ctx);
  return getArticle(ctx, actor, id);
}
