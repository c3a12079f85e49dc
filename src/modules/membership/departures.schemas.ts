import { type Static, Type } from 'typebox';
import { DateString, FileDownload, Nullable } from '../shared.schemas.ts';
import { OwnOrgReply } from './membership.schemas.ts';

export const AgeingOutQuery = Type.Object({
  org: Type.Optional(Type.String({ maxLength: 32 })),
  until: Type.Optional(
    Type.Union([DateString], { description: '列出此日前年满28周岁的团员；默认今天起90天' }),
  ),
});
export type AgeingOutQuery = Static<typeof AgeingOutQuery>;

export const OrgQuery = Type.Object({ org: Type.Optional(Type.String({ maxLength: 32 })) });

export const NewDeparturesBody = Type.Object({
  personIds: Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1, maxItems: 1000 }),
  reason: Type.Union([Type.Literal('age'), Type.Literal('other')], {
    description: '超龄离团 age / 其他 other',
  }),
  leftOn: DateString,
  note: Type.Optional(Type.String({ maxLength: 200 })),
});
export type NewDepartures = Static<typeof NewDeparturesBody>;

export const NewLapseBody = Type.Object({
  personId: Type.Integer({ minimum: 1 }),
  votedOn: Type.Union([DateString], { description: '支部大会表决日期' }),
  note: Type.Optional(Type.String({ maxLength: 200 })),
});
export type NewLapse = Static<typeof NewLapseBody>;

export const LapseDecisionBody = Type.Object({
  approve: Type.Boolean({ description: '上级组织是否批准' }),
  note: Type.Optional(Type.String({ maxLength: 200 })),
});

export const IdParam = Type.Object({ id: Type.Integer({ minimum: 1 }) });

const MonthString = Type.String({ pattern: '^\\d{4}-\\d{2}$', description: '月份 YYYY-MM' });

/** A member turning 28 without a post: the month, never the day (the day is the birth date, DESIGN.md). */
export const AgeingOutItem = Type.Object({
  personId: Type.Integer({ description: '人员编号' }),
  name: Type.String({ description: '姓名' }),
  idNumberMasked: Type.String({ description: '脱敏证件号码' }),
  age: Type.Integer({ description: '周岁' }),
  ageOutMonth: { ...MonthString, description: '年满28周岁的月份 YYYY-MM（不给日期）' },
  overdue: Type.Boolean({ description: '已年满28周岁' }),
  branch: OwnOrgReply,
  memberNo: Nullable(Type.String({ description: '团员编号' })),
});

export const AgeingOutReply = Type.Object({
  until: Type.String({ description: '列到此日（所在月的最后一天）' }),
  items: Type.Array(AgeingOutItem),
  keptByPost: Type.Integer({ description: '因担任团内职务而保留团籍、未列出的人数' }),
});

export const AgeingOutExport = FileDownload('超龄离团名单（xlsx，证件号码脱敏）');

export const DeparturesRecordedReply = Type.Object({
  recorded: Type.Integer({ description: '办理离团的人数' }),
});

export const DepartureListReply = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.Integer(),
      personId: Type.Integer({ description: '人员编号' }),
      name: Type.String({ description: '姓名' }),
      age: Type.Integer({ description: '周岁' }),
      reason: Type.String({ description: '离团原因：age 超龄 / lapsed 自行脱团 / other 其他' }),
      leftOn: DateString,
      memberNo: Nullable(Type.String({ description: '团员编号' })),
      note: Nullable(Type.String({ description: '备注' })),
      branch: OwnOrgReply,
    }),
  ),
});

export const LapseFlagsReply = Type.Object({
  since: { ...DateString, description: '自此日起（6个月前）无交费、组织生活和志愿服务记录' },
  items: Type.Array(
    Type.Object({
      personId: Type.Integer({ description: '人员编号' }),
      name: Type.String({ description: '姓名' }),
      idNumberMasked: Type.String({ description: '脱敏证件号码' }),
      joinedOn: Nullable(DateString),
      branch: OwnOrgReply,
      actions: Type.Array(Type.Literal('propose'), {
        description: '当前用户可办理：propose（报支部表决脱团；已有待批准的处理时不可）',
      }),
    }),
  ),
});

export const LapseListReply = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.Integer(),
      personId: Type.Integer({ description: '人员编号' }),
      name: Type.String({ description: '姓名' }),
      branch: OwnOrgReply,
      votedOn: { ...DateString, description: '支部大会表决日期' },
      status: Type.String({ description: '状态：voted 待上级批准 / approved 已批准 / rejected 不批准' }),
      note: Nullable(Type.String({ description: '备注' })),
      decidedOn: Nullable(DateString),
      actions: Type.Array(Type.Literal('decide'), {
        description: '当前用户可办理：decide（上级批准或不批准；表决的团支部本身不可）',
      }),
    }),
  ),
});

export const LapseCreatedReply = Type.Object({ id: Type.Integer({ description: '脱团处理编号' }) });

export const LapseDecisionReply = Type.Object({
  id: Type.Integer(),
  status: Type.String({ description: 'approved 已批准 / rejected 不批准' }),
});
