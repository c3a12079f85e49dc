import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../context.ts';
import { actorOf } from '../auth/auth.request.ts';
import { cancel, myOverview, openActivities, scan, signUp } from './me.service.ts';
import {
  CancelReply,
  IdParam,
  MyOverviewReply,
  OpenActivityListReply,
  ScanBody,
  ScanReply,
  SignUpReply,
} from './volunteering.schemas.ts';

/** A young person's own pages: /api/volunteering/me. */
export function volunteeringMeRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['volunteering'];
    app.get(
      '/me',
      {
        config: { permission: 'volunteer.self' },
        schema: { tags, summary: '我的志愿服务', response: { 200: MyOverviewReply } },
      },
      async (request) => myOverview(ctx, actorOf(request)),
    );
    app.get(
      '/me/activities',
      {
        config: { permission: 'volunteer.self' },
        schema: { tags, summary: '可报名的活动', response: { 200: OpenActivityListReply } },
      },
      async (request) => openActivities(ctx, actorOf(request)),
    );
    app.post(
      '/me/activities/:id/signup',
      {
        config: { permission: 'volunteer.self' },
        schema: { tags, summary: '报名活动', response: { 201: SignUpReply }, params: IdParam },
      },
      async (request, reply) =>
        reply.status(201).send(await signUp(ctx, actorOf(request), request.params.id)),
    );
    app.post(
      '/me/activities/:id/cancel',
      {
        config: { permission: 'volunteer.self' },
        schema: { tags, summary: '取消报名', response: { 200: CancelReply }, params: IdParam },
      },
      async (request) => cancel(ctx, actorOf(request), request.params.id),
    );
    app.post(
      '/me/scan',
      {
        config: { permission: 'volunteer.self' },
        schema: { tags, summary: '扫码签到/签退', response: { 200: ScanReply }, body: ScanBody },
      },
      async (request) => scan(ctx, actorOf(request), request.body.token),
    );
  };
}
