import type { AppContext } from '../../context.ts';
import { type Db, nowIso } from '../../db/create-db.ts';
import { ValidationError } from '../../lib/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, assertCan, can, findInReach, reaches } from '../auth/auth.policy.ts';
import { requireOrgInScope } from '../orgs/orgs.service.ts';
import { checkLinks, findSensitiveWords } from './newsroom.checks.ts';
import { nowOf } from './newsroom.clock.ts';
import {
  type ArticleListRow,
  type ArticleRow,
  countArticles,
  findArticle,
  findArticles,
  findChannel,
  findColumn,
  findRevisions,
  insertArticle,
  insertRevision,
  lockArticle,
  updateArticle,
} from './newsroom.repository.ts';
import { plainText, sanitizeArticleHtml } from './newsroom.sanitize.ts';
import type { ArticleChanges, ArticleListQuery, ArticleStatus, NewArticle } from './newsroom.schemas.ts';
import { invalidatePages } from './page-cache.ts';
import { loadSite } from './site.service.ts';

export const STATUS_LABELS: Record<string, string> = {
  draft: '草稿',
  submitted: '待审核',
  returned: '已退回',
  published: '已发布',
  withdrawn: '已撤稿',
};

export function presentArticleSummary(a: ArticleListRow, now: string) {
  return {
    id: a.id,
    title: a.title,
    summary: a.summary,
    // The column holds only these five (the workflow writes them); typed here for the reply's schema.
    status: a.status as ArticleStatus,
    statusLabel:
      a.status === 'published' && (a.published_at ?? '') > now
        ? '定时发布'
        : (STATUS_LABELS[a.status] ?? a.status),
    channelSlug: a.channel_slug,
    channelName: a.channel_name,
    columnSlug: a.column_slug,
    columnName: a.column_name,
    orgCode: a.org_code,
    source: a.source,
    authorName: a.author_name,
    reviewerName: a.reviewer_name,
    reviewComment: a.review_comment,
    featured: a.featured === 1,
    coverImage: a.cover_image,
    publishAt: a.publish_at,
    publishedAt: a.published_at,
    submittedAt: a.submitted_at,
    revision: a.revision,
    origin: a.origin,
    updatedAt: a.updated_at,
  };
}

/** The organisation whose reviewers approve the piece: its column's owner, else the site's. */
export async function targetPathOf(db: Db, a: Pick<ArticleRow, 'column_org_path'>): Promise<string> {
  return a.column_org_path ?? (await loadSite(db)).orgPath;
}

/** Pieces from the caller's subtree, and those sent to columns his subtree owns. */
function sees(actor: Actor, a: ArticleRow): boolean {
  return reaches(actor, a.org_path) || Boolean(a.column_org_path && reaches(actor, a.column_org_path));
}

export async function requireArticle(db: Db, actor: Actor, id: number): Promise<ArticleRow> {
  const a = await findInReach(actor, findArticle(db, id), (r) => sees(actor, r), `文章 ${id} 不存在`);
  return a;
}

/** Whether the caller may change the piece now: its editors while it is theirs, reviewers while it is theirs. */
export async function assertMayEdit(db: Db, actor: Actor, a: ArticleRow): Promise<void> {
  assertCan(actor, 'portal.edit');
  if (['draft', 'returned', 'withdrawn'].includes(a.status) && reaches(actor, a.org_path)) return;
  if (
    ['submitted', 'published'].includes(a.status) &&
    can(actor, 'portal.review') &&
    reaches(actor, await targetPathOf(db, a))
  )
    return;
  throw new ValidationError(
    a.status === 'submitted'
      ? '稿件正在审核中，不能修改'
      : `稿件状态为「${STATUS_LABELS[a.status] ?? a.status}」，不能修改`,
  );
}

