import type { AppContext } from '../../context.ts';
import type { Actor } from '../auth/auth.policy.ts';
import { articleToDocx } from './article.docx.ts';
import { draftArticle, parseArticleMarkdown } from './article.ts';
import { answerSheet, type ReportRequest } from './reports.service.ts';

export const REPORT_FORMATS = ['json', 'md', 'docx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** The report in one of its forms: the JSON of REPORT-SPEC.md, or the drafted article as Markdown or Word. */
export async function renderReport(
  ctx: AppContext,
  actor: Actor,
  request: ReportRequest,
  format: ReportFormat,
): Promise<{ content: string | Buffer; mimeType: string; extension: string }> {
  const sheet = await answerSheet(ctx, actor, request);
  if (format === 'json')
    return {
      content: `${JSON.stringify(sheet, null, 2)}\n`,
      mimeType: 'application/json',
      extension: 'json',
    };
  const article = draftArticle(sheet);
  if (format === 'md')
    return { content: article.markdown, mimeType: 'text/markdown; charset=utf-8', extension: 'md' };
  return {
    content: await articleToDocx(article),
    mimeType: DOCX_TYPE,
    extension: 'docx',
  };
}

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/**
 * The article as the clerk edited it, as Word (issue 17 item 3: 下载Word gave the generated draft, not the edits).
 * The answer sheet is still read: it checks the organisation is in the caller's reach and gives the title and
 * author a draft without them falls back to.
 */
export async function renderEditedArticle(
  ctx: AppContext,
  actor: Actor,
  request: ReportRequest,
  markdown: string,
): Promise<Buffer> {
  const drafted = draftArticle(await answerSheet(ctx, actor, request));
  return articleToDocx(parseArticleMarkdown(markdown, drafted));
}
