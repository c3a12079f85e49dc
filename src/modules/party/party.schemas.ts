import { type Static, Type } from 'typebox';
import { DateString } from '../shared.schemas.ts';

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
