import { type Static, Type } from 'typebox';
import { DateString } from '../shared.schemas.ts';

const Code = Type.String({ pattern: '^[A-Za-z0-9-]{1,40}$', description: '编码：字母、数字和 -' });

export const SchoolCodeParam = Type.Object({ code: Type.String({ minLength: 1, maxLength: 40 }) });
export const OrgQuery = Type.Object({ org: Type.Optional(Type.String({ maxLength: 32 })) });
export const PersonIdParam = Type.Object({ personId: Type.Integer({ minimum: 1 }) });

export const NewSchoolBody = Type.Object({
  code: Code,
  name: Type.String({ minLength: 1, maxLength: 100 }),
  orgCode: Type.String({ minLength: 1, maxLength: 32, description: '举办团校的组织' }),
  honoraryPrincipal: Type.Optional(Type.String({ maxLength: 50, description: '名誉校长' })),
  establishedOn: Type.Optional(DateString),
});
export type NewSchool = Static<typeof NewSchoolBody>;

export const TeacherBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 50 }),
  kind: Type.String({ maxLength: 10, description: '党员干部 / 团干部 / 少先队辅导员 / 教师 / 其他' }),
});
export type NewTeacher = Static<typeof TeacherBody>;

export const NewClassBody = Type.Object({
  code: Code,
  title: Type.String({ minLength: 1, maxLength: 100 }),
  orgCode: Type.String({ minLength: 1, maxLength: 32 }),
  schoolCode: Type.Optional(Type.String({ maxLength: 40 })),
  heldOn: DateString,
  hours: Type.Number({ exclusiveMinimum: 0, maximum: 24, description: '学时，至多一位小数' }),
  teacher: Type.Optional(Type.String({ maxLength: 50 })),
  teacherKind: Type.Optional(Type.String({ maxLength: 10 })),
});
export type NewClass = Static<typeof NewClassBody>;

export const AttendanceBody = Type.Object({
  records: Type.Array(
    Type.Object({
      personId: Type.Integer({ minimum: 1 }),
      result: Type.Union([Type.Literal('passed'), Type.Literal('failed')]),
    }),
    { minItems: 1, maxItems: 500 },
  ),
});
export type AttendanceInput = Static<typeof AttendanceBody>;
