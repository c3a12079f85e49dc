import { type Static, Type } from 'typebox';
import { DateString, FileDownload, Nullable } from '../shared.schemas.ts';
import { ADMISSION_REMINDERS } from './admission.labels.ts';
import { ADMISSION_ACTIONS } from './admission.policy.ts';

export const AdmissionIdParam = Type.Object({ id: Type.Integer({ minimum: 1 }) });

export const AdmissionsQuery = Type.Object({
  org: Type.Optional(Type.String({ maxLength: 32, description: '组织编码；缺省为本级' })),
  status: Type.Optional(
    Type.Union(
      ['applied', 'activist', 'candidate', 'admitted', 'rejected', 'withdrawn'].map((s) => Type.Literal(s)),
    ),
  ),
  reminder: Type.Optional(
    Type.Union(
      Object.keys(ADMISSION_REMINDERS).map((r) => Type.Literal(r as keyof typeof ADMISSION_REMINDERS)),
      { description: '只列出带此提醒的发展团员记录（各阶段与提醒人数仍按全部记录）' },
    ),
  ),
});
export type AdmissionsQuery = Static<typeof AdmissionsQuery>;

export const ApplyBody = Type.Object({
  personId: Type.Integer({ minimum: 1, description: '申请人' }),
  orgCode: Type.String({ minLength: 1, maxLength: 32, description: '受理的团支部' }),
  appliedOn: DateString,
  civicsGrade: Type.Optional(Type.String({ maxLength: 8, description: '思政课评价' })),
});
export type ApplyInput = Static<typeof ApplyBody>;

export const DatedBody = Type.Object({
  on: DateString,
  note: Type.Optional(Type.String({ maxLength: 200 })),
});
export type DatedInput = Static<typeof DatedBody>;

export const CivicsBody = Type.Object({
  grade: Type.String({ maxLength: 8, description: '优秀 / 良好 / 合格 / 不合格' }),
});

export const ActivistBody = Type.Object({
  on: DateString,
  recommendedBy: Type.Union([Type.Literal('pioneer_recommendation'), Type.Literal('member_recommendation')]),
  mentorIds: Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 5, description: '培养联系人（1–2 名）' }),
});
export type ActivistInput = Static<typeof ActivistBody>;

export const CandidateBody = Type.Object({
  on: DateString,
  publicityFrom: DateString,
  publicityTo: DateString,
  introducerIds: Type.Array(Type.Integer({ minimum: 1 }), {
    maxItems: 5,
    description: '入团介绍人（2 名团员）',
  }),
});
export type CandidateInput = Static<typeof CandidateBody>;

export const VoteBody = Type.Object({
  on: DateString,
  shouldAttend: Type.Integer({ minimum: 1, maximum: 10_000, description: '应到会（有表决权）人数' }),
  attended: Type.Integer({ minimum: 0, maximum: 10_000, description: '实到人数' }),
  yes: Type.Integer({ minimum: 0, maximum: 10_000, description: '赞成票' }),
  confirmFailure: Type.Optional(
    Type.Boolean({ description: '确认表决未通过：未通过的表决会结束该申请，须确认后才记录' }),
  ),
});
export type VoteInput = Static<typeof VoteBody>;

export const VoteCorrectionBody = Type.Object({
  ...VoteBody.properties,
  reason: Type.String({ minLength: 1, maxLength: 200, description: '更正原因' }),
});
export type VoteCorrectionInput = Static<typeof VoteCorrectionBody>;

export const ApproveBody = Type.Object({
  on: DateString,
  acceptQuotaWarning: Type.Optional(Type.Boolean({ description: '知悉超出名额仍批准' })),
});
export type ApproveInput = Static<typeof ApproveBody>;

export const EndBody = Type.Object({ on: DateString, reason: Type.String({ minLength: 1, maxLength: 200 }) });
export type EndInput = Static<typeof EndBody>;

export const SettingsQuery = Type.Object({ org: Type.Optional(Type.String({ maxLength: 32 })) });

export const SettingsBody = Type.Object({
  org: Type.String({ minLength: 1, maxLength: 32 }),
  civicsRequired: Type.Boolean(),
  minClassHours: Type.Number({ minimum: 0, maximum: 200 }),
  minVolunteerHours: Type.Number({ minimum: 0, maximum: 1000 }),
  voteBase: Type.Union([Type.Literal('attending'), Type.Literal('should_attend')]),
  quotaJuniorPct: Type.Integer({ minimum: 0, maximum: 100 }),
  quotaSeniorPct: Type.Integer({ minimum: 0, maximum: 100 }),
});

export const QuotaBody = Type.Object({
  org: Type.String({ minLength: 1, maxLength: 32 }),
  year: Type.Integer({ minimum: 2000, maximum: 2100 }),
  schoolStage: Type.Union([Type.Literal('junior'), Type.Literal('senior')]),
  graduates: Type.Integer({ minimum: 1, maximum: 100_000 }),
  membersBefore: Type.Integer({ minimum: 0, maximum: 100_000 }),
});

// ---- Replies (issue 12: only declared fields are serialised; no birth date beside the mask, DESIGN.md) ----

const OrgRef = Type.Object({ code: Type.String({ description: '组织编码' }), name: Type.String() });

const Status = Type.String({
  description: 'applied / activist / candidate / admitted / rejected / withdrawn',
});

