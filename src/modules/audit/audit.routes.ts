import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../context.ts';
import { actorOf } from '../auth/auth.request.ts';
import { AuditListReply, AuditQuery } from './audit.schemas.ts';
import { listAudit } from './audit.service.ts';

export function auditRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/',
      {
        config: { permission: 'audit.read' },
        schema: {
          tags: ['audit'],
          summary: '审计日志',
          querystring: AuditQuery,
          response: { 200: AuditListReply },
        },
      },
      async (request) => {
        const q = request.query;
        return listAudit(ctx, actorOf(request), { ...q, page: q.page ?? 1, pageSize: q.pageSize ?? 20 });
      },
    );
  };
}
