import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../context.ts';
import { requireActor } from '../../server/auth-plugin.ts';
import { OrgCodeParam } from '../shared.schemas.ts';
import { MoveOrgBody, NewOrgBody, OrgChangesBody, TreeQuery } from './orgs.schemas.ts';
import { changeOrg, createOrg, getOrg, getOrgTree, moveOrg, revokeOrg } from './orgs.service.ts';

export function orgRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['orgs'];
    app.get(
      '/tree',
      { schema: { tags, summary: '组织树（子树平铺）', querystring: TreeQuery } },
      async (request) => getOrgTree(ctx, requireActor(request), request.query.root),
    );
    app.get('/:code', { schema: { tags, summary: '组织详情', params: OrgCodeParam } }, async (request) =>
      getOrg(ctx, requireActor(request), request.params.code),
    );
    app.post('/', { schema: { tags, summary: '新建组织', body: NewOrgBody } }, async (request, reply) =>
      reply.status(201).send(await createOrg(ctx, requireActor(request), request.body)),
    );
    app.patch(
      '/:code',
      { schema: { tags, summary: '修改组织', params: OrgCodeParam, body: OrgChangesBody } },
      async (request) => changeOrg(ctx, requireActor(request), request.params.code, request.body),
    );
    app.post(
      '/:code/move',
      { schema: { tags, summary: '移动组织', params: OrgCodeParam, body: MoveOrgBody } },
      async (request) => moveOrg(ctx, requireActor(request), request.params.code, request.body.parentCode),
    );
    app.post(
      '/:code/revoke',
      { schema: { tags, summary: '撤销组织', params: OrgCodeParam } },
      async (request) => revokeOrg(ctx, requireActor(request), request.params.code),
    );
  };
}
