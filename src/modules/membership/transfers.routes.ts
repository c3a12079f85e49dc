import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../context.ts';
import { actorOf } from '../auth/auth.request.ts';
import { attachment, XLSX_TYPE } from './membership.common.ts';
import { searchDestinations } from './transfers.destinations.ts';
import {
  AcceptBody,
  DeclineBody,
  DestinationsQuery,
  DestinationsReply,
  IdParam,
  NewTransferBody,
  TransferListReply,
  TransferReply,
  TransfersExport,
  TransfersQuery,
} from './transfers.schemas.ts';
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
      {
        config: { permission: 'person.read' },
        schema: {
          tags,
          summary: '组织关系转接列表（转出 / 转入）',
          querystring: TransfersQuery,
          response: { 200: TransferListReply },
        },
      },
      async (request) => listTransfers(ctx, actorOf(request), request.query),
    );
    app.get(
      '/transfers/destinations',
      {
        config: { permission: 'person.write' },
        schema: {
          tags,
          summary: '按名称查找转入组织（本县范围）',
          querystring: DestinationsQuery,
          response: { 200: DestinationsReply },
        },
      },
      async (request) => searchDestinations(ctx, actorOf(request), request.query),
    );
    app.get(
      '/transfers/export',
      {
        config: { permission: 'person.read' },
        schema: {
          tags,
          summary: '导出组织关系转接（xlsx）',
          querystring: TransfersQuery,
          response: { 200: TransfersExport },
        },
      },
      async (request, reply) =>
        reply
          .type(XLSX_TYPE)
          .header('content-disposition', attachment('组织关系转接.xlsx'))
          .send(await exportTransfers(ctx, actorOf(request), request.query)),
    );
    app.post(
      '/transfers',
      {
        config: { permission: ['person.write', 'member.self'] },
        schema: {
          tags,
          summary: '发起组织关系转接',
          body: NewTransferBody,
          response: { 201: TransferReply },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await startTransfer(ctx, actorOf(request), request.body)),
    );
    app.get(
      '/transfers/:id',
      {
        config: { permission: ['person.read', 'member.self'] },
        schema: {
          tags,
          summary: '转接详情（各方只见本方部分）',
          params: IdParam,
          response: { 200: TransferReply },
        },
      },
      async (request) => getTransfer(ctx, actorOf(request), request.params.id),
    );
    app.post(
      '/transfers/:id/release',
      {
        config: { permission: 'person.write' },
        schema: { tags, summary: '转出组织同意转出', params: IdParam, response: { 200: TransferReply } },
      },
      async (request) => releaseTransfer(ctx, actorOf(request), request.params.id),
    );
    app.post(
      '/transfers/:id/accept',
      {
        config: { permission: 'person.write' },
        schema: {
          tags,
          summary: '转入组织接收并分配团支部',
          params: IdParam,
          body: AcceptBody,
          response: { 200: TransferReply },
        },
      },
      async (request) => acceptTransfer(ctx, actorOf(request), request.params.id, request.body.branchCode),
    );
    app.post(
      '/transfers/:id/decline',
      {
        config: { permission: 'person.write' },
        schema: {
          tags,
          summary: '退回转接',
          params: IdParam,
          body: DeclineBody,
          response: { 200: TransferReply },
        },
      },
      async (request) => declineTransfer(ctx, actorOf(request), request.params.id, request.body.reason),
    );
    app.post(
      '/transfers/:id/cancel',
      {
        config: { permission: 'person.write' },
        schema: { tags, summary: '发起方撤回转接', params: IdParam, response: { 200: TransferReply } },
      },
      async (request) => cancelTransfer(ctx, actorOf(request), request.params.id),
    );
  };
}
