import { Type } from 'typebox';
import { DateString, FileDownload, Nullable } from '../shared.schemas.ts';
import { OwnOrgReply } from './membership.schemas.ts';
import { TransferReply } from './transfers.schemas.ts';

const Unit = Type.Object({
  unit: Type.String({ description: '单位（工作单位或学校）' }),
  members: Type.Integer({ description: '团员数' }),
  youth: Type.Integer({ description: '14–35周岁青年数' }),
  hasBranch: Type.Boolean({ description: '已建团组织' }),
  gap: Type.Boolean({ description: '应建未建（团员3人以上而无团组织）' }),
});

export const CoverageReply = Type.Object({
  units: Type.Array(Unit),
  gaps: Type.Array(Unit, { description: '应建未建的单位' }),
  largeBranches: Type.Array(
    Type.Object({ branch: OwnOrgReply, members: Type.Integer({ description: '团员数' }) }),
    { description: '团员超过50人的团支部' },
  ),
});

export const CoverageExport = FileDownload('团组织覆盖情况（xlsx）');

export const PersonIdParam = Type.Object({ id: Type.Integer({ minimum: 1 }) });

/**
 * A member's league life (life.service.ts). The month he turns 28, never the day: the day is his birth date
 * (DESIGN.md).
 */
export const LifeReply = Type.Object({
  person: Type.Object({
    id: Type.Integer(),
    name: Type.String({ description: '姓名' }),
    politicalStatus: Type.String({ description: '政治面貌代码' }),
    org: Nullable(OwnOrgReply),
  }),
  admission: Type.Object({
    joinedOn: Nullable(DateString),
    memberNo: Nullable(Type.String({ description: '团员编号' })),
    appliedOn: Nullable(DateString),
    admittedBy: Nullable(Type.String({ description: '发展他入团的团组织名称' })),
  }),
  ageOutMonth: Type.String({ description: '年满28周岁的月份 YYYY-MM' }),
  transfers: Type.Array(TransferReply),
  evaluations: Type.Array(
    Type.Object({
      year: Type.Integer({ description: '年度' }),
      grade: Type.String({ description: '评议等次' }),
      registered: Type.Boolean({ description: '是否注册' }),
      meetingOn: DateString,
      branch: Type.String({ description: '团支部名称' }),
    }),
    { description: '历年教育评议与团籍注册' },
  ),
  dues: Type.Object({
    category: Nullable(Type.String({ description: '缴费类别' })),
    amountFen: Nullable(Type.Integer({ description: '每月应缴（分）' })),
    payments: Type.Array(
      Type.Object({
        month: Type.String({ description: '月份 YYYY-MM' }),
        amountFen: Type.Integer({ description: '实缴（分）' }),
        paidOn: DateString,
        branch: Type.String({ description: '团支部名称' }),
      }),
    ),
  }),
  meetings: Type.Array(
    Type.Object({
      kind: Type.String({ description: '会议类型' }),
      heldOn: DateString,
      topic: Type.String({ description: '主题' }),
      branch: Type.String({ description: '团支部名称' }),
    }),
    { description: '参加的组织生活' },
  ),
  posts: Type.Array(
    Type.Object({
      title: Type.String({ description: '职务' }),
      mode: Type.String({ description: '产生方式' }),
      startedOn: DateString,
      endedOn: Nullable(DateString),
      org: Type.String({ description: '任职组织名称' }),
    }),
    { description: '团内职务' },
  ),
  departures: Type.Array(
    Type.Object({
      reason: Type.String({ description: '离团原因' }),
      leftOn: DateString,
      note: Nullable(Type.String({ description: '备注' })),
      branch: Type.String({ description: '团支部名称' }),
    }),
  ),
});
