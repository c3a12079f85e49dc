import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import QRCode from 'qrcode';
import { type AppContext, forReads } from '../../context.ts';
import { attachment, XLSX_TYPE } from '../../lib/downloads.ts';
import { assertCan } from '../auth/auth.policy.ts';
import { actorOf } from '../auth/auth.request.ts';
import { PersonIdParam } from '../people/people.schemas.ts';
import {
  changeActivity,
  createActivity,
  createCampaign,
  getActivity,
  getSettings,
  listActivities,
  listCampaigns,
  requireActivityInScope,
  saveSettings,
} from './activities.service.ts';
import { listAnomalies } from './anomalies.service.ts';
import { enterAttendance, listEnrolments } from './attendance.service.ts';
import { certificateRoutes } from './certificates.routes.ts';
import { makeScanToken } from './qr-token.ts';
import {
  confirmAttendance,
  correctRecord,
  personHours,
  recordRevisions,
  rejectAttendance,
} from './records.service.ts';
import { confirmRegistration, listRegistrations, rejectRegistration } from './registrations.service.ts';
import { listStars } from './stars.service.ts';
import { exportStats, volunteeringPeopleStats, volunteeringStats } from './stats.service.ts';
import {
  ActivityChangesBody,
  ActivityListReply,
  ActivityQuery,
  ActivityReply,
  AnomalyListReply,
  CampaignListReply,
  CampaignReply,
  ConfirmReply,
  CorrectionBody,
  CorrectionReply,
  DecisionBody,
  EnrolmentListReply,
  IdParam,
  ManualAttendanceBody,
  ManualAttendanceReply,
  NewActivityBody,
  NewCampaignBody,
  OrgQuery,
  PeopleStatsReply,
  PeriodQuery,
  PersonHoursQuery,
  PersonHoursReply,
  QrQuery,
  QrReply,
  RegistrationDecisionReply,
  RegistrationListReply,
  RejectReply,
  RevisionListReply,
  SettingsBody,
  SettingsReply,
  StarListReply,
  StatsExportReply,
  StatsReply,
  StatusQuery,
} from './volunteering.schemas.ts';

