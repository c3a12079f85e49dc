import { type Static, Type } from 'typebox';
import { PersonReference } from '../people/people.schemas.ts';
import { DateString, FileDownload, Nullable, ScopeQuery } from '../shared.schemas.ts';
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

export const NewPlacementBody = Type.Object({ ...PersonReference });

export const PlacementChangesBody = Type.Object({
  // A placement starts 已录用 when an application is accepted; marking its end is the only change allowed.
  status: Type.Union([Type.Literal('completed'), Type.Literal('incomplete')]),
});

export const ApplyBody = Type.Object({
  postId: Type.Integer({ minimum: 1 }),
  statement: Type.Optional(Type.String({ maxLength: 500, description: '自我介绍' })),
});
export type Apply = Static<typeof ApplyBody>;

export const DecisionBody = Type.Object({
  decision: Type.Union([Type.Literal('accept'), Type.Literal('reject')], { description: '录用 / 不录用' }),
});

// ---- Responses (issue 12): Fastify serialises only these fields, so a new column cannot leak by accident.

const ProgramName = Type.String({ description: '项目：大学生向基层报到 / 扬帆计划 / 三下乡 / 其他' });
const Student = Type.Object({
  name: Type.String(),
  idNumberMasked: Type.String({ description: '证件号码（脱敏）' }),
});
const ApplicationStatus = Type.String({
  description: 'applied 已报名 / accepted 已录用 / rejected 未录用 / withdrawn 已撤回',
});
const PlacementStatus = Type.String({ description: 'hired 已安排 / completed 已完成 / incomplete 未完成' });

export const PostListReply = Type.Object({
  total: Type.Integer({ description: '岗位数' }),
  slots: Type.Integer({ description: '名额合计' }),
  placed: Type.Integer({ description: '已安排（含已完成）合计' }),
  items: Type.Array(
    Type.Object({
      id: Type.Integer(),
      code: Type.String({ description: '岗位编号' }),
      title: Type.String({ description: '岗位名称' }),
      employer: Type.String({ description: '实习单位' }),
      program: ProgramName,
      slots: Type.Integer({ description: '名额' }),
      startsOn: DateString,
      endsOn: Nullable(DateString),
      placements: Type.Integer({ description: '安排人数（含未完成）' }),
      placed: Type.Integer({ description: '已安排（含已完成）' }),
      pendingApplications: Type.Integer({ description: '待处理的报名' }),
      org: Type.Object({ code: Type.String(), name: Type.String() }, { description: '发布组织' }),
    }),
  ),
});

export const CreatedPostReply = Type.Object({
  id: Type.Integer(),
  code: Type.String({ description: '岗位编号' }),
});

export const PostApplicationListReply = Type.Object({
  total: Type.Integer(),
  items: Type.Array(
    Type.Object({
      id: Type.Integer(),
      appliedOn: DateString,
      status: ApplicationStatus,
      statement: Nullable(Type.String({ description: '自我介绍' })),
      student: Student,
    }),
  ),
});

export const CreatedPlacementReply = Type.Object({ id: Type.Integer() });

export const PlacementListReply = Type.Object({
  total: Type.Integer(),
  placed: Type.Integer({ description: '已安排（含已完成）' }),
  completed: Type.Integer({ description: '已完成' }),
  items: Type.Array(
    Type.Object({
      id: Type.Integer(),
      status: PlacementStatus,
      student: Student,
      post: Type.Object({
        id: Type.Integer(),
        code: Type.String({ description: '岗位编号' }),
        title: Type.String({ description: '岗位名称' }),
        employer: Type.String({ description: '实习单位' }),
        program: ProgramName,
        startsOn: DateString,
      }),
    }),
  ),
});

export const PlacementExportReply = FileDownload('实习安排（xlsx）');

export const PlacementStatusReply = Type.Object({ id: Type.Integer(), status: PlacementStatus });

export const ApplicationStatusReply = Type.Object({ id: Type.Integer(), status: ApplicationStatus });

export const OpenPostListReply = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.Integer(),
      title: Type.String({ description: '岗位名称' }),
      employer: Type.String({ description: '实习单位' }),
      program: ProgramName,
      slots: Type.Integer({ description: '名额' }),
      startsOn: DateString,
      endsOn: Nullable(DateString),
      org: Type.Object({ name: Type.String() }, { description: '发布组织' }),
      applied: Type.Boolean({ description: '本人已报名（未撤回）' }),
    }),
  ),
});

export const MyApplicationListReply = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.Integer(),
      appliedOn: DateString,
      status: ApplicationStatus,
      statement: Nullable(Type.String({ description: '自我介绍' })),
      post: Type.Object({
        id: Type.Integer(),
        title: Type.String({ description: '岗位名称' }),
        employer: Type.String({ description: '实习单位' }),
        program: ProgramName,
      }),
    }),
  ),
});
