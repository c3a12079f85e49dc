import { type Static, Type } from 'typebox';
import { PersonRefField } from '../people/people.schemas.ts';
import { DateString, FileDownload, Nullable } from '../shared.schemas.ts';

const Code = Type.String({ pattern: '^[A-Za-z0-9-]{1,40}$', description: '编码：字母、数字和 -' });

export const SchoolCodeParam = Type.Object({ code: Type.String({ minLength: 1, maxLength: 40 }) });
export const OrgQuery = Type.Object({ org: Type.Optional(Type.String({ maxLength: 32 })) });
/**
 * Whose 学时: the person picked by one who reads the roll (personId), or by anyone else the reference his own
 * lookup gave (personRef), exactly one of them; in the body like the lookup, so no reference lands in a URL.
 */
export const ClassHoursBody = Type.Object({
  personId: Type.Optional(
    Type.Integer({
      minimum: 1,
      description: '人员 id：须有浏览人员名单的权限（与 personRef 二选一）',
    }),
  ),
  personRef: Type.Optional(PersonRefField),
});
export type ClassHoursQuery = Static<typeof ClassHoursBody>;

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
      personId: Type.Optional(
        Type.Integer({
          minimum: 1,
          description: '人员 id：须有浏览人员名单的权限，或此人已在本课考勤中（与 personRef 二选一）',
        }),
      ),
      personRef: Type.Optional(PersonRefField),
      result: Type.Union([Type.Literal('passed'), Type.Literal('failed')]),
    }),
    { minItems: 1, maxItems: 500 },
  ),
});
export type AttendanceInput = Static<typeof AttendanceBody>;

// ---- Responses (issue 12): Fastify serialises only these fields, so a new column cannot leak by accident.

const OrgRef = Type.Object({ code: Type.String(), name: Type.String() }, { description: '举办组织' });
const ClassHours = Type.Number({ description: '学时（至多一位小数）' });
const Result = Type.String({ description: 'passed 合格 / failed 不合格' });

const SchoolFields = {
  code: Type.String({ description: '团校编码' }),
  name: Type.String({ description: '团校名称' }),
  org: OrgRef,
  honoraryPrincipal: Nullable(Type.String({ description: '名誉校长' })),
  establishedOn: Nullable(DateString),
};

export const SchoolListReply = Type.Object({ items: Type.Array(Type.Object(SchoolFields)) });

const ClassFields = {
  code: Type.String({ description: '课程编号' }),
  title: Type.String({ description: '课程名称' }),
  heldOn: DateString,
  hours: ClassHours,
  teacher: Nullable(Type.String({ description: '授课人' })),
  teacherKind: Nullable(
    Type.String({ description: '授课人类型：党员干部 / 团干部 / 少先队辅导员 / 教师 / 其他' }),
  ),
  org: OrgRef,
  school: Nullable(
    Type.Object({ code: Type.String(), name: Type.String() }, { description: '所属团校（空：非团校举办）' }),
  ),
};

const ClassSummary = Type.Object({
  ...ClassFields,
  attendees: Type.Integer({ description: '考勤人数（所有组织）' }),
});

export const ClassListReply = Type.Object({ items: Type.Array(ClassSummary) });

export const SchoolReply = Type.Object({
  ...SchoolFields,
  teachers: Type.Array(
    Type.Object({
      id: Type.Integer(),
      name: Type.String({ description: '教员姓名' }),
      kind: Type.String({ description: '党员干部 / 团干部 / 少先队辅导员 / 教师 / 其他' }),
    }),
  ),
  classes: Type.Array(ClassSummary),
});

export const ClassReply = Type.Object({
  ...ClassFields,
  attendance: Type.Array(
    Type.Object({
      personId: Type.Integer(),
      name: Type.String(),
      idNumberMasked: Type.String({ description: '证件号码（脱敏）' }),
      result: Result,
    }),
    { description: '考勤（仅读者管理范围内的人员）' },
  ),
});

export const ClassHoursReply = Type.Object({
  person: Type.Object({
    id: Type.Integer(),
    name: Type.String(),
    idNumberMasked: Type.String({ description: '证件号码（脱敏）' }),
  }),
  totalHours: Type.Number({ description: '合格团课的学时合计' }),
  items: Type.Array(
    Type.Object({
      code: Type.String({ description: '课程编号' }),
      title: Type.String({ description: '课程名称' }),
      heldOn: DateString,
      hours: ClassHours,
      result: Result,
    }),
  ),
});

export const AttendanceExportReply = FileDownload('团课考勤（xlsx）');