/** Channel and column of a piece; a column takes pieces only from its own organisation's subtree. */
export async function resolvePlacement(
  db: Db,
  channelSlug: string,
  columnSlug: string | null | undefined,
  orgPath: string,
) {
  const channel = await findChannel(db, { slug: channelSlug });
  if (!channel) throw ValidationError.field('channelSlug', channelSlug, `频道 ${channelSlug} 不存在`);
  if (!columnSlug) return { channelId: channel.id, columnId: null };
  const column = await findColumn(db, { slug: columnSlug });
  if (!column) throw ValidationError.field('columnSlug', columnSlug, `专栏 ${columnSlug} 不存在`);
  if (!orgPath.startsWith(column.org_path)) {
    throw ValidationError.field(
      'columnSlug',
      columnSlug,
      `专栏《${column.name}》属于${column.org_name}，不接收本组织的稿件`,
    );
  }
  return { channelId: column.channel_id, columnId: column.id };
}

export function summaryOf(summary: string | undefined, html: string): string {
  const given = summary?.trim();
  if (given) return given;
  const text = plainText(html);
  return text.length > 120 ? `${text.slice(0, 118)}……` : text;
}

export async function createArticle(
  ctx: AppContext,
  actor: Actor,
  input: NewArticle,
  origin = 'newsroom',
): Promise<number> {
  assertCan(actor, 'portal.edit');
  const body = sanitizeArticleHtml(input.bodyHtml);
  if (!plainText(body) && !/<img /.test(body)) throw ValidationError.field('bodyHtml', null, '正文不能为空');
  const id = await ctx.db.transaction().execute(async (trx) => {
    const org = await requireOrgInScope(trx, actor, input.orgCode);
    const placement = await resolvePlacement(trx, input.channelSlug, input.columnSlug, org.path);
    const now = nowIso();
    const summary = summaryOf(input.summary, body);
    const title = input.title.trim();
    const id = await insertArticle(trx, {
      channel_id: placement.channelId,
      column_id: placement.columnId,
      org_id: org.id,
      org_path: org.path,
      source: input.source?.trim() || org.name,
      title,
      summary,
      body_html: body,
      cover_image: input.coverImage ?? null,
      featured: input.featured ? 1 : 0,
      status: 'draft',
      publish_at: input.publishAt ?? null,
      published_at: null,
      review_comment: null,
      author_id: actor.userId > 0 ? actor.userId : null,
      author_name: actor.displayName,
      reviewer_id: null,
      reviewer_name: null,
      submitted_at: null,
      revision: 1,
      origin,
      created_at: now,
      updated_at: now,
    });
    await insertRevision(trx, {
      article_id: id,
      revision: 1,
      title,
      summary,
      body_html: body,
      user_id: actor.userId > 0 ? actor.userId : null,
      username: actor.username,
      note: '新建',
      created_at: now,
    });
    await recordAudit(trx, actor, {
      action: 'create',
      entity: 'portal_article',
      entityId: id,
      org: { path: org.path, code: org.code },
      summary: `新建稿件「${title}」`,
      detail: { channel: input.channelSlug, column: input.columnSlug ?? null, origin },
    });
    return id;
  });
  return id;
}

