import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../context.ts';
import { XLSX_TYPE } from '../../lib/downloads.ts';
import { actorOf } from '../auth/auth.request.ts';
import { IdParam, ScopeQuery } from '../shared.schemas.ts';
import {
  ChangedVenueReply,
  CoverageReply,
  CreatedVenueReply,
  NewVenueBody,
  VenueChangesBody,
  VenueExportReply,
  VenueListReply,
  VenueQuery,
} from './venues.schemas.ts';
import { changeVenue, createVenue, exportVenues, listVenues, townshipCoverage } from './venues.service.ts';

export function venueRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['venues'];
    app.get(
      '/',
      {
        config: { permission: 'service.read' },
        schema: {
          tags,
          summary: '阵地（截至 to 已建成）',
          response: { 200: VenueListReply },
          querystring: VenueQuery,
        },
      },
      async (request) => listVenues(ctx, actorOf(request), request.query),
    );
    app.get(
      '/export',
      {
        config: { permission: 'service.read' },
        schema: {
          tags,
          summary: '导出阵地（xlsx）',
          response: { 200: VenueExportReply },
          querystring: VenueQuery,
        },
      },
      async (request, reply) => {
        const { file, disposition } = await exportVenues(ctx, actorOf(request), request.query);
        return reply.type(XLSX_TYPE).header('content-disposition', disposition).send(file);
      },
    );
    app.get(
      '/coverage',
      {
        config: { permission: 'service.read' },
        schema: {
          tags,
          summary: '乡镇青年之家覆盖（村里的青年之家计入所在乡镇）',
          response: { 200: CoverageReply },
          querystring: ScopeQuery,
        },
      },
      async (request) => townshipCoverage(ctx, actorOf(request), request.query),
    );
    app.post(
      '/',
      {
        config: { permission: 'service.write' },
        schema: { tags, summary: '新建阵地', response: { 201: CreatedVenueReply }, body: NewVenueBody },
      },
      async (request, reply) =>
        reply.status(201).send(await createVenue(ctx, actorOf(request), request.body)),
    );
    app.patch(
      '/:id',
      {
        config: { permission: 'service.write' },
        schema: {
          tags,
          summary: '修改阵地（名称、建成日期、状态）',
          response: { 200: ChangedVenueReply },
          params: IdParam,
          body: VenueChangesBody,
        },
      },
      async (request) => changeVenue(ctx, actorOf(request), request.params.id, request.body),
    );
  };
}
