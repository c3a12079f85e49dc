import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../context.ts';
import { actorOf } from '../auth/auth.request.ts';
import { DateString, Paging } from '../shared.schemas.ts';
import { listAudit } from './audit.service.ts';

const AuditQuery = Type.Object({
  ...Paging.properties,
  action: Type.Optional(Type.String({ maxLength: 32 })),
  username: Type.Optional(Type.String({ maxLength: 64 })),
  entity: Type.Optional(Type.String({ maxLength: 32 })),
  from: Type.Optional(DateString),
  to: Type.Optional(DateString),
});

export function auditRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/',
      {
        config: { permission: 'audit.read' },
        schema: { tags: ['audit'], summary: '审计日志', querystring: AuditQuery },
      },
      async (request) => {
        const q = request.query;
        return listAudit(ctx, actorOf(request), { ...q, page: q.page ?? 1, pageSize: q.pageSize ?? 20 });
      },
    );
  };
}
