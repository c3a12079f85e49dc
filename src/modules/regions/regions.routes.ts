import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../context.ts';
import { actorOf } from '../auth/auth.request.ts';
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
          querystring: Type.Object({ parent: Type.Optional(Type.String({ maxLength: 12 })) }),
        },
      },
      async (request) => listRegions(ctx, actorOf(request), request.query.parent),
    );
  };
}
