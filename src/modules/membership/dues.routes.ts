import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../context.ts';
import { actorOf } from '../auth/auth.request.ts';
import {
  ArrearsExport,
  ArrearsListReply,
  ArrearsQuery,
  BasisBody,
  DuesBasisReply,
  DuesListReply,
  DuesQuery,
  PaymentsBody,
  PaymentsRecordedReply,
  PersonIdParam,
} from './dues.schemas.ts';
import { exportArrears, listArrears, listDues, recordPayments, setDuesBasis } from './dues.service.ts';
import { attachment, XLSX_TYPE } from './membership.common.ts';

export function duesRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['membership'];
    app.get(
      '/dues',
      {
        config: { permission: 'person.read' },
        schema: {
          tags,
          summary: '团费：本月应缴与已缴',
          querystring: DuesQuery,
          response: { 200: DuesListReply },
        },
      },
      async (request) => listDues(ctx, actorOf(request), request.query),
    );
    app.put(
      '/dues/bases/:personId',
      {
        config: { permission: 'person.write' },
        schema: {
          tags,
          summary: '核定团员的团费标准',
          params: PersonIdParam,
          body: BasisBody,
          response: { 200: DuesBasisReply },
        },
      },
      async (request) => setDuesBasis(ctx, actorOf(request), request.params.personId, request.body),
    );
    app.post(
      '/dues/payments',
      {
        config: { permission: 'person.write' },
        schema: {
          tags,
          summary: '登记团费（单人或批量）',
          body: PaymentsBody,
          response: { 201: PaymentsRecordedReply },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await recordPayments(ctx, actorOf(request), request.body)),
    );
    app.get(
      '/dues/arrears',
      {
        config: { permission: 'person.read' },
        schema: {
          tags,
          summary: '欠缴团费名单',
          querystring: ArrearsQuery,
          response: { 200: ArrearsListReply },
        },
      },
      async (request) => listArrears(ctx, actorOf(request), request.query),
    );
    app.get(
      '/dues/arrears/export',
      {
        config: { permission: 'person.read' },
        schema: {
          tags,
          summary: '导出欠缴团费名单（xlsx）',
          querystring: ArrearsQuery,
          response: { 200: ArrearsExport },
        },
      },
      async (request, reply) =>
        reply
          .type(XLSX_TYPE)
          .header('content-disposition', attachment('欠缴团费名单.xlsx'))
          .send(await exportArrears(ctx, actorOf(request), request.query)),
    );
  };
}
