import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../context.ts';
import { attachment, XLSX_TYPE } from '../../lib/downloads.ts';
import { actorOf } from '../auth/auth.request.ts';
import {
  AttendanceBody,
  AttendanceExportReply,
  ClassHoursBody,
  ClassHoursReply,
  ClassListReply,
  ClassReply,
  NewClassBody,
  NewSchoolBody,
  OrgQuery,
  SchoolCodeParam,
  SchoolListReply,
  SchoolReply,
  TeacherBody,
} from './schools.schemas.ts';
import {
  addTeacher,
  classHoursOf,
  createClass,
  createSchool,
  exportAttendance,
  getClass,
  getSchool,
  listClasses,
  listSchools,
  recordAttendance,
} from './schools.service.ts';

/** /api/schools: 团校 and their teachers. */
export function schoolRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['schools'];
    app.get(
      '/',
      {
        config: { permission: 'school.read' },
        schema: { tags, summary: '团校列表', response: { 200: SchoolListReply }, querystring: OrgQuery },
      },
      async (request) => listSchools(ctx, actorOf(request), request.query.org),
    );
    app.post(
      '/',
      {
        config: { permission: 'school.manage' },
        schema: { tags, summary: '设立团校', response: { 201: SchoolReply }, body: NewSchoolBody },
      },
      async (request, reply) =>
        reply.status(201).send(await createSchool(ctx, actorOf(request), request.body)),
    );
    app.get(
      '/:code',
      {
        config: { permission: 'school.read' },
        schema: {
          tags,
          summary: '团校详情（教员、团课）',
          response: { 200: SchoolReply },
          params: SchoolCodeParam,
        },
      },
      async (request) => getSchool(ctx, actorOf(request), request.params.code),
    );
    app.post(
      '/:code/teachers',
      {
        config: { permission: 'school.manage' },
        schema: {
          tags,
          summary: '登记团校教员',
          response: { 201: SchoolReply },
          params: SchoolCodeParam,
          body: TeacherBody,
        },
      },
      async (request, reply) =>
        reply.status(201).send(await addTeacher(ctx, actorOf(request), request.params.code, request.body)),
    );
  };
}

/** /api/classes: 团课, their attendance and each person's 学时. */
export function classRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['schools'];
    app.get(
      '/',
      {
        config: { permission: 'school.read' },
        schema: {
          tags,
          summary: '团课列表（本级及上级举办）',
          response: { 200: ClassListReply },
          querystring: OrgQuery,
        },
      },
      async (request) => listClasses(ctx, actorOf(request), request.query.org),
    );
    app.post(
      '/',
      {
        config: { permission: 'school.write' },
        schema: { tags, summary: '登记团课', response: { 201: ClassReply }, body: NewClassBody },
      },
      async (request, reply) =>
        reply.status(201).send(await createClass(ctx, actorOf(request), request.body)),
    );
    app.get(
      '/attendance/export',
      {
        config: { permission: 'school.read' },
        schema: {
          tags,
          summary: '导出团课考勤（xlsx）',
          response: { 200: AttendanceExportReply },
          querystring: OrgQuery,
        },
      },
      async (request, reply) => {
        const file = await exportAttendance(ctx, actorOf(request), request.query.org);
        return reply.type(XLSX_TYPE).header('content-disposition', attachment('团课考勤.xlsx')).send(file);
      },
    );
    // A read sent as POST, like the people lookup: a lookup-only caller names the person by his reference.
    app.post(
      '/hours',
      {
        config: { permission: ['person.read', 'school.read'] },
        schema: {
          tags,
          summary: '个人团课学时（按人员 id 或查找所得的人员凭据）',
          response: { 200: ClassHoursReply },
          body: ClassHoursBody,
        },
      },
      async (request) => classHoursOf(ctx, actorOf(request), request.body),
    );
    app.get(
      '/:code',
      {
        config: { permission: 'school.read' },
        schema: { tags, summary: '团课详情与考勤', response: { 200: ClassReply }, params: SchoolCodeParam },
      },
      async (request) => getClass(ctx, actorOf(request), request.params.code),
    );
    app.put(
      '/:code/attendance',
      {
        config: { permission: 'school.write' },
        schema: {
          tags,
          summary: '记录团课考勤（合格 / 不合格）',
          response: { 200: ClassReply },
          params: SchoolCodeParam,
          body: AttendanceBody,
        },
      },
      async (request) => recordAttendance(ctx, actorOf(request), request.params.code, request.body),
    );
  };
}