export async function changeArticle(ctx: AppContext, actor: Actor, id: number, changes: ArticleChanges) {
  const wasPublished = await ctx.db.transaction().execute(async (trx) => {
    await lockArticle(trx, id);
    const a = await requireArticle(trx, actor, id);
    await assertMayEdit(trx, actor, a);
    const body = changes.bodyHtml !== undefined ? sanitizeArticleHtml(changes.bodyHtml) : a.body_html;
    if (!plainText(body) && !/<img /.test(body))
      throw ValidationError.field('bodyHtml', null, '正文不能为空');
    const placement =
      changes.channelSlug !== undefined || changes.columnSlug !== undefined
        ? await resolvePlacement(
            trx,
            changes.channelSlug ?? a.channel_slug,
            changes.columnSlug === undefined ? a.column_slug : changes.columnSlug,
            a.org_path,
          )
        : null;
    const title = changes.title?.trim() ?? a.title;
    const summary =
      changes.summary !== undefined || changes.bodyHtml !== undefined
        ? summaryOf(changes.summary ?? a.summary, body)
        : a.summary;
    if (a.status === 'published') {
      // A live piece changes only through the same checks that let it go live.
      const coverImage = changes.coverImage !== undefined ? changes.coverImage : a.cover_image;
      const input = { id, title, summary, bodyHtml: body, coverImage };
      const problems = [
        ...findSensitiveWords(input, (await loadSite(trx)).sensitiveWords),
        ...(await checkLinks(trx, ctx.config.dataDir, input, nowOf(ctx))),
      ];
      if (problems.length > 0) {
        throw new ValidationError(`修改未通过发布前检查：共 ${problems.length} 处问题`, problems);
      }
    }
    const revision = a.revision + 1;
    const now = nowIso();
    await updateArticle(trx, id, {
      title,
      summary,
      body_html: body,
      ...(placement ? { channel_id: placement.channelId, column_id: placement.columnId } : {}),
      ...(changes.source !== undefined ? { source: changes.source.trim() || a.source } : {}),
      ...(changes.coverImage !== undefined ? { cover_image: changes.coverImage } : {}),
      ...(changes.featured !== undefined ? { featured: changes.featured ? 1 : 0 } : {}),
      ...(changes.publishAt !== undefined ? { publish_at: changes.publishAt } : {}),
      revision,
      updated_at: now,
    });
    await insertRevision(trx, {
      article_id: id,
      revision,
      title,
      summary,
      body_html: body,
      user_id: actor.userId > 0 ? actor.userId : null,
      username: actor.username,
      note: changes.note?.trim() || '修改',
      created_at: now,
    });
    await recordAudit(trx, actor, {
      action: 'update',
      entity: 'portal_article',
      entityId: id,
      org: { path: a.org_path, code: a.org_code },
      summary: `修改稿件「${title}」（第 ${revision} 版）`,
      detail: { ...changes, bodyHtml: changes.bodyHtml === undefined ? undefined : `${body.length} 字符` },
    });
    return a.status === 'published';
  });
  // After the commit: emptied before it, a reader in between would cache the old text again.
  if (wasPublished) await invalidatePages(ctx);
  return getArticle(ctx, actor, id);
}

export async function getArticle(ctx: AppContext, actor: Actor, id: number) {
  assertCan(actor, 'portal.edit');
  const a = await requireArticle(ctx.db, actor, id);
  const now = nowOf(ctx);
  const target = await targetPathOf(ctx.db, a);
  return {
    ...presentArticleSummary(a, now),
    bodyHtml: a.body_html,
    revisions: (await findRevisions(ctx.db, id)).map((r) => ({
      revision: r.revision,
      title: r.title,
      username: r.username,
      note: r.note,
      createdAt: r.created_at,
    })),
    mayReview: a.status === 'submitted' && can(actor, 'portal.review') && reaches(actor, target),
    mayEdit: await assertMayEdit(ctx.db, actor, a).then(
      () => true,
      () => false,
    ),
  };
}

type ArticleView = NonNullable<ArticleListQuery['view']>;

/** The views of the list: the reviewer's queue, the actor's own pieces, everything in reach. */
async function articleFilter(ctx: AppContext, actor: Actor, view: ArticleView, status?: string) {
  if (view === 'review') assertCan(actor, 'portal.review');
  const site = view === 'review' ? await loadSite(ctx.db) : null;
  return {
    scopePath: actor.scopePath,
    status: view === 'review' ? 'submitted' : status,
    authorId: view === 'mine' ? actor.userId : undefined,
    reviewPath: view === 'review' ? actor.scopePath : undefined,
    sitePath: site?.orgPath,
  };
}

/** How many pieces a view of the list holds (the to-do centre's count: 待我审核, my pieces returned). */
export async function countArticlesInView(
  ctx: AppContext,
  actor: Actor,
  view: ArticleView,
  status?: string,
): Promise<number> {
  assertCan(actor, 'portal.edit');
  return countArticles(ctx.db, await articleFilter(ctx, actor, view, status));
}

export async function listArticles(ctx: AppContext, actor: Actor, query: ArticleListQuery) {
  assertCan(actor, 'portal.edit');
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const view = query.view ?? 'all';
  const column = query.column ? await findColumn(ctx.db, { slug: query.column }) : undefined;
  if (query.column && !column)
    throw ValidationError.field('column', query.column, `专栏 ${query.column} 不存在`);
  const { rows, total } = await findArticles(ctx.db, {
    ...(await articleFilter(ctx, actor, view, query.status)),
    columnId: column?.id,
    q: query.q?.trim() || undefined,
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });
  const now = nowOf(ctx);
  return { items: rows.map((r) => presentArticleSummary(r, now)), total, page, pageSize };
}
