import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../context.ts';
import { requireActor } from '../../server/auth-plugin.ts';
import { cancel, myOverview, openActivities, scan, signUp } from './me.service.ts';
import { IdParam, ScanBody } from './volunteering.schemas.ts';

/** A young person's own pages: /api/volunteering/me. */
export function volunteeringMeRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['volunteering'];
    app.get('/me', { schema: { tags, summary: '我的志愿服务' } }, async (request) =>
      myOverview(ctx, requireActor(request)),
    );
    app.get('/me/activities', { schema: { tags, summary: '可报名的活动' } }, async (request) =>
      openActivities(ctx, requireActor(request)),
    );
    app.post(
      '/me/activities/:id/signup',
      { schema: { tags, summary: '报名活动', params: IdParam } },
      async (request, reply) =>
        reply.status(201).send(await signUp(ctx, requireActor(request), request.params.id)),
    );
    app.post(
      '/me/activities/:id/cancel',
      { schema: { tags, summary: '取消报名', params: IdParam } },
      async (request) => cancel(ctx, requireActor(request), request.params.id),
    );
    app.post('/me/scan', { schema: { tags, summary: '扫码签到/签退', body: ScanBody } }, async (request) =>
      scan(ctx, requireActor(request), request.body.token),
    );
  };
}
