import { marked } from 'marked';
import type { AppContext } from '../../context.ts';
import { nowIso } from '../../db/create-db.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../../lib/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, assertCan, reaches } from '../auth/auth.policy.ts';
import { requireOrgInScope } from '../orgs/orgs.service.ts';
import { draftArticle, parseArticleMarkdown } from '../reports/article.ts';
import { answerSheet } from '../reports/reports.service.ts';
import { getArticle, requireArticle, resolvePlacement, summaryOf } from './articles.service.ts';
import {
  findArticleIdByKey,
  findChannel,
  findColumn,
  insertArticleUnlessKeyTaken,
  insertRevision,
  lockArticle,
  updateArticle,
} from './newsroom.repository.ts';
import { plainText, sanitizeArticleHtml } from './newsroom.sanitize.ts';
import type { AnswerSheetSubmission } from './newsroom.schemas.ts';

/** The column the 青春答卷 drafts go to (DOMAIN.md: 青春答卷 is a column). */
export const ANSWER_SHEET_COLUMN = 'qingchun-dajuan';

/** One piece per organisation and period: what a second submission of the same report updates. */
export const answerSheetKey = (org: string, from: string, to: string) => `answer-sheet:${org}:${from}:${to}`;

/**
 * Turns the report's 青春答卷 draft into a newsroom submission for the column (issue 17 item 3): the text the
 * clerk edited on the report page when given (else the draft as generated) becomes cleaned HTML — the heading is
 * the piece's title and the line under it the source, not part of the body — and the piece waits for the
 * column's reviewers like any other. Submitting the same organisation and period again updates that piece (a
 * new revision, sent for review again) instead of adding a copy; see `upsertSubmission`.
 */
export async function submitAnswerSheet(ctx: AppContext, actor: Actor, input: AnswerSheetSubmission) {
  assertCan(actor, 'portal.edit');
  const column = await findColumn(ctx.db, { slug: ANSWER_SHEET_COLUMN });
  if (!column) throw new NotFoundError('网站尚未开设《青春答卷》专栏，请联系网站管理员');
  const channel = (await findChannel(ctx.db, { id: column.channel_id }))!;
  const sheet = await answerSheet(ctx, actor, { org: input.org, from: input.from, to: input.to });
  const drafted = draftArticle(sheet, input.title);
  const article = parseArticleMarkdown(input.markdown ?? drafted.markdown, drafted);
  const bodyHtml = sanitizeArticleHtml(await marked.parse(article.body, { gfm: true }));
  if (!plainText(bodyHtml)) throw ValidationError.field('markdown', null, '文稿正文不能为空');
  const { id, created } = await upsertSubmission(
    ctx,
    actor,
    answerSheetKey(sheet.org.code, sheet.period.from, sheet.period.to),
    {
      title: (input.title ?? article.title).trim().slice(0, 120),
      summary: article.lead.slice(0, 150),
      bodyHtml,
      channelSlug: channel.slug,
      orgCode: sheet.org.code,
      source: article.author,
    },
  );
  return { created, article: await getArticle(ctx, actor, id) };
}

interface Submission {
  title: string;
  summary: string;
  bodyHtml: string;
  channelSlug: string;
  orgCode: string;
  source: string;
}

/**
 * A keyed upsert, all in one transaction: the insert claims the key (the unique index, not a look first, so two
 * submissions at once make one piece), and when it is taken the piece holding it is locked and updated. A piece
 * already published is not replaced from here: that is the reviewers' change to make in 网站稿件.
 */
async function upsertSubmission(
  ctx: AppContext,
  actor: Actor,
  key: string,
  input: Submission,
): Promise<{ id: number; created: boolean }> {
  return ctx.db.transaction().execute(async (trx) => {
    const org = await requireOrgInScope(trx, actor, input.orgCode);
    const placement = await resolvePlacement(trx, input.channelSlug, ANSWER_SHEET_COLUMN, org.path);
    const now = nowIso();
    const summary = summaryOf(input.summary, input.bodyHtml);
    const userId = actor.userId > 0 ? actor.userId : null;
    const auditOrg = { path: org.path, code: org.code };
    const newId = await insertArticleUnlessKeyTaken(trx, {
      channel_id: placement.channelId,
      column_id: placement.columnId,
      org_id: org.id,
      org_path: org.path,
      source: input.source.trim() || org.name,
      title: input.title,
      summary,
      body_html: input.bodyHtml,
      cover_image: null,
      featured: 0,
      status: 'submitted',
      publish_at: null,
      published_at: null,
      review_comment: null,
      author_id: userId,
      author_name: actor.displayName,
      reviewer_id: null,
      reviewer_name: null,
      submitted_at: now,
      revision: 1,
      origin: 'report',
      source_key: key,
      created_at: now,
      updated_at: now,
    });
    const revisionRow = { title: input.title, summary, body_html: input.bodyHtml, user_id: userId };
    if (newId !== null) {
      await insertRevision(trx, {
        ...revisionRow,
        article_id: newId,
        revision: 1,
        username: actor.username,
        note: '由青春答卷生成并送审',
        created_at: now,
      });
      await recordAudit(trx, actor, {
        action: 'create',
        entity: 'portal_article',
        entityId: newId,
        org: auditOrg,
        summary: `《青春答卷》稿件「${input.title}」提交送审（专栏《青春答卷》）`,
        detail: { column: ANSWER_SHEET_COLUMN, origin: 'report', key },
      });
      return { id: newId, created: true };
    }
    const id = (await findArticleIdByKey(trx, key))!;
    await lockArticle(trx, id);
    const a = await requireArticle(trx, actor, id);
    if (!reaches(actor, a.org_path)) throw new ForbiddenError('只能提交本组织的稿件');
    if (a.status === 'published')
      throw new ValidationError(
        `《青春答卷》稿件「${a.title}」已发布，不能再次提交覆盖；如需更正，请在“网站稿件”中联系审核人修改`,
      );
    const revision = a.revision + 1;
    await updateArticle(trx, id, {
      title: input.title,
      summary,
      body_html: input.bodyHtml,
      source: input.source.trim() || org.name,
      channel_id: placement.channelId,
      column_id: placement.columnId,
      status: 'submitted',
      submitted_at: now,
      revision,
      updated_at: now,
    });
    await insertRevision(trx, {
      ...revisionRow,
      article_id: id,
      revision,
      username: actor.username,
      note: '青春答卷重新提交',
      created_at: now,
    });
    await recordAudit(trx, actor, {
      action: 'update',
      entity: 'portal_article',
      entityId: id,
      org: auditOrg,
      summary: `《青春答卷》稿件「${input.title}」重新提交送审（第 ${revision} 版，替换第 ${a.revision} 版）`,
      detail: { column: ANSWER_SHEET_COLUMN, key, previousStatus: a.status },
    });
    return { id, created: false };
  });
}
