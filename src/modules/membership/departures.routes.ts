import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../context.ts';
import { actorOf } from '../auth/auth.request.ts';
import {
  AgeingOutExport,
  AgeingOutQuery,
  AgeingOutReply,
  DepartureListReply,
  DeparturesRecordedReply,
  IdParam,
  LapseCreatedReply,
  LapseDecisionBody,
  LapseDecisionReply,
  LapseFlagsReply,
  LapseListReply,
  NewDeparturesBody,
  NewLapseBody,
  OrgQuery,
} from './departures.schemas.ts';
import {
  decideLapseCase,
  exportAgeingOut,
  listAgeingOut,
  listDepartures,
  listLapseFlags,
  listLapses,
  proposeLapse,
  recordDepartures,
} from './departures.service.ts';
import { attachment, XLSX_TYPE } from './membership.common.ts';

export function departureRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['membership'];
    app.get(
      '/ageing-out',
      {
        config: { permission: 'person.read' },
        schema: {
          tags,
          summary: '即将年满28周岁（无团内职务）的团员',
          querystring: AgeingOutQuery,
          response: { 200: AgeingOutReply },
        },
      },
      async (request) => listAgeingOut(ctx, actorOf(request), request.query),
    );
    app.get(
      '/ageing-out/export',
      {
        config: { permission: 'person.read' },
        schema: {
          tags,
          summary: '导出超龄离团名单（xlsx）',
          querystring: AgeingOutQuery,
          response: { 200: AgeingOutExport },
        },
      },
      async (request, reply) =>
        reply
          .type(XLSX_TYPE)
          .header('content-disposition', attachment('超龄离团名单.xlsx'))
          .send(await exportAgeingOut(ctx, actorOf(request), request.query)),
    );
    app.get(
      '/departures',
      {
        config: { permission: 'person.read' },
        schema: { tags, summary: '离团记录', querystring: OrgQuery, response: { 200: DepartureListReply } },
      },
      async (request) => listDepartures(ctx, actorOf(request), request.query.org),
    );
    app.post(
      '/departures',
      {
        config: { permission: 'person.write' },
        schema: {
          tags,
          summary: '批量办理离团',
          body: NewDeparturesBody,
          response: { 201: DeparturesRecordedReply },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await recordDepartures(ctx, actorOf(request), request.body)),
    );
    app.get(
      '/lapses/flags',
      {
        config: { permission: 'person.read' },
        schema: {
          tags,
          summary: '连续6个月未交团费、未参加组织生活、未做团的工作的团员',
          querystring: OrgQuery,
          response: { 200: LapseFlagsReply },
        },
      },
      async (request) => listLapseFlags(ctx, actorOf(request), request.query.org),
    );
    app.get(
      '/lapses',
      {
        config: { permission: 'person.read' },
        schema: { tags, summary: '自行脱团处理', querystring: OrgQuery, response: { 200: LapseListReply } },
      },
      async (request) => listLapses(ctx, actorOf(request), request.query.org),
    );
    app.post(
      '/lapses',
      {
        config: { permission: 'person.write' },
        schema: {
          tags,
          summary: '支部表决自行脱团',
          body: NewLapseBody,
          response: { 201: LapseCreatedReply },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await proposeLapse(ctx, actorOf(request), request.body)),
    );
    app.post(
      '/lapses/:id/decide',
      {
        config: { permission: 'person.write' },
        schema: {
          tags,
          summary: '上级组织批准或不批准',
          params: IdParam,
          body: LapseDecisionBody,
          response: { 200: LapseDecisionReply },
        },
      },
      async (request) => decideLapseCase(ctx, actorOf(request), request.params.id, request.body.approve),
    );
  };
}
