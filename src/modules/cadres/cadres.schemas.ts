import { type Static, Type } from 'typebox';
import { ScopeQuery } from '../services/service-scope.ts';
import { DateString } from '../shared.schemas.ts';
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
  idNumber: Type.String({ minLength: 1, maxLength: 20, description: '身份证号（须已登记为人员）' }),
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
