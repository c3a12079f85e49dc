import { type Static, Type } from 'typebox';
import { DateString, FileDownload, Nullable } from '../shared.schemas.ts';

export const PartyCaseIdParam = Type.Object({ id: Type.Integer({ minimum: 1 }) });
export const PartyQuery = Type.Object({ org: Type.Optional(Type.String({ maxLength: 32 })) });

export const ScreenBody = Type.Object({
  personId: Type.Integer({ minimum: 1 }),
  orgCode: Type.String({ minLength: 1, maxLength: 32, description: '团支部' }),
  partyAppliedOn: DateString,
  screenedOn: DateString,
  stage: Type.String({ maxLength: 10, description: '入党积极分子 / 发展对象' }),
});
export type ScreenInput = Static<typeof ScreenBody>;

export const ProposeBody = Type.Object({ on: DateString });

export const BallotBody = Type.Object({
  on: DateString,
  shouldAttend: Type.Integer({ minimum: 1, maximum: 10_000 }),
  attended: Type.Integer({ minimum: 0, maximum: 10_000 }),
  yes: Type.Integer({ minimum: 0, maximum: 10_000 }),
});
export type BallotInput = Static<typeof BallotBody>;

export const OutcomeBody = Type.Object({
  outcome: Type.String({
    maxLength: 10,
    description: '已推荐 / 已列为积极分子 / 已列为发展对象 / 已入党 / 未通过',
  }),
});

// ---- Replies (issue 12: only declared fields are serialised; the identity number only masked) ----

const OrgRef = Type.Object({ code: Type.String({ description: '组织编码' }), name: Type.String() });
const PersonRef = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  idNumberMasked: Type.String({ description: '证件号码（脱敏）' }),
});

export const PartyCaseReply = Type.Object({
  id: Type.Integer(),
  person: PersonRef,
  org: OrgRef,
  partyAppliedOn: DateString,
  stage: Type.String({ description: '入党积极分子 / 发展对象' }),
  screenedOn: DateString,
  proposedOn: Nullable(DateString),
  ballot: Nullable(
    Type.Object(
      {
        on: DateString,
        shouldAttend: Nullable(Type.Integer({ description: '应到会人数' })),
        attended: Nullable(Type.Integer({ description: '实到人数' })),
        yes: Nullable(Type.Integer({ description: '赞成票' })),
      },
      { description: '团员大会无记名投票' },
    ),
  ),
  status: Type.String({ description: 'screened / proposed / recommended / not_recommended' }),
  outcome: Nullable(Type.String({ description: '党组织处理结果' })),
});

export const PartyListReply = Type.Object({
  org: OrgRef,
  cases: Type.Array(PartyCaseReply, { description: '推优程序' }),
  recommendations: Type.Array(
    Type.Object({
      id: Type.Integer(),
      person: PersonRef,
      org: OrgRef,
      recommendedOn: DateString,
      stage: Type.String({ description: '入党积极分子 / 发展对象' }),
      outcome: Nullable(Type.String({ description: '党组织处理结果' })),
    }),
    { description: '推优入党台账' },
  ),
});

export const PartyExport = FileDownload('推优入党台账（xlsx）');