/** The organisers' and committees' side: /api/volunteering. */
export function volunteeringRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['volunteering'];
    app.get(
      '/campaigns',
      {
        config: { permission: 'volunteer.read' },
        schema: {
          tags,
          summary: '主题活动列表',
          response: { 200: CampaignListReply },
          querystring: OrgQuery,
        },
      },
      async (request) => listCampaigns(ctx, actorOf(request), request.query.org),
    );
    app.post(
      '/campaigns',
      {
        config: { permission: 'volunteer.write' },
        schema: { tags, summary: '新建主题活动', response: { 201: CampaignReply }, body: NewCampaignBody },
      },
      async (request, reply) =>
        reply.status(201).send(await createCampaign(ctx, actorOf(request), request.body)),
    );
    app.get(
      '/settings',
      {
        config: { permission: 'volunteer.read' },
        schema: {
          tags,
          summary: '计时规则与证明联系人',
          response: { 200: SettingsReply },
          querystring: OrgQuery,
        },
      },
      async (request) => getSettings(ctx, actorOf(request), request.query.org),
    );
    app.put(
      '/settings',
      {
        config: { permission: 'volunteer.write' },
        schema: {
          tags,
          summary: '修改计时规则与证明联系人',
          response: { 200: SettingsReply },
          body: SettingsBody,
        },
      },
      async (request) => saveSettings(ctx, actorOf(request), request.body),
    );
    app.get(
      '/activities',
      {
        config: { permission: 'volunteer.read' },
        schema: {
          tags,
          summary: '志愿服务活动列表',
          response: { 200: ActivityListReply },
          querystring: ActivityQuery,
        },
      },
      async (request) => listActivities(ctx, actorOf(request), request.query),
    );
    app.post(
      '/activities',
      {
        config: { permission: 'volunteer.write' },
        schema: {
          tags,
          summary: '发布志愿服务活动',
          response: { 201: ActivityReply },
          body: NewActivityBody,
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createActivity(ctx, actorOf(request), request.body)),
    );
    app.get(
      '/activities/:id',
      {
        config: { permission: 'volunteer.read' },
        schema: { tags, summary: '活动详情', response: { 200: ActivityReply }, params: IdParam },
      },
      async (request) => getActivity(ctx, actorOf(request), request.params.id),
    );
    app.patch(
      '/activities/:id',
      {
        config: { permission: 'volunteer.write' },
        schema: {
          tags,
          summary: '修改活动',
          response: { 200: ActivityReply },
          params: IdParam,
          body: ActivityChangesBody,
        },
      },
      async (request) => changeActivity(ctx, actorOf(request), request.params.id, request.body),
    );
    app.get(
      '/activities/:id/enrolments',
      {
        config: { permission: 'volunteer.read' },
        schema: { tags, summary: '报名与签到签退', response: { 200: EnrolmentListReply }, params: IdParam },
      },
      async (request) => listEnrolments(ctx, actorOf(request), request.params.id),
    );
    app.get(
      '/activities/:id/qr',
      {
        config: { permission: 'volunteer.write' },
        schema: {
          tags,
          summary: '签到/签退二维码（限时有效）',
          response: { 200: QrReply },
          params: IdParam,
          querystring: QrQuery,
        },
      },
      async (request) => {
        const actor = actorOf(request);
        assertCan(actor, 'volunteer.write');
        const a = await requireActivityInScope(ctx.db, actor, request.params.id);
        const { token, expiresAt } = makeScanToken(ctx.config.secret, a.id, request.query.action);
        const url = `${request.protocol}://${request.host}/admin/v/scan?t=${encodeURIComponent(token)}`;
        const svg = await QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
        return { activityId: a.id, action: request.query.action, token, url, expiresAt, svg };
      },
    );
    app.post(
      '/activities/:id/manual-attendance',
      {
        config: { permission: 'volunteer.write' },
        schema: {
          tags,
          summary: '手工补录签到签退（须填原因）',
          response: { 200: ManualAttendanceReply },
          params: IdParam,
          body: ManualAttendanceBody,
        },
      },
      async (request) => enterAttendance(ctx, actorOf(request), request.params.id, request.body),
    );
    app.post(
      '/activities/:id/confirm',
      {
        config: { permission: 'volunteer.write' },
        schema: {
          tags,
          summary: '确认服务时长',
          response: { 200: ConfirmReply },
          params: IdParam,
          body: DecisionBody,
        },
      },
      async (request) => confirmAttendance(ctx, actorOf(request), request.params.id, request.body),
    );
    app.post(
      '/activities/:id/reject',
      {
        config: { permission: 'volunteer.write' },
        schema: {
          tags,
          summary: '不予确认（须填原因）',
          response: { 200: RejectReply },
          params: IdParam,
          body: DecisionBody,
        },
      },
      async (request) => rejectAttendance(ctx, actorOf(request), request.params.id, request.body),
    );
    app.post(
      '/records/:id/corrections',
      {
        config: { permission: 'volunteer.write' },
        schema: {
          tags,
          summary: '更正服务时长（新版本，留痕）',
          response: { 200: CorrectionReply },
          params: IdParam,
          body: CorrectionBody,
        },
      },
      async (request) => correctRecord(ctx, actorOf(request), request.params.id, request.body),
    );
    app.get(
      '/records/:id/revisions',
      {
        config: { permission: 'volunteer.read' },
        schema: {
          tags,
          summary: '服务记录的全部版本',
          response: { 200: RevisionListReply },
          params: IdParam,
        },
      },
      async (request) => recordRevisions(ctx, actorOf(request), request.params.id),
    );
    app.get(
      '/people/:id/hours',
      {
        config: { permission: 'volunteer.read' },
        schema: {
          tags,
          summary: '个人服务时长及凭据',
          response: { 200: PersonHoursReply },
          params: PersonIdParam,
          querystring: PersonHoursQuery,
        },
      },
      async (request) => personHours(ctx, actorOf(request), request.params.id, request.query),
    );
    app.get(
      '/anomalies',
      {
        config: { permission: 'volunteer.read' },
        schema: {
          tags,
          summary: '异常时长清单',
          response: { 200: AnomalyListReply },
          querystring: PeriodQuery,
        },
      },
      async (request) => listAnomalies(ctx, actorOf(request), request.query),
    );
    app.get(
      '/stars',
      {
        config: { permission: 'volunteer.read' },
        schema: { tags, summary: '星级志愿者', response: { 200: StarListReply }, querystring: OrgQuery },
      },
      async (request) => listStars(ctx, actorOf(request), request.query.org),
    );
    app.get(
      '/stats',
      {
        config: { permission: 'volunteer.read' },
        schema: { tags, summary: '志愿服务统计', response: { 200: StatsReply }, querystring: PeriodQuery },
      },
      async (request) => volunteeringStats(await forReads(ctx), actorOf(request), request.query),
    );
    app.get(
      '/stats/people',
      {
        config: { permission: 'volunteer.read' },
        schema: {
          tags,
          summary: '按志愿者统计',
          response: { 200: PeopleStatsReply },
          querystring: PeriodQuery,
        },
      },
      async (request) => volunteeringPeopleStats(await forReads(ctx), actorOf(request), request.query),
    );
    app.get(
      '/stats/export',
      {
        config: { permission: 'volunteer.read' },
        schema: {
          tags,
          summary: '导出统计（xlsx）',
          response: { 200: StatsExportReply },
          querystring: PeriodQuery,
        },
      },
      async (request, reply) => {
        const file = await exportStats(ctx, actorOf(request), request.query);
        return reply
          .type(XLSX_TYPE)
          .header('content-disposition', attachment('志愿服务统计.xlsx'))
          .send(file);
      },
    );
    app.get(
      '/registrations',
      {
        config: { permission: 'volunteer.read' },
        schema: {
          tags,
          summary: '青年注册申请',
          response: { 200: RegistrationListReply },
          querystring: StatusQuery,
        },
      },
      async (request) => listRegistrations(ctx, actorOf(request), request.query),
    );
    app.post(
      '/registrations/:id/confirm',
      {
        config: { permission: 'volunteer.write' },
        schema: {
          tags,
          summary: '确认注册（关联或新增人员）',
          response: { 200: RegistrationDecisionReply },
          params: IdParam,
        },
      },
      async (request) => confirmRegistration(ctx, actorOf(request), request.params.id),
    );
    app.post(
      '/registrations/:id/reject',
      {
        config: { permission: 'volunteer.write' },
        schema: { tags, summary: '驳回注册', response: { 200: RegistrationDecisionReply }, params: IdParam },
      },
      async (request) => rejectRegistration(ctx, actorOf(request), request.params.id),
    );
    await app.register(certificateRoutes(ctx));
  };
}
