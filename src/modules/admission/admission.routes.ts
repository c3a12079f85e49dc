import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../context.ts';
import { attachment, XLSX_TYPE } from '../../lib/downloads.ts';
import type { Actor, Permission } from '../auth/auth.policy.ts';
import { actorOf } from '../auth/auth.request.ts';
import { exportAdmissions, getAdmission, listAdmissions } from './admission.read.ts';
import {
  ActivistBody,
  AdmissionBoardReply,
  AdmissionDetailReply,
  AdmissionIdParam,
  AdmissionSettingsReply,
  AdmissionsExport,
  AdmissionsQuery,
  ApplyBody,
  ApproveBody,
  CandidateBody,
  CivicsBody,
  DatedBody,
  EndBody,
  QuotaBody,
  QuotaListReply,
  SettingsBody,
  SettingsQuery,
  VoteBody,
  VoteCorrectionBody,
} from './admission.schemas.ts';
import {
  applyForAdmission,
  approveAdmission,
  endAdmission,
  makeActivist,
  makeCandidate,
  recordCeremony,
  recordCivicsGrade,
  recordTalk,
} from './admission.service.ts';
import { correctVote, recordVote } from './admission.vote.ts';
import { getSettings, listQuotas, saveQuota, saveSettings } from './admission-settings.service.ts';

export function admissionRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['admissions'];
    app.get(
      '/',
      {
        config: { permission: 'person.read' },
        schema: {
          tags,
          summary: '发展团员看板（按阶段、提醒）',
          querystring: AdmissionsQuery,
          response: { 200: AdmissionBoardReply },
        },
      },
      async (request) => listAdmissions(ctx, actorOf(request), request.query),
    );
    app.get(
      '/export',
      {
        config: { permission: 'person.read' },
        schema: {
          tags,
          summary: '导出发展团员名单（xlsx）',
          querystring: AdmissionsQuery,
          response: { 200: AdmissionsExport },
        },
      },
      async (request, reply) => {
        const file = await exportAdmissions(ctx, actorOf(request), request.query);
        return reply
          .type(XLSX_TYPE)
          .header('content-disposition', attachment('发展团员名单.xlsx'))
          .send(file);
      },
    );
    app.get(
      '/settings',
      {
        config: { permission: 'person.read' },
        schema: {
          tags,
          summary: '发展团员条件（本级生效）',
          querystring: SettingsQuery,
          response: { 200: AdmissionSettingsReply },
        },
      },
      async (request) => getSettings(ctx, actorOf(request), request.query.org),
    );
    app.put(
      '/settings',
      {
        config: { permission: 'org.write' },
        schema: {
          tags,
          summary: '设置发展团员条件',
          body: SettingsBody,
          response: { 200: AdmissionSettingsReply },
        },
      },
      async (request) => saveSettings(ctx, actorOf(request), request.body),
    );
    app.get(
      '/quotas',
      {
        config: { permission: 'person.read' },
        schema: {
          tags,
          summary: '毕业班团员比例',
          querystring: SettingsQuery,
          response: { 200: QuotaListReply },
        },
      },
      async (request) => listQuotas(ctx, actorOf(request), request.query.org),
    );
    app.put(
      '/quotas',
      {
        config: { permission: 'org.write' },
        schema: { tags, summary: '登记毕业班人数', body: QuotaBody, response: { 200: QuotaListReply } },
      },
      async (request) => saveQuota(ctx, actorOf(request), request.body),
    );
    app.post(
      '/',
      {
        config: { permission: 'person.write' },
        schema: { tags, summary: '登记入团申请', body: ApplyBody, response: { 201: AdmissionDetailReply } },
      },
      async (request, reply) =>
        reply.status(201).send(await applyForAdmission(ctx, actorOf(request), request.body)),
    );
    app.get(
      '/:id',
      {
        config: { permission: 'person.read' },
        schema: {
          tags,
          summary: '申请人详情（条件清单、时间线）',
          params: AdmissionIdParam,
          response: { 200: AdmissionDetailReply },
        },
      },
      async (request) => getAdmission(ctx, actorOf(request), request.params.id),
    );
    // The branch records its steps; the committee above approves (admission.policy.ts checks which one).
    const step = <B>(
      path: string,
      summary: string,
      body: B,
      run: (actor: Actor, id: number, input: never) => ReturnType<typeof getAdmission>,
      permission: Permission = 'person.write',
    ) =>
      app.post(
        path,
        {
          config: { permission },
          schema: {
            tags,
            summary,
            params: AdmissionIdParam,
            body: body as never,
            response: { 200: AdmissionDetailReply },
          },
        },
        async (request) =>
          run(actorOf(request), (request.params as { id: number }).id, request.body as never),
      );
    step('/:id/talk', '记录谈话', DatedBody, (a, id, b) => recordTalk(ctx, a, id, b));
    step('/:id/civics-grade', '登记思政课评价', CivicsBody, (a, id, b: { grade: string }) =>
      recordCivicsGrade(ctx, a, id, b.grade),
    );
    step('/:id/activist', '确定为入团积极分子', ActivistBody, (a, id, b) => makeActivist(ctx, a, id, b));
    step('/:id/candidate', '确定为发展对象（公示、入团介绍人）', CandidateBody, (a, id, b) =>
      makeCandidate(ctx, a, id, b),
    );
    step('/:id/vote', '支部大会表决', VoteBody, (a, id, b) => recordVote(ctx, a, id, b));
    step('/:id/vote-correction', '更正支部大会表决（审批前）', VoteCorrectionBody, (a, id, b) =>
      correctVote(ctx, a, id, b),
    );
    step(
      '/:id/approve',
      '上级团委审批',
      ApproveBody,
      (a, id, b) => approveAdmission(ctx, a, id, b),
      'org.write',
    );
    step('/:id/ceremony', '记录入团仪式', DatedBody, (a, id, b) => recordCeremony(ctx, a, id, b));
    step('/:id/reject', '不予通过', EndBody, (a, id, b) => endAdmission(ctx, a, id, 'rejected', b));
    step('/:id/withdraw', '撤回申请', EndBody, (a, id, b) => endAdmission(ctx, a, id, 'withdrawn', b));
  };
}
