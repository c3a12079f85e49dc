import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../context.ts';
import { actorOf } from '../auth/auth.request.ts';
import { attachment, XLSX_TYPE } from './membership.common.ts';
import {
  BranchRatingsQuery,
  BranchRatingsReply,
  CampaignBranchParam,
  CampaignListReply,
  CampaignParam,
  CampaignProgressReply,
  CampaignReply,
  CampaignsQuery,
  NewCampaignBody,
  ProgressExport,
  ProgressQuery,
  RatingsBody,
  RatingsSavedReply,
} from './registration.schemas.ts';
import {
  branchRatings,
  campaignProgress,
  createCampaign,
  exportProgress,
  listCampaigns,
  saveRatings,
} from './registration.service.ts';

export function registrationRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['membership'];
    app.get(
      '/campaigns',
      {
        config: { permission: 'person.read' },
        schema: {
          tags,
          summary: '团籍注册和教育评议（本级、下级及上级部署的）',
          querystring: CampaignsQuery,
          response: { 200: CampaignListReply },
        },
      },
      async (request) => listCampaigns(ctx, actorOf(request), request.query.org),
    );
    app.post(
      '/campaigns',
      {
        config: { permission: 'org.write' },
        schema: {
          tags,
          summary: '部署年度团籍注册和教育评议',
          body: NewCampaignBody,
          response: { 201: CampaignReply },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createCampaign(ctx, actorOf(request), request.body)),
    );
    app.get(
      '/campaigns/:id/progress',
      {
        config: { permission: 'person.read' },
        schema: {
          tags,
          summary: '各团支部评议进度',
          params: CampaignParam,
          querystring: ProgressQuery,
          response: { 200: CampaignProgressReply },
        },
      },
      async (request) => campaignProgress(ctx, actorOf(request), request.params.id, request.query.org),
    );
    app.get(
      '/campaigns/:id/progress/export',
      {
        config: { permission: 'person.read' },
        schema: {
          tags,
          summary: '导出评议进度（xlsx）',
          params: CampaignParam,
          querystring: ProgressQuery,
          response: { 200: ProgressExport },
        },
      },
      async (request, reply) =>
        reply
          .type(XLSX_TYPE)
          .header('content-disposition', attachment('注册评议进度.xlsx'))
          .send(await exportProgress(ctx, actorOf(request), request.params.id, request.query.org)),
    );
    app.get(
      '/campaigns/:id/branches/:code',
      {
        config: { permission: 'person.read' },
        schema: {
          tags,
          summary: '团支部团员评议情况（按评议大会日期确定参评团员）',
          params: CampaignBranchParam,
          querystring: BranchRatingsQuery,
          response: { 200: BranchRatingsReply },
        },
      },
      async (request) =>
        branchRatings(ctx, actorOf(request), request.params.id, request.params.code, request.query.meetingOn),
    );
    app.put(
      '/campaigns/:id/branches/:code',
      {
        config: { permission: 'person.write' },
        schema: {
          tags,
          summary: '保存团支部评议结果',
          params: CampaignBranchParam,
          body: RatingsBody,
          response: { 200: RatingsSavedReply },
        },
      },
      async (request) =>
        saveRatings(ctx, actorOf(request), request.params.id, request.params.code, request.body),
    );
  };
}
