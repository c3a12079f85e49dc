import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../context.ts';
import { requireActor } from '../../server/auth-plugin.ts';
import { XLSX_TYPE } from '../services/service-scope.ts';
import { FundQuery, NewFundBody } from './funds.schemas.ts';
import { createFund, exportFunds, listFunds } from './funds.service.ts';

export function fundRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['funds'];
    app.get(
      '/',
      { schema: { tags, summary: '经费到位（按项目、来源汇总）', querystring: FundQuery } },
      async (request) => listFunds(ctx, requireActor(request), request.query),
    );
    app.get(
      '/export',
      { schema: { tags, summary: '导出经费（xlsx）', querystring: FundQuery } },
      async (request, reply) => {
        const { file, disposition } = await exportFunds(ctx, requireActor(request), request.query);
        return reply.type(XLSX_TYPE).header('content-disposition', disposition).send(file);
      },
    );
    app.post('/', { schema: { tags, summary: '登记经费', body: NewFundBody } }, async (request, reply) =>
      reply.status(201).send(await createFund(ctx, requireActor(request), request.body)),
    );
  };
}
