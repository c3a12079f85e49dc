import { marked } from 'marked';
import type { AppContext } from '../../context.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { type Actor, assertCan } from '../auth/auth.policy.ts';
import { draftArticle } from '../reports/article.ts';
import { answerSheet } from '../reports/reports.service.ts';
import { createArticle, getArticle } from './articles.service.ts';
import { findChannel, findColumn } from './newsroom.repository.ts';
import { sanitizeArticleHtml } from './newsroom.sanitize.ts';
import type { AnswerSheetSubmission } from './newsroom.schemas.ts';
import { submitArticle } from './workflow.service.ts';

/** The column the 青春答卷 drafts go to (DOMAIN.md: 青春答卷 is a column). */
export const ANSWER_SHEET_COLUMN = 'qingchun-dajuan';

/**
 * Turns the report's 青春答卷 draft into a newsroom submission for the column: the Markdown becomes
 * cleaned HTML (the heading is the piece's title, not part of its body), and the piece waits for the
 * column's reviewers like any other.
 */
export async function submitAnswerSheet(ctx: AppContext, actor: Actor, input: AnswerSheetSubmission) {
  assertCan(actor, 'portal.edit');
  const column = await findColumn(ctx.db, { slug: ANSWER_SHEET_COLUMN });
  if (!column) throw new NotFoundError('网站尚未开设《青春答卷》专栏，请联系网站管理员');
  const channel = (await findChannel(ctx.db, { id: column.channel_id }))!;
  const sheet = await answerSheet(ctx, actor, { org: input.org, from: input.from, to: input.to });
  const article = draftArticle(sheet, input.title);
  const body = article.markdown.replace(/^# .*\n+/, '').replace(/^.*\n+/, '');
  const html = sanitizeArticleHtml(await marked.parse(body, { gfm: true }));
  const id = await createArticle(
    ctx,
    actor,
    {
      title: article.title,
      summary: article.lead.slice(0, 150),
      bodyHtml: html,
      channelSlug: channel.slug,
      columnSlug: ANSWER_SHEET_COLUMN,
      orgCode: sheet.org.code,
      source: article.author,
    },
    'report',
  );
  await submitArticle(ctx, actor, id);
  return getArticle(ctx, actor, id);
}
