import { type Static, Type } from 'typebox';
import { DateString } from '../shared.schemas.ts';

export const AdmissionIdParam = Type.Object({ id: Type.Integer({ minimum: 1 }) });

export const AdmissionsQuery = Type.Object({
  org: Type.Optional(Type.String({ maxLength: 32, description: '组织编码；缺省为本级' })),
  status: Type.Optional(
    Type.Union(
      ['applied', 'activist', 'candidate', 'admitted', 'rejected', 'withdrawn'].map((s) => Type.Literal(s)),
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
});
export type VoteInput = Static<typeof VoteBody>;

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
