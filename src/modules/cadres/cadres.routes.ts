import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../context.ts';
import { XLSX_TYPE } from '../../lib/downloads.ts';
import { actorOf } from '../auth/auth.request.ts';
import { IdParam, OrgCodeParam, ScopeQuery } from '../shared.schemas.ts';
import {
  CadrePostIdReply,
  CadrePostListReply,
  CadreQuery,
  CadreRemindersReply,
  CadreStructureReply,
  CadresExport,
  CadreTeamReply,
  NewPostBody,
  PostChangesBody,
  ReminderQuery,
} from './cadres.schemas.ts';
import {
  changePost,
  createPost,
  currentTeam,
  exportPosts,
  listPosts,
  reminders,
  structure,
} from './cadres.service.ts';

export function cadreRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['cadres'];
    app.get(
      '/',
      {
        config: { permission: 'service.read' },
        schema: {
          tags,
          summary: '团干部任职（默认为截至 to 在任）',
          querystring: CadreQuery,
          response: { 200: CadrePostListReply },
        },
      },
      async (request) => listPosts(ctx, actorOf(request), request.query),
    );
    app.get(
      '/export',
      {
        config: { permission: 'service.read' },
        schema: {
          tags,
          summary: '导出团干部（xlsx）',
          querystring: CadreQuery,
          response: { 200: CadresExport },
        },
      },
      async (request, reply) => {
        const { file, disposition } = await exportPosts(ctx, actorOf(request), request.query);
        return reply.type(XLSX_TYPE).header('content-disposition', disposition).send(file);
      },
    );
    app.get(
      '/structure',
      {
        config: { permission: 'service.read' },
        schema: {
          tags,
          summary: '团干部结构（挂职、兼职副书记，大学生兼任乡镇副书记）',
          querystring: ScopeQuery,
          response: { 200: CadreStructureReply },
        },
      },
      async (request) => structure(ctx, actorOf(request), request.query),
    );
    app.get(
      '/reminders',
      {
        config: { permission: 'service.read' },
        schema: {
          tags,
          summary: '缺额与换届提醒',
          querystring: ReminderQuery,
          response: { 200: CadreRemindersReply },
        },
      },
      async (request) => reminders(ctx, actorOf(request), request.query),
    );
    app.get(
      '/team/:code',
      {
        config: { permission: 'service.read' },
        schema: { tags, summary: '组织现任班子', params: OrgCodeParam, response: { 200: CadreTeamReply } },
      },
      async (request) => currentTeam(ctx, actorOf(request), request.params.code),
    );
    app.post(
      '/',
      {
        config: { permission: 'service.write' },
        schema: { tags, summary: '登记任职', body: NewPostBody, response: { 201: CadrePostIdReply } },
      },
      async (request, reply) => reply.status(201).send(await createPost(ctx, actorOf(request), request.body)),
    );
    app.patch(
      '/:id',
      {
        config: { permission: 'service.write' },
        schema: {
          tags,
          summary: '修改任职（任职方式、来源、离任日期）',
          params: IdParam,
          body: PostChangesBody,
          response: { 200: CadrePostIdReply },
        },
      },
      async (request) => changePost(ctx, actorOf(request), request.params.id, request.body),
    );
  };
}