export const AdmissionReply = Type.Object({
  id: Type.Integer(),
  person: Type.Object({
    id: Type.Integer(),
    name: Type.String(),
    idNumberMasked: Type.String({ description: '证件号码（脱敏）' }),
    gender: Type.String(),
    age: Type.Integer({ description: '周岁（不给出生日期）' }),
  }),
  org: OrgRef,
  status: Status,
  recommendedBy: Nullable(
    Type.String({ description: '推荐方式：pioneer_recommendation / member_recommendation' }),
  ),
  civicsGrade: Nullable(Type.String({ description: '思政课评价' })),
  appliedOn: DateString,
  talkOn: Nullable(DateString),
  activistOn: Nullable(DateString),
  candidateOn: Nullable(DateString),
  publicityFrom: Nullable(DateString),
  publicityTo: Nullable(DateString),
  branchVoteOn: Nullable(DateString),
  vote: Nullable(
    Type.Object(
      {
        shouldAttend: Type.Integer({ description: '应到会人数' }),
        attended: Nullable(Type.Integer({ description: '实到人数' })),
        yes: Nullable(Type.Integer({ description: '赞成票' })),
      },
      { description: '支部大会表决' },
    ),
  ),
  approvedOn: Nullable(DateString),
  joinedOn: Nullable(DateString),
  memberNo: Nullable(Type.String({ description: '团员编号' })),
  ceremonyOn: Nullable(DateString),
  endedOn: Nullable(DateString),
  endReason: Nullable(Type.String()),
  reminders: Type.Array(Type.String(), {
    description:
      '提醒：talk_overdue / activist_due / publicity_ending / vote_due / awaiting_approval / ceremony_overdue',
  }),
  actions: Type.Array(Type.Enum(ADMISSION_ACTIONS), {
    description:
      '当前用户此时可办理的步骤（POST /api/admissions/{id}/<步骤>），与服务端校验同一规则：不在此列的步骤会被拒绝',
  }),
});

export const AdmissionBoardReply = Type.Object({
  org: Type.Object({ code: Type.String(), name: Type.String(), kind: Type.String() }),
  actions: Type.Array(Type.Literal('apply'), {
    description: '当前用户可在此组织办理的事项：apply（登记入团申请，仅本团支部）',
  }),
  counts: Type.Record(Type.String(), Type.Integer(), { description: '各阶段人数' }),
  reminders: Type.Record(Type.String(), Type.Integer(), { description: '各提醒人数' }),
  items: Type.Array(AdmissionReply),
});

const SettingsFields = {
  civicsRequired: Type.Boolean({ description: '要求思政课评价为优秀或良好' }),
  minClassHours: Type.Number({ description: '团课最少学时' }),
  minVolunteerHours: Type.Number({ description: '近12个月志愿服务最少小时' }),
  voteBase: Type.String({ description: '表决基数：attending（实到）/ should_attend（应到）' }),
  quotaJuniorPct: Type.Integer({ description: '初中毕业班团员比例上限 %' }),
  quotaSeniorPct: Type.Integer({ description: '高中毕业班团员比例上限 %' }),
  setBy: Nullable(
    Type.Object({ code: Type.String(), name: Type.String() }, { description: '设置条件的团委；空为默认' }),
  ),
};

export const AdmissionSettingsReply = Type.Object({ org: OrgRef, ...SettingsFields });

export const QuotaListReply = Type.Object({
  items: Type.Array(
    Type.Object({
      org: OrgRef,
      year: Type.Integer(),
      schoolStage: Type.String({ description: 'junior（初中）/ senior（高中）' }),
      graduates: Type.Integer({ description: '毕业班人数' }),
      membersBefore: Type.Integer({ description: '已有团员数' }),
      admitted: Type.Integer({ description: '当年已发展团员数' }),
      capPct: Type.Number({ description: '比例上限 %' }),
      sharePct: Type.Number({ description: '团员比例 %' }),
    }),
  ),
});

const Sponsor = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  id_number_masked: Type.String({ description: '证件号码（遮盖）' }),
  political_status: Type.String({ description: '政治面貌' }),
});

const Evidence = Type.Object(
  {
    kind: Type.String({ description: 'class（团课）/ volunteer（志愿服务）' }),
    code: Type.String(),
    title: Type.String(),
    on: DateString,
    hours: Type.Number(),
    result: Type.Optional(Type.String({ description: '团课考核结果' })),
    counted: Type.Optional(Type.Boolean({ description: '是否计入学时' })),
  },
  { description: '证明条件的记录' },
);

export const AdmissionDetailReply = Type.Object({
  ...AdmissionReply.properties,
  checklist: Type.Object({
    asOf: DateString,
    items: Type.Array(
      Type.Object({
        key: Type.String(),
        label: Type.String(),
        source: Type.String({ description: 'rule（团章规定）/ local（本地设置）' }),
        neededFor: Type.String({ description: '须在哪一阶段前满足：activist / candidate' }),
        met: Type.Boolean(),
        detail: Type.String(),
        evidence: Type.Array(Evidence),
      }),
    ),
  }),
  settings: Type.Object(SettingsFields),
  mentors: Type.Array(Sponsor, { description: '培养联系人' }),
  introducers: Type.Array(Sponsor, { description: '入团介绍人' }),
  timeline: Type.Array(
    Type.Object({
      step: Type.String(),
      label: Type.String(),
      on: DateString,
      by: Nullable(Type.String({ description: '操作人用户名' })),
      note: Nullable(Type.String()),
      at: Type.String({ format: 'date-time' }),
    }),
  ),
  quotaWarning: Nullable(Type.String({ description: '超出毕业班名额的提示' })),
  votingMembers: Nullable(
    Type.Integer({ description: '本支部今日在册团员数（发展对象阶段给出，作支部大会应到会人数的上限）' }),
  ),
  voteCorrectable: Type.Boolean({ description: '支部大会表决是否仍可更正（审批前、或因表决结束）' }),
});

export const AdmissionsExport = FileDownload('发展团员名单（xlsx）');
