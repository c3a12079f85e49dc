import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type AppContext, forReads } from '../../context.ts';
import { attachment, XLSX_TYPE } from '../../lib/downloads.ts';
import { actorOf } from '../auth/auth.request.ts';
import { DOCX_TYPE, renderEditedArticle, renderReport } from './report-formats.ts';
import {
  compareCounties,
  dashboard,
  exportIndicatorRecords,
  indicatorRecords,
  listIndicators,
} from './report-views.service.ts';
import {
  AnswerSheetReply,
  ArticleQuery,
  ArticleReply,
  CompareReply,
  DashboardReply,
  EditedArticleBody,
  EditedArticleReply,
  IndicatorListReply,
  IndicatorQuery,
  RecordsExportReply,
  RecordsQuery,
  RecordsReply,
  ReportQuery,
} from './reports.schemas.ts';
import { answerSheet } from './reports.service.ts';

export function reportRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['reports'];
    app.get(
      '/answer-sheet',
      {
        config: { permission: 'org.read' },
        schema: {
          tags,
          summary: '青春答卷指标（REPORT-SPEC.md）',
          querystring: ReportQuery,
          response: { 200: AnswerSheetReply },
        },
      },
      async (request) => answerSheet(await forReads(ctx), actorOf(request), request.query),
    );
    app.get(
      '/indicators',
      {
        config: { permission: 'authenticated' },
        schema: { tags, summary: '指标说明', response: { 200: IndicatorListReply } },
      },
      async (request) => listIndicators(actorOf(request)),
    );
    app.get(
      '/records',
      {
        config: { permission: 'org.read' },
        schema: {
          tags,
          summary: '指标明细（数字背后的记录）',
          querystring: RecordsQuery,
          response: { 200: RecordsReply },
        },
      },
      async (request) => {
        const q = request.query;
        return indicatorRecords(await forReads(ctx), actorOf(request), {
          ...q,
          page: q.page ?? 1,
          pageSize: q.pageSize ?? 20,
        });
      },
    );
    app.get(
      '/records/export',
      {
        config: { permission: 'org.read' },
        schema: {
          tags,
          summary: '导出指标明细（xlsx）',
          querystring: IndicatorQuery,
          response: { 200: RecordsExportReply },
        },
      },
      async (request, reply) => {
        const file = await exportIndicatorRecords(ctx, actorOf(request), request.query);
        return reply
          .type(XLSX_TYPE)
          .header('content-disposition', attachment(file.fileName))
          .send(file.content);
      },
    );
    app.get(
      '/article',
      {
        config: { permission: 'org.read' },
        schema: {
          tags,
          summary: '青春答卷文稿（Markdown 或 Word）',
          querystring: ArticleQuery,
          response: { 200: ArticleReply },
        },
      },
      async (request, reply) => {
        const { format = 'md', ...query } = request.query;
        const rendered = await renderReport(await forReads(ctx), actorOf(request), query, format);
        reply.type(rendered.mimeType);
        if (format === 'docx')
          reply.header(
            'content-disposition',
            attachment(`青春答卷-${query.org}-${query.from}-${query.to}.docx`),
          );
        return reply.send(rendered.content);
      },
    );
    app.post(
      '/article/docx',
      {
        config: { permission: 'org.read' },
        schema: {
          tags,
          summary: '青春答卷文稿（Word，按页面中编辑后的文本）',
          body: EditedArticleBody,
          response: { 200: EditedArticleReply },
        },
      },
      async (request, reply) => {
        const { markdown, ...query } = request.body;
        const content = await renderEditedArticle(await forReads(ctx), actorOf(request), query, markdown);
        return reply
          .type(DOCX_TYPE)
          .header('content-disposition', attachment(`青春答卷-${query.org}-${query.from}-${query.to}.docx`))
          .send(content);
      },
    );
    app.get(
      '/dashboard',
      {
        config: { permission: 'org.read' },
        schema: {
          tags,
          summary: '工作台图表数据',
          querystring: ReportQuery,
          response: { 200: DashboardReply },
        },
      },
      async (request) => dashboard(await forReads(ctx), actorOf(request), request.query),
    );
    app.get(
      '/compare',
      {
        config: { permission: 'org.read' },
        schema: { tags, summary: '各县对比', querystring: ReportQuery, response: { 200: CompareReply } },
      },
      async (request) => compareCounties(await forReads(ctx), actorOf(request), request.query),
    );
  };
}
