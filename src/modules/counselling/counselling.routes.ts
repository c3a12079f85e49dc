import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type AppContext, forReads } from '../../context.ts';
import { XLSX_TYPE } from '../../lib/downloads.ts';
import { actorOf } from '../auth/auth.request.ts';
import { IdParam, ScopeQuery } from '../shared.schemas.ts';
import {
  createConsultation,
  exportConsultations,
  getConsultation,
  listConsultations,
  listFollowUps,
  recordFollowUp,
  writeNotes,
} from './consultations.service.ts';
import {
  ConsultationCreatedReply,
  ConsultationListReply,
  ConsultationQuery,
  ConsultationReply,
  ConsultationsExport,
  CounsellingStatisticsReply,
  CounsellorChangesBody,
  CounsellorIdReply,
  CounsellorListReply,
  FollowUpBody,
  FollowUpListReply,
  FollowUpReply,
  NewConsultationBody,
  NewCounsellorBody,
  NewOutreachBody,
  NotesBody,
  NotesReply,
  OutreachCreatedReply,
  OutreachListReply,
} from './counselling.schemas.ts';
import {
  changeCounsellor,
  counsellingStatistics,
  createCounsellor,
  createOutreach,
  listCounsellors,
  listOutreach,
} from './counselling.service.ts';

export function counsellingRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['counselling'];
    app.get(
      '/counsellors',
      {
        config: { permission: 'counselling.read' },
        schema: {
          tags,
          summary: '在岗心理咨询师（截至 to）',
          querystring: ScopeQuery,
          response: { 200: CounsellorListReply },
        },
      },
      async (request) => listCounsellors(ctx, actorOf(request), request.query),
    );
    app.post(
      '/counsellors',
      {
        config: { permission: 'counselling.write' },
        schema: {
          tags,
          summary: '登记心理咨询师',
          body: NewCounsellorBody,
          response: { 201: CounsellorIdReply },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createCounsellor(ctx, actorOf(request), request.body)),
    );
    app.patch(
      '/counsellors/:id',
      {
        config: { permission: 'counselling.write' },
        schema: {
          tags,
          summary: '修改心理咨询师（证书、退出日期）',
          params: IdParam,
          body: CounsellorChangesBody,
          response: { 200: CounsellorIdReply },
        },
      },
      async (request) => changeCounsellor(ctx, actorOf(request), request.params.id, request.body),
    );
    app.get(
      '/outreach',
      {
        config: { permission: 'counselling.read' },
        schema: {
          tags,
          summary: '心理健康服务活动',
          querystring: ScopeQuery,
          response: { 200: OutreachListReply },
        },
      },
      async (request) => listOutreach(ctx, actorOf(request), request.query),
    );
    app.post(
      '/outreach',
      {
        config: { permission: 'counselling.write' },
        schema: {
          tags,
          summary: '登记心理健康服务活动',
          body: NewOutreachBody,
          response: { 201: OutreachCreatedReply },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createOutreach(ctx, actorOf(request), request.body)),
    );
    app.get(
      '/consultations',
      {
        config: { permission: 'counselling.read' },
        schema: {
          tags,
          summary: '个案咨询（不含咨询记录）',
          querystring: ConsultationQuery,
          response: { 200: ConsultationListReply },
        },
      },
      async (request) => listConsultations(ctx, actorOf(request), request.query),
    );
    app.get(
      '/consultations/export',
      {
        config: { permission: 'counselling.read' },
        schema: {
          tags,
          summary: '导出个案咨询（xlsx，不含咨询记录）',
          querystring: ConsultationQuery,
          response: { 200: ConsultationsExport },
        },
      },
      async (request, reply) => {
        const { file, disposition } = await exportConsultations(ctx, actorOf(request), request.query);
        return reply.type(XLSX_TYPE).header('content-disposition', disposition).send(file);
      },
    );
    app.get(
      '/consultations/:id',
      {
        config: { permission: 'counselling.read' },
        schema: {
          tags,
          summary: '个案咨询详情（咨询记录仅咨询师本人和心理督导可见，留痕）',
          params: IdParam,
          response: { 200: ConsultationReply },
        },
      },
      async (request) => getConsultation(ctx, actorOf(request), request.params.id),
    );
    app.post(
      '/consultations',
      {
        config: { permission: 'consultation.write' },
        schema: {
          tags,
          summary: '登记个案咨询（咨询师本人或心理督导）',
          body: NewConsultationBody,
          response: { 201: ConsultationCreatedReply },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createConsultation(ctx, actorOf(request), request.body)),
    );
    app.put(
      '/consultations/:id/notes',
      {
        config: { permission: 'consultation.notes' },
        schema: {
          tags,
          summary: '填写咨询记录（加密保存）',
          params: IdParam,
          body: NotesBody,
          response: { 200: NotesReply },
        },
      },
      async (request) => writeNotes(ctx, actorOf(request), request.params.id, request.body.notes),
    );
    app.post(
      '/consultations/:id/follow-up',
      {
        config: { permission: ['counselling.write', 'consultation.write'] },
        schema: {
          tags,
          summary: '记录随访与12355转介',
          params: IdParam,
          body: FollowUpBody,
          response: { 200: FollowUpReply },
        },
      },
      async (request) => recordFollowUp(ctx, actorOf(request), request.params.id, request.body),
    );
    app.get(
      '/follow-ups',
      {
        config: { permission: 'counselling.read' },
        schema: {
          tags,
          summary: '高风险个案随访清单',
          querystring: ScopeQuery,
          response: { 200: FollowUpListReply },
        },
      },
      async (request) => listFollowUps(ctx, actorOf(request), request.query),
    );
    app.get(
      '/statistics',
      {
        config: { permission: 'counselling.read' },
        schema: {
          tags,
          summary: '心理健康服务分月统计（仅数量）',
          querystring: ScopeQuery,
          response: { 200: CounsellingStatisticsReply },
        },
      },
      async (request) => counsellingStatistics(await forReads(ctx), actorOf(request), request.query),
    );
  };
}
