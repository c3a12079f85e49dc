import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../context.ts';
import { XLSX_TYPE } from '../../lib/downloads.ts';
import { actorOf } from '../auth/auth.request.ts';
import { FundCreatedReply, FundListReply, FundQuery, FundsExport, NewFundBody } from './funds.schemas.ts';
import { createFund, exportFunds, listFunds } from './funds.service.ts';

export function fundRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['funds'];
    app.get(
      '/',
      {
        config: { permission: 'service.read' },
        schema: {
          tags,
          summary: '经费到位（按项目、来源汇总）',
          querystring: FundQuery,
          response: { 200: FundListReply },
        },
      },
      async (request) => listFunds(ctx, actorOf(request), request.query),
    );
    app.get(
      '/export',
      {
        config: { permission: 'service.read' },
        schema: { tags, summary: '导出经费（xlsx）', querystring: FundQuery, response: { 200: FundsExport } },
      },
      async (request, reply) => {
        const { file, disposition } = await exportFunds(ctx, actorOf(request), request.query);
        return reply.type(XLSX_TYPE).header('content-disposition', disposition).send(file);
      },
    );
    app.post(
      '/',
      {
        config: { permission: 'service.write' },
        schema: { tags, summary: '登记经费', body: NewFundBody, response: { 201: FundCreatedReply } },
      },
      async (request, reply) => reply.status(201).send(await createFund(ctx, actorOf(request), request.body)),
    );
  };
}
