import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../context.ts';
import { requireActor } from '../../server/auth-plugin.ts';
import { attachment, XLSX_TYPE } from './membership.common.ts';
import { AcceptBody, DeclineBody, IdParam, NewTransferBody, TransfersQuery } from './transfers.schemas.ts';
import {
  acceptTransfer,
  cancelTransfer,
  declineTransfer,
  exportTransfers,
  getTransfer,
  listTransfers,
  releaseTransfer,
  startTransfer,
} from './transfers.service.ts';

export function transferRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['membership'];
    app.get(
      '/transfers',
      { schema: { tags, summary: '组织关系转接列表（转出 / 转入）', querystring: TransfersQuery } },
      async (request) => listTransfers(ctx, requireActor(request), request.query),
    );
    app.get(
      '/transfers/export',
      { schema: { tags, summary: '导出组织关系转接（xlsx）', querystring: TransfersQuery } },
      async (request, reply) =>
        reply
          .type(XLSX_TYPE)
          .header('content-disposition', attachment('组织关系转接.xlsx'))
          .send(await exportTransfers(ctx, requireActor(request), request.query)),
    );
    app.post(
      '/transfers',
      { schema: { tags, summary: '发起组织关系转接', body: NewTransferBody } },
      async (request, reply) =>
        reply.status(201).send(await startTransfer(ctx, requireActor(request), request.body)),
    );
    app.get(
      '/transfers/:id',
      { schema: { tags, summary: '转接详情（各方只见本方部分）', params: IdParam } },
      async (request) => getTransfer(ctx, requireActor(request), request.params.id),
    );
    app.post(
      '/transfers/:id/release',
      { schema: { tags, summary: '转出组织同意转出', params: IdParam } },
      async (request) => releaseTransfer(ctx, requireActor(request), request.params.id),
    );
    app.post(
      '/transfers/:id/accept',
      { schema: { tags, summary: '转入组织接收并分配团支部', params: IdParam, body: AcceptBody } },
      async (request) =>
        acceptTransfer(ctx, requireActor(request), request.params.id, request.body.branchCode),
    );
    app.post(
      '/transfers/:id/decline',
      { schema: { tags, summary: '退回转接', params: IdParam, body: DeclineBody } },
      async (request) => declineTransfer(ctx, requireActor(request), request.params.id, request.body.reason),
    );
    app.post(
      '/transfers/:id/cancel',
      { schema: { tags, summary: '发起方撤回转接', params: IdParam } },
      async (request) => cancelTransfer(ctx, requireActor(request), request.params.id),
    );
  };
}
