import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../context.ts';
import { attachment, XLSX_TYPE } from '../../lib/downloads.ts';
import { actorOf } from '../auth/auth.request.ts';
import {
  BallotBody,
  OutcomeBody,
  PartyCaseIdParam,
  PartyCaseReply,
  PartyExport,
  PartyListReply,
  PartyQuery,
  ProposeBody,
  ScreenBody,
} from './party.schemas.ts';
import {
  exportPartyRecommendations,
  getPartyCase,
  listPartyRecommendations,
  proposeForParty,
  recordPartyBallot,
  recordPartyOutcome,
  screenForParty,
} from './party.service.ts';

/** /api/party-recommendations: 推优入党. */
export function partyRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['party-recommendations'];
    app.get(
      '/',
      {
        config: { permission: 'person.read' },
        schema: {
          tags,
          summary: '推优入党（程序与台账）',
          querystring: PartyQuery,
          response: { 200: PartyListReply },
        },
      },
      async (request) => listPartyRecommendations(ctx, actorOf(request), request.query.org),
    );
    app.get(
      '/export',
      {
        config: { permission: 'person.read' },
        schema: {
          tags,
          summary: '导出推优入党台账（xlsx）',
          querystring: PartyQuery,
          response: { 200: PartyExport },
        },
      },
      async (request, reply) => {
        const file = await exportPartyRecommendations(ctx, actorOf(request), request.query.org);
        return reply
          .type(XLSX_TYPE)
          .header('content-disposition', attachment('推优入党台账.xlsx'))
          .send(file);
      },
    );
    app.post(
      '/',
      {
        config: { permission: 'person.write' },
        schema: { tags, summary: '初步筛选推优人选', body: ScreenBody, response: { 201: PartyCaseReply } },
      },
      async (request, reply) =>
        reply.status(201).send(await screenForParty(ctx, actorOf(request), request.body)),
    );
    app.get(
      '/:id',
      {
        config: { permission: 'person.read' },
        schema: {
          tags,
          summary: '推优入党详情',
          params: PartyCaseIdParam,
          response: { 200: PartyCaseReply },
        },
      },
      async (request) => getPartyCase(ctx, actorOf(request), request.params.id),
    );
    app.post(
      '/:id/propose',
      {
        config: { permission: 'person.write' },
        schema: {
          tags,
          summary: '支委会提出人选',
          params: PartyCaseIdParam,
          body: ProposeBody,
          response: { 200: PartyCaseReply },
        },
      },
      async (request) => proposeForParty(ctx, actorOf(request), request.params.id, request.body.on),
    );
    app.post(
      '/:id/ballot',
      {
        config: { permission: 'person.write' },
        schema: {
          tags,
          summary: '团员大会无记名投票',
          params: PartyCaseIdParam,
          body: BallotBody,
          response: { 200: PartyCaseReply },
        },
      },
      async (request) => recordPartyBallot(ctx, actorOf(request), request.params.id, request.body),
    );
    app.post(
      '/:id/outcome',
      {
        config: { permission: 'person.write' },
        schema: {
          tags,
          summary: '登记党组织处理结果',
          params: PartyCaseIdParam,
          body: OutcomeBody,
          response: { 200: PartyCaseReply },
        },
      },
      async (request) => recordPartyOutcome(ctx, actorOf(request), request.params.id, request.body.outcome),
    );
  };
}
