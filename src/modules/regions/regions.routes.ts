import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../context.ts';
import { actorOf } from '../auth/auth.request.ts';
import { RegionListReply, RegionsQuery } from './regions.schemas.ts';
import { listRegions } from './regions.service.ts';

export function regionRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/',
      {
        config: { permission: 'authenticated' },
        schema: {
          tags: ['regions'],
          summary: '行政区划（下级）',
          querystring: RegionsQuery,
          response: { 200: RegionListReply },
        },
      },
      async (request) => listRegions(ctx, actorOf(request), request.query.parent),
    );
  };
}
