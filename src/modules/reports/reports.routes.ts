import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../context.ts';
import { requireActor } from '../../server/auth-plugin.ts';
import { DateString } from '../shared.schemas.ts';
import { answerSheet } from './reports.service.ts';

const ReportQuery = Type.Object({
  org: Type.String({ minLength: 1, maxLength: 32, description: '组织编码' }),
  from: DateString,
  to: DateString,
});

export function reportRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/answer-sheet',
      { schema: { tags: ['reports'], summary: '青春答卷指标（REPORT-SPEC.md）', querystring: ReportQuery } },
      async (request) => answerSheet(ctx, requireActor(request), request.query),
    );
  };
}
