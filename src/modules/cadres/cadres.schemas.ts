import { type Static, Type } from 'typebox';
import { PersonReference } from '../people/people.schemas.ts';
import { DateString, FileDownload, Nullable, ScopeQuery } from '../shared.schemas.ts';
import { CADRE_SOURCES } from './cadres.labels.ts';

const Title = Type.Union(
  [Type.Literal('secretary'), Type.Literal('deputy_secretary'), Type.Literal('committee_member')],
  { description: '职务：书记 / 副书记 / 委员' },
);
const Mode = Type.Union([Type.Literal('full_time'), Type.Literal('part_time'), Type.Literal('seconded')], {
  description: '任职方式：专职 / 兼职 / 挂职',
});
const Source = Type.Enum(CADRE_SOURCES, { description: '人员来源' });

export const CadreQuery = Type.Object({
  ...ScopeQuery.properties,
  title: Type.Optional(Title),
  mode: Type.Optional(Mode),
  /** true: every post ever held; default: the posts held on `to` (today). */
  all: Type.Optional(Type.Boolean()),
});
export type CadreQuery = Static<typeof CadreQuery>;

export const NewPostBody = Type.Object({
  ...PersonReference,
  orgCode: Type.String({ minLength: 1, maxLength: 32 }),
  title: Title,
  mode: Mode,
  source: Type.Optional(Type.Union([Source, Type.Null()])),
  startedOn: DateString,
  endedOn: Type.Optional(Type.Union([DateString, Type.Null()])),
});
export type NewPost = Static<typeof NewPostBody>;

export const PostChangesBody = Type.Object({
  mode: Type.Optional(Mode),
  source: Type.Optional(Type.Union([Source, Type.Null()])),
  endedOn: Type.Optional(Type.Union([DateString, Type.Null()])),
});
export type PostChanges = Static<typeof PostChangesBody>;

export const ReminderQuery = Type.Object({
  org: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
  on: Type.Optional(DateString),
  /** Days ahead in which a term's end is announced. */
  days: Type.Optional(Type.Integer({ minimum: 1, maximum: 730, default: 90 })),
});
export type ReminderQuery = Static<typeof ReminderQuery>;

// ---- Replies (issue 12: only declared fields are serialised; the identity number only masked) ----

const OrgRef = Type.Object({ code: Type.String({ description: '组织编码' }), name: Type.String() });
const OrgWithLevel = Type.Object({
  code: Type.String({ description: '组织编码' }),
  name: Type.String(),
  level: Type.String({ description: '组织层级' }),
});

const PostFields = {
  id: Type.Integer(),
  name: Type.String({ description: '姓名' }),
  idNumberMasked: Type.String({ description: '证件号码（脱敏）' }),
  title: Type.String({ description: '职务：secretary / deputy_secretary / committee_member' }),
  mode: Type.String({ description: '任职方式：full_time / part_time / seconded' }),
  source: Nullable(Type.String({ description: '人员来源' })),
  startedOn: DateString,
  endedOn: Nullable(DateString),
  termEndsOn: Type.String({ description: '届满日期 YYYY-MM-DD' }),
  org: OrgWithLevel,
};
export const CadrePostReply = Type.Object(PostFields);

export const CadrePostListReply = Type.Object({
  activeOn: Nullable(Type.String({ description: '在任日期；列出全部任职时为空' })),
  total: Type.Integer(),
  items: Type.Array(CadrePostReply),
});

export const CadreTeamReply = Type.Object({
  org: OrgRef,
  termYears: Type.Integer({ description: '每届年限' }),
  items: Type.Array(
    Type.Object({
      ...PostFields,
      personId: Type.Integer(),
      phoneMasked: Nullable(Type.String({ description: '手机号（遮盖）' })),
    }),
  ),
});

export const CadreRemindersReply = Type.Object({
  on: DateString,
  horizon: Type.String({ description: '提醒截止日期 YYYY-MM-DD' }),
  vacancies: Type.Array(
    Type.Object({ org: OrgWithLevel, missing: Type.String({ description: '缺额职务' }) }),
    { description: '缺额' },
  ),
  termsDue: Type.Array(
    Type.Object({ ...PostFields, overdue: Type.Boolean({ description: '已届满未换届' }) }),
    { description: '即将届满或已届满的任职' },
  ),
});

const Counts = (description: string) => Type.Record(Type.String(), Type.Integer(), { description });

export const CadreStructureReply = Type.Object({
  org: OrgRef,
  activeOn: Type.String({ description: '在任日期' }),
  total: Type.Integer(),
  countySecondedDeputies: Type.Integer({ description: '县级团委挂职副书记' }),
  countyPartTimeDeputies: Type.Integer({ description: '县级团委兼职副书记' }),
  townshipStudentDeputies: Type.Integer({ description: '大学生兼任乡镇团委副书记' }),
  byTitleAndMode: Type.Record(Type.String(), Type.Record(Type.String(), Type.Integer()), {
    description: '按职务、任职方式',
  }),
  bySource: Counts('按人员来源'),
  byLevel: Counts('按组织层级'),
});

export const CadrePostIdReply = Type.Object({ id: Type.Integer() });

export const CadresExport = FileDownload('团干部（xlsx）');
