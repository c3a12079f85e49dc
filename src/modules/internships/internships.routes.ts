import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../context.ts';
import { XLSX_TYPE } from '../../lib/downloads.ts';
import { actorOf } from '../auth/auth.request.ts';
import { IdParam } from '../shared.schemas.ts';
import { apply, myApplications, openPosts, withdraw } from './internships.apply.ts';
import {
  ApplicationStatusReply,
  ApplyBody,
  CreatedPlacementReply,
  CreatedPostReply,
  DecisionBody,
  MyApplicationListReply,
  NewPlacementBody,
  NewPostBody,
  OpenPostListReply,
  PlacementChangesBody,
  PlacementExportReply,
  PlacementListReply,
  PlacementStatusReply,
  PostApplicationListReply,
  PostListReply,
  PostQuery,
} from './internships.schemas.ts';
import {
  changePlacement,
  createPlacement,
  createPost,
  decideApplication,
  exportPlacements,
  listPlacements,
  listPostApplications,
  listPosts,
} from './internships.service.ts';

export function internshipRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['internships'];
    app.get(
      '/posts',
      {
        config: { permission: 'service.read' },
        schema: {
          tags,
          summary: '实习岗位（按开始日期）',
          response: { 200: PostListReply },
          querystring: PostQuery,
        },
      },
      async (request) => listPosts(ctx, actorOf(request), request.query),
    );
    app.post(
      '/posts',
      {
        config: { permission: 'service.write' },
        schema: { tags, summary: '发布实习岗位', response: { 201: CreatedPostReply }, body: NewPostBody },
      },
      async (request, reply) => reply.status(201).send(await createPost(ctx, actorOf(request), request.body)),
    );
    app.get(
      '/posts/:id/applications',
      {
        config: { permission: 'service.read' },
        schema: { tags, summary: '岗位报名', response: { 200: PostApplicationListReply }, params: IdParam },
      },
      async (request) => listPostApplications(ctx, actorOf(request), request.params.id),
    );
    app.post(
      '/posts/:id/placements',
      {
        config: { permission: 'service.write' },
        schema: {
          tags,
          summary: '安排学生（不超过名额）',
          response: { 201: CreatedPlacementReply },
          params: IdParam,
          body: NewPlacementBody,
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createPlacement(ctx, actorOf(request), request.params.id, request.body)),
    );
    app.get(
      '/placements',
      {
        config: { permission: 'service.read' },
        schema: { tags, summary: '实习安排', response: { 200: PlacementListReply }, querystring: PostQuery },
      },
      async (request) => listPlacements(ctx, actorOf(request), request.query),
    );
    app.get(
      '/placements/export',
      {
        config: { permission: 'service.read' },
        schema: {
          tags,
          summary: '导出实习安排（xlsx）',
          response: { 200: PlacementExportReply },
          querystring: PostQuery,
        },
      },
      async (request, reply) => {
        const { file, disposition } = await exportPlacements(ctx, actorOf(request), request.query);
        return reply.type(XLSX_TYPE).header('content-disposition', disposition).send(file);
      },
    );
    app.patch(
      '/placements/:id',
      {
        config: { permission: 'service.write' },
        schema: {
          tags,
          summary: '实习完成情况',
          response: { 200: PlacementStatusReply },
          params: IdParam,
          body: PlacementChangesBody,
        },
      },
      async (request) => changePlacement(ctx, actorOf(request), request.params.id, request.body.status),
    );
    app.post(
      '/applications/:id/decision',
      {
        config: { permission: 'service.write' },
        schema: {
          tags,
          summary: '处理报名（录用即安排）',
          response: { 200: ApplicationStatusReply },
          params: IdParam,
          body: DecisionBody,
        },
      },
      async (request) => decideApplication(ctx, actorOf(request), request.params.id, request.body.decision),
    );
    // A young person's own pages.
    app.get(
      '/open',
      {
        config: { permission: 'internship.apply' },
        schema: { tags, summary: '可报名的实习岗位（青年本人）', response: { 200: OpenPostListReply } },
      },
      async (request) => openPosts(ctx, actorOf(request)),
    );
    app.get(
      '/my-applications',
      {
        config: { permission: 'internship.apply' },
        schema: { tags, summary: '我的实习报名', response: { 200: MyApplicationListReply } },
      },
      async (request) => myApplications(ctx, actorOf(request)),
    );
    app.post(
      '/my-applications',
      {
        config: { permission: 'internship.apply' },
        schema: {
          tags,
          summary: '报名实习岗位（本人）',
          response: { 201: ApplicationStatusReply },
          body: ApplyBody,
        },
      },
      async (request, reply) => reply.status(201).send(await apply(ctx, actorOf(request), request.body)),
    );
    app.post(
      '/my-applications/:id/withdraw',
      {
        config: { permission: 'internship.apply' },
        schema: { tags, summary: '撤回我的报名', response: { 200: ApplicationStatusReply }, params: IdParam },
      },
      async (request) => withdraw(ctx, actorOf(request), request.params.id),
    );
  };
}
