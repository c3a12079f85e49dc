import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../context.ts';
import { actorOf } from '../auth/auth.request.ts';
import { CoverageExport, CoverageReply, LifeReply, PersonIdParam } from './coverage.schemas.ts';
import { exportCoverage, getCoverage } from './coverage.service.ts';
import { OrgQuery } from './departures.schemas.ts';
import { memberLife } from './life.service.ts';
import { attachment, XLSX_TYPE } from './membership.common.ts';

export function coverageRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['membership'];
    app.get(
      '/coverage',
      {
        config: { permission: 'person.read' },
        schema: {
          tags,
          summary: '团组织覆盖：各单位团员与青年数、应建未建、超过50人的团支部',
          querystring: OrgQuery,
          response: { 200: CoverageReply },
        },
      },
      async (request) => getCoverage(ctx, actorOf(request), request.query.org),
    );
    app.get(
      '/coverage/export',
      {
        config: { permission: 'person.read' },
        schema: {
          tags,
          summary: '导出团组织覆盖情况（xlsx）',
          querystring: OrgQuery,
          response: { 200: CoverageExport },
        },
      },
      async (request, reply) =>
        reply
          .type(XLSX_TYPE)
          .header('content-disposition', attachment('团组织覆盖情况.xlsx'))
          .send(await exportCoverage(ctx, actorOf(request), request.query.org)),
    );
    app.get(
      '/people/:id/life',
      {
        config: { permission: 'person.read' },
        schema: {
          tags,
          summary: '团员的团内经历',
          params: PersonIdParam,
          response: { 200: LifeReply },
        },
      },
      async (request) => memberLife(ctx, actorOf(request), request.params.id),
    );
  };
}
