import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../context.ts';
import { attachment, XLSX_TYPE } from '../../lib/downloads.ts';
import { requireActor } from '../../server/auth-plugin.ts';
import {
  BallotBody,
  OutcomeBody,
  PartyCaseIdParam,
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
      { schema: { tags, summary: '推优入党（程序与台账）', querystring: PartyQuery } },
      async (request) => listPartyRecommendations(ctx, requireActor(request), request.query.org),
    );
    app.get(
      '/export',
      { schema: { tags, summary: '导出推优入党台账（xlsx）', querystring: PartyQuery } },
      async (request, reply) => {
        const file = await exportPartyRecommendations(ctx, requireActor(request), request.query.org);
        return reply
          .type(XLSX_TYPE)
          .header('content-disposition', attachment('推优入党台账.xlsx'))
          .send(file);
      },
    );
    app.post(
      '/',
      { schema: { tags, summary: '初步筛选推优人选', body: ScreenBody } },
      async (request, reply) =>
        reply.status(201).send(await screenForParty(ctx, requireActor(request), request.body)),
    );
    app.get(
      '/:id',
      { schema: { tags, summary: '推优入党详情', params: PartyCaseIdParam } },
      async (request) => getPartyCase(ctx, requireActor(request), request.params.id),
    );
    app.post(
      '/:id/propose',
      { schema: { tags, summary: '支委会提出人选', params: PartyCaseIdParam, body: ProposeBody } },
      async (request) => proposeForParty(ctx, requireActor(request), request.params.id, request.body.on),
    );
    app.post(
      '/:id/ballot',
      { schema: { tags, summary: '团员大会无记名投票', params: PartyCaseIdParam, body: BallotBody } },
      async (request) => recordPartyBallot(ctx, requireActor(request), request.params.id, request.body),
    );
    app.post(
      '/:id/outcome',
      { schema: { tags, summary: '登记党组织处理结果', params: PartyCaseIdParam, body: OutcomeBody } },
      async (request) =>
        recordPartyOutcome(ctx, requireActor(request), request.params.id, request.body.outcome),
    );
  };
}
