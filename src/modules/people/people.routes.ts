import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../context.ts';
import { attachment, XLSX_TYPE } from '../../lib/downloads.ts';
import { actorOf } from '../auth/auth.request.ts';
import { lookupPeople } from './people.lookup.ts';
import { READ_PEOPLE } from './people.policy.ts';
import {
  IdNumberRevealReply,
  NewPersonBody,
  PeopleExport,
  PeopleLookupBody,
  PeopleLookupReply,
  PeopleQuery,
  PersonChangesBody,
  PersonIdParam,
  PersonListReply,
  PersonReply,
  PhoneRevealReply,
} from './people.schemas.ts';
import {
  changePerson,
  createPerson,
  exportPeople,
  getPerson,
  listPeople,
  revealIdNumber,
  revealPhone,
} from './people.service.ts';

export function peopleRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['people'];
    app.get(
      '/',
      {
        config: { permission: READ_PEOPLE },
        schema: {
          tags,
          summary: '人员列表（证件号码脱敏）',
          querystring: PeopleQuery,
          response: { 200: PersonListReply },
        },
      },
      async (request) => listPeople(ctx, actorOf(request), request.query),
    );
    // The same list, the search in the body: an identity number or a phone searched for never appears in a URL,
    // a proxy's access log or the browser's history (issue 12). The admin uses it for such searches.
    app.post(
      '/search',
      {
        config: { permission: READ_PEOPLE },
        schema: {
          tags,
          summary: '人员检索（检索词放在请求体中，适用于证件号码、手机号）',
          body: PeopleQuery,
          response: { 200: PersonListReply },
        },
      },
      async (request) => listPeople(ctx, actorOf(request), request.body),
    );
    // Roles that name a person without reading the roll (school staff, the aid officer): one by his full name or
    // 证件号码, in the body like the search above (issue 17, item 8).
    app.post(
      '/lookup',
      {
        config: { permission: 'person.lookup' },
        schema: {
          tags,
          summary: '按完整姓名或证件号码查找人员（不能浏览名单）',
          body: PeopleLookupBody,
          response: { 200: PeopleLookupReply },
        },
      },
      async (request) => lookupPeople(ctx, actorOf(request), request.body),
    );
    app.get(
      '/export',
      {
        config: { permission: 'person.read' },
        schema: {
          tags,
          summary: '导出人员（xlsx）',
          querystring: PeopleQuery,
          response: { 200: PeopleExport },
        },
      },
      async (request, reply) => {
        const file = await exportPeople(ctx, actorOf(request), request.query);
        return reply.type(XLSX_TYPE).header('content-disposition', attachment('人员名单.xlsx')).send(file);
      },
    );
    app.get(
      '/:id',
      {
        config: { permission: READ_PEOPLE },
        schema: { tags, summary: '人员详情', params: PersonIdParam, response: { 200: PersonReply } },
      },
      async (request) => getPerson(ctx, actorOf(request), request.params.id),
    );
    app.post(
      '/:id/reveal-id',
      {
        config: { permission: 'person.reveal' },
        schema: {
          tags,
          summary: '查看完整证件号码（留痕）',
          params: PersonIdParam,
          response: { 200: IdNumberRevealReply },
        },
      },
      async (request) => revealIdNumber(ctx, actorOf(request), request.params.id),
    );
    app.post(
      '/:id/reveal-phone',
      {
        config: { permission: READ_PEOPLE },
        schema: {
          tags,
          summary: '查看完整手机号码（留痕）',
          params: PersonIdParam,
          response: { 200: PhoneRevealReply },
        },
      },
      async (request) => revealPhone(ctx, actorOf(request), request.params.id),
    );
    app.post(
      '/',
      {
        config: { permission: 'person.write' },
        schema: { tags, summary: '新增人员', body: NewPersonBody, response: { 201: PersonReply } },
      },
      async (request, reply) =>
        reply.status(201).send(await createPerson(ctx, actorOf(request), request.body)),
    );
    app.patch(
      '/:id',
      {
        config: { permission: 'person.write' },
        schema: {
          tags,
          summary: '修改人员',
          params: PersonIdParam,
          body: PersonChangesBody,
          response: { 200: PersonReply },
        },
      },
      async (request) => changePerson(ctx, actorOf(request), request.params.id, request.body),
    );
  };
}
