import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../context.ts';
import { ValidationError } from '../../lib/errors.ts';
import { actorOf } from '../auth/auth.request.ts';
import {
  AttachmentFile,
  AttachmentParams,
  AttachmentUploaded,
  ElectionListReply,
  ElectionRecordedReply,
  IdParam,
  MeetingListReply,
  MeetingReply,
  MeetingsQuery,
  NewElectionBody,
  NewMeetingBody,
  RemindersQuery,
  RhythmExport,
  RhythmReply,
  TermRemindersReply,
} from './branch-life.schemas.ts';
import {
  exportRhythm,
  getMeeting,
  listElections,
  listMeetings,
  meetingRhythm,
  recordElection,
  recordMeeting,
  termReminders,
} from './branch-life.service.ts';
import { OrgQuery } from './departures.schemas.ts';
import { attachToMeeting, MAX_ATTACHMENT_BYTES, readAttachment } from './meeting-attachments.service.ts';
import { attachment, XLSX_TYPE } from './membership.common.ts';

export function branchLifeRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['membership'];
    app.get(
      '/meetings',
      {
        config: { permission: 'person.read' },
        schema: {
          tags,
          summary: '组织生活（三会两制一课）记录',
          querystring: MeetingsQuery,
          response: { 200: MeetingListReply },
        },
      },
      async (request) => listMeetings(ctx, actorOf(request), request.query),
    );
    app.post(
      '/meetings',
      {
        config: { permission: 'person.write' },
        schema: { tags, summary: '登记一次会议', body: NewMeetingBody, response: { 201: MeetingReply } },
      },
      async (request, reply) =>
        reply.status(201).send(await recordMeeting(ctx, actorOf(request), request.body)),
    );
    app.get(
      '/meetings/:id',
      {
        config: { permission: 'person.read' },
        schema: { tags, summary: '会议详情与出席名单', params: IdParam, response: { 200: MeetingReply } },
      },
      async (request) => getMeeting(ctx, actorOf(request), request.params.id),
    );
    app.post(
      '/meetings/:id/attachments',
      {
        config: { permission: 'person.write' },
        schema: {
          tags,
          summary: '为会议记录添加附件（照片、签到表等，单个不超过 5 MB）',
          consumes: ['multipart/form-data'],
          params: IdParam,
          response: { 201: AttachmentUploaded },
        },
      },
      async (request, reply) => {
        const result = await attachToMeeting(ctx, actorOf(request), request.params.id, async () => {
          const upload = request.isMultipart()
            ? await request.file({ limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1 } })
            : undefined;
          if (!upload) throw ValidationError.field('file', null, '请选择要上传的附件');
          const content = await upload.toBuffer().catch(() => null);
          return {
            name: upload.filename,
            content: content ?? Buffer.alloc(0),
            truncated: content === null || upload.file.truncated,
          };
        });
        return reply.status(201).send(result);
      },
    );
    app.get(
      '/meetings/:id/attachments/:attachmentId',
      {
        config: { permission: 'person.read' },
        schema: {
          tags,
          summary: '下载会议附件',
          params: AttachmentParams,
          response: { 200: AttachmentFile },
        },
      },
      async (request, reply) => {
        const file = await readAttachment(
          ctx,
          actorOf(request),
          request.params.id,
          request.params.attachmentId,
        );
        return reply
          .type(file.mimeType)
          .header('content-disposition', attachment(file.name))
          .header('x-content-type-options', 'nosniff')
          .send(file.content);
      },
    );
    app.get(
      '/meetings-rhythm',
      {
        config: { permission: 'person.read' },
        schema: {
          tags,
          summary: '各团支部组织生活与应开次数对照',
          querystring: MeetingsQuery,
          response: { 200: RhythmReply },
        },
      },
      async (request) => meetingRhythm(ctx, actorOf(request), request.query),
    );
    app.get(
      '/meetings-rhythm/export',
      {
        config: { permission: 'person.read' },
        schema: {
          tags,
          summary: '导出组织生活情况（xlsx）',
          querystring: MeetingsQuery,
          response: { 200: RhythmExport },
        },
      },
      async (request, reply) =>
        reply
          .type(XLSX_TYPE)
          .header('content-disposition', attachment('组织生活情况.xlsx'))
          .send(await exportRhythm(ctx, actorOf(request), request.query)),
    );
    app.get(
      '/elections',
      {
        config: { permission: 'person.read' },
        schema: { tags, summary: '换届记录', querystring: OrgQuery, response: { 200: ElectionListReply } },
      },
      async (request) => listElections(ctx, actorOf(request), request.query.org),
    );
    app.post(
      '/elections',
      {
        config: { permission: 'person.write' },
        schema: {
          tags,
          summary: '登记换届选举',
          body: NewElectionBody,
          response: { 201: ElectionRecordedReply },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await recordElection(ctx, actorOf(request), request.body)),
    );
    app.get(
      '/elections/reminders',
      {
        config: { permission: 'person.read' },
        schema: {
          tags,
          summary: '任期将满或已满、未登记换届的团支部',
          querystring: RemindersQuery,
          response: { 200: TermRemindersReply },
        },
      },
      async (request) => termReminders(ctx, actorOf(request), request.query.org, request.query.within),
    );
  };
}
