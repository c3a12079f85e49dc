import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../context.ts';
import { actorOf } from '../auth/auth.request.ts';
import { OrgCodeParam } from '../shared.schemas.ts';
import {
  MoveOrgBody,
  NewOrgBody,
  OrgChangesBody,
  OrgReply,
  OrgTreeReply,
  TreeQuery,
} from './orgs.schemas.ts';
import { changeOrg, createOrg, getOrg, getOrgTree, moveOrg, revokeOrg } from './orgs.service.ts';

export function orgRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['orgs'];
    app.get(
      '/tree',
      {
        config: { permission: 'org.read' },
        schema: {
          tags,
          summary: '组织树（子树平铺）',
          querystring: TreeQuery,
          response: { 200: OrgTreeReply },
        },
      },
      async (request) => getOrgTree(ctx, actorOf(request), request.query.root),
    );
    app.get(
      '/:code',
      {
        config: { permission: 'org.read' },
        schema: { tags, summary: '组织详情', params: OrgCodeParam, response: { 200: OrgReply } },
      },
      async (request) => getOrg(ctx, actorOf(request), request.params.code),
    );
    app.post(
      '/',
      {
        config: { permission: 'org.write' },
        schema: { tags, summary: '新建组织', body: NewOrgBody, response: { 201: OrgReply } },
      },
      async (request, reply) => reply.status(201).send(await createOrg(ctx, actorOf(request), request.body)),
    );
    app.patch(
      '/:code',
      {
        config: { permission: 'org.write' },
        schema: {
          tags,
          summary: '修改组织',
          params: OrgCodeParam,
          body: OrgChangesBody,
          response: { 200: OrgReply },
        },
      },
      async (request) => changeOrg(ctx, actorOf(request), request.params.code, request.body),
    );
    app.post(
      '/:code/move',
      {
        config: { permission: 'org.write' },
        schema: {
          tags,
          summary: '移动组织',
          params: OrgCodeParam,
          body: MoveOrgBody,
          response: { 200: OrgReply },
        },
      },
      async (request) => moveOrg(ctx, actorOf(request), request.params.code, request.body.parentCode),
    );
    app.post(
      '/:code/revoke',
      {
        config: { permission: 'org.write' },
        schema: { tags, summary: '撤销组织', params: OrgCodeParam, response: { 200: OrgReply } },
      },
      async (request) => revokeOrg(ctx, actorOf(request), request.params.code),
    );
  };
}
