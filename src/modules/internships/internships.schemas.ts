import { type Static, Type } from 'typebox';
import { ScopeQuery } from '../services/service-scope.ts';
import { DateString } from '../shared.schemas.ts';
import { INTERNSHIP_PROGRAMS } from './internships.labels.ts';

const Program = Type.Enum(INTERNSHIP_PROGRAMS, {
  description: '项目：大学生向基层报到 / 扬帆计划 / 三下乡 / 其他',
});

export const PostQuery = Type.Object({ ...ScopeQuery.properties, program: Type.Optional(Program) });
export type PostQuery = Static<typeof PostQuery>;

export const NewPostBody = Type.Object({
  title: Type.String({ minLength: 1, maxLength: 100, description: '岗位名称' }),
  employer: Type.String({ minLength: 1, maxLength: 100, description: '实习单位' }),
  program: Program,
  slots: Type.Integer({ minimum: 1, maximum: 10_000, description: '名额' }),
  startsOn: DateString,
  endsOn: Type.Optional(Type.Union([DateString, Type.Null()])),
  orgCode: Type.String({ minLength: 1, maxLength: 32 }),
});
export type NewPost = Static<typeof NewPostBody>;

export const NewPlacementBody = Type.Object({
  idNumber: Type.String({ minLength: 1, maxLength: 20, description: '学生身份证号（须已登记）' }),
});

export const PlacementChangesBody = Type.Object({
  status: Type.Union([Type.Literal('hired'), Type.Literal('completed'), Type.Literal('incomplete')]),
});

export const ApplyBody = Type.Object({
  postId: Type.Integer({ minimum: 1 }),
  statement: Type.Optional(Type.String({ maxLength: 500, description: '自我介绍' })),
});
export type Apply = Static<typeof ApplyBody>;

export const DecisionBody = Type.Object({
  decision: Type.Union([Type.Literal('accept'), Type.Literal('reject')], { description: '录用 / 不录用' }),
});
