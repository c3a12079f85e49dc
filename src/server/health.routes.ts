import type { FastifyPluginAsync } from 'fastify';
import { sql } from 'kysely';
import type { AppContext } from '../context.ts';

export function healthRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    app.get(
      '/health',
      { config: { permission: 'public' }, schema: { tags: ['system'], summary: '健康检查' } },
      async (_request, reply) => {
        try {
          await sql`select 1`.execute(ctx.db);
          return { status: 'ok' };
        } catch {
          return reply.status(503).send({ error: { code: 'DB_UNAVAILABLE', message: '数据库无法访问' } });
        }
      },
    );
  };
}
