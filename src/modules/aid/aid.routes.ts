import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../context.ts';
import { XLSX_TYPE } from '../../lib/downloads.ts';
import { actorOf } from '../auth/auth.request.ts';
import { IdParam } from '../shared.schemas.ts';
import { disclosurePage, receiptPage } from './aid.disclosure.ts';
import {
  AidQuery,
  BalanceListReply,
  BeneficiaryListReply,
  DisclosureQuery,
  DonationCreatedReply,
  DonationListReply,
  DonationsExport,
  DonorListReply,
  GrantCreatedReply,
  GrantListReply,
  GrantsExport,
  NewDonationBody,
  NewGrantBody,
  ReceiptPage,
} from './aid.schemas.ts';
import {
  createDonation,
  createGrant,
  donationReceipt,
  exportAid,
  listBalances,
  listBeneficiaries,
  listDonations,
  listDonors,
  listGrants,
} from './aid.service.ts';

const HTML = 'text/html; charset=utf-8';

export function aidRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['aid'];
    app.get(
      '/donations',
      {
        config: { permission: 'aid.read' },
        schema: { tags, summary: '捐赠', querystring: AidQuery, response: { 200: DonationListReply } },
      },
      async (request) => listDonations(ctx, actorOf(request), request.query),
    );
    app.post(
      '/donations',
      {
        config: { permission: 'aid.write' },
        schema: {
          tags,
          summary: '登记捐赠（开具收据）',
          body: NewDonationBody,
          response: { 201: DonationCreatedReply },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createDonation(ctx, actorOf(request), request.body)),
    );
    app.get(
      '/donations/export',
      {
        config: { permission: 'aid.read' },
        schema: {
          tags,
          summary: '导出捐赠（xlsx）',
          querystring: AidQuery,
          response: { 200: DonationsExport },
        },
      },
      async (request, reply) => {
        const { file, disposition } = await exportAid(ctx, actorOf(request), request.query, 'donations');
        return reply.type(XLSX_TYPE).header('content-disposition', disposition).send(file);
      },
    );
    app.get(
      '/donations/:id/receipt',
      {
        config: { permission: 'aid.read' },
        schema: {
          tags,
          summary: '捐赠收据（可打印；首次开具时编号）',
          params: IdParam,
          response: { 200: ReceiptPage },
        },
      },
      async (request, reply) =>
        reply.type(HTML).send(receiptPage(await donationReceipt(ctx, actorOf(request), request.params.id))),
    );
    app.get(
      '/grants',
      {
        config: { permission: 'aid.read' },
        schema: { tags, summary: '资助发放', querystring: AidQuery, response: { 200: GrantListReply } },
      },
      async (request) => listGrants(ctx, actorOf(request), request.query),
    );
    app.post(
      '/grants',
      {
        config: { permission: 'aid.write' },
        schema: {
          tags,
          summary: '发放资助（结余不足时拒绝）',
          body: NewGrantBody,
          response: { 201: GrantCreatedReply },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createGrant(ctx, actorOf(request), request.body)),
    );
    app.get(
      '/grants/export',
      {
        config: { permission: 'aid.read' },
        schema: {
          tags,
          summary: '导出资助发放（xlsx，证件号码脱敏）',
          querystring: AidQuery,
          response: { 200: GrantsExport },
        },
      },
      async (request, reply) => {
        const { file, disposition } = await exportAid(ctx, actorOf(request), request.query, 'grants');
        return reply.type(XLSX_TYPE).header('content-disposition', disposition).send(file);
      },
    );
    app.get(
      '/donors',
      {
        config: { permission: 'aid.read' },
        schema: {
          tags,
          summary: '捐赠方（按捐赠方汇总）',
          querystring: AidQuery,
          response: { 200: DonorListReply },
        },
      },
      async (request) => listDonors(ctx, actorOf(request), request.query),
    );
    app.get(
      '/beneficiaries',
      {
        config: { permission: 'aid.read' },
        schema: { tags, summary: '受助学生', querystring: AidQuery, response: { 200: BeneficiaryListReply } },
      },
      async (request) => listBeneficiaries(ctx, actorOf(request), request.query),
    );
    app.get(
      '/balances',
      {
        config: { permission: 'aid.read' },
        schema: {
          tags,
          summary: '各县级团委项目结余（捐赠 − 发放）',
          querystring: AidQuery,
          response: { 200: BalanceListReply },
        },
      },
      async (request) => listBalances(ctx, actorOf(request), request.query),
    );
  };
}

/** Public, server-rendered, outside /api: the disclosure is for anyone (DOMAIN.md "public disclosure"). */
export function disclosureRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/aid',
      { schema: { tags: ['aid'], summary: '助学公示（公开页面，姓名脱敏）', querystring: DisclosureQuery } },
      async (request, reply) => reply.type(HTML).send(await disclosurePage(ctx, request.query)),
    );
  };
}
