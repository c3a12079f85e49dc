import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../context.ts';
import { actorOf } from '../auth/auth.request.ts';
import { attachment, XLSX_TYPE } from './membership.common.ts';
import {
  ChecklistBody,
  ChecklistBranchParam,
  ChecklistListReply,
  ChecklistParam,
  ChecklistReply,
  OrgQuery,
  ReviewBody,
  SelfScoreBody,
  SelfScoreReply,
  StarRatingsExport,
  StarRatingsReply,
  StarsReply,
} from './star-rating.schemas.ts';
import {
  exportStarRatings,
  listStarChecklists,
  reviewStars,
  saveSelfScore,
  saveStarChecklist,
  starRatings,
} from './star-rating.service.ts';

export function starRatingRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['membership'];
    app.get(
      '/star-checklists',
      {
        config: { permission: 'person.read' },
        schema: {
          tags,
          summary: '对标定级标准',
          querystring: OrgQuery,
          response: { 200: ChecklistListReply },
        },
      },
      async (request) => listStarChecklists(ctx, actorOf(request), request.query.org),
    );
    app.put(
      '/star-checklists',
      {
        config: { permission: 'org.write' },
        schema: {
          tags,
          summary: '制定年度对标定级标准',
          body: ChecklistBody,
          response: { 200: ChecklistReply },
        },
      },
      async (request) => saveStarChecklist(ctx, actorOf(request), request.body),
    );
    app.get(
      '/star-checklists/:id/ratings',
      {
        config: { permission: 'person.read' },
        schema: {
          tags,
          summary: '各团支部自评与星级',
          params: ChecklistParam,
          querystring: OrgQuery,
          response: { 200: StarRatingsReply },
        },
      },
      async (request) => starRatings(ctx, actorOf(request), request.params.id, request.query.org),
    );
    app.get(
      '/star-checklists/:id/ratings/export',
      {
        config: { permission: 'person.read' },
        schema: {
          tags,
          summary: '导出对标定级结果（xlsx）',
          params: ChecklistParam,
          querystring: OrgQuery,
          response: { 200: StarRatingsExport },
        },
      },
      async (request, reply) =>
        reply
          .type(XLSX_TYPE)
          .header('content-disposition', attachment('对标定级结果.xlsx'))
          .send(await exportStarRatings(ctx, actorOf(request), request.params.id, request.query.org)),
    );
    app.put(
      '/star-checklists/:id/branches/:code',
      {
        config: { permission: 'person.write' },
        schema: {
          tags,
          summary: '团支部自评',
          params: ChecklistBranchParam,
          body: SelfScoreBody,
          response: { 200: SelfScoreReply },
        },
      },
      async (request) =>
        saveSelfScore(ctx, actorOf(request), request.params.id, request.params.code, request.body),
    );
    app.post(
      '/star-checklists/:id/branches/:code/review',
      {
        config: { permission: 'org.write' },
        schema: {
          tags,
          summary: '上级评定星级（含比例限制）',
          params: ChecklistBranchParam,
          body: ReviewBody,
          response: { 200: StarsReply },
        },
      },
      async (request) =>
        reviewStars(ctx, actorOf(request), request.params.id, request.params.code, request.body.stars),
    );
  };
}
