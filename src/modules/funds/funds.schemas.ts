import { type Static, Type } from 'typebox';
import { ScopeQuery } from '../services/service-scope.ts';
import { DateString } from '../shared.schemas.ts';
import { FUND_PROGRAMS, FUND_SOURCES } from './funds.labels.ts';

const Program = Type.Enum(FUND_PROGRAMS, { description: '项目' });
const Source = Type.Enum(FUND_SOURCES, { description: '来源' });

export const FundQuery = Type.Object({
  ...ScopeQuery.properties,
  program: Type.Optional(Program),
  source: Type.Optional(Source),
});
export type FundQuery = Static<typeof FundQuery>;

export const NewFundBody = Type.Object({
  program: Program,
  source: Source,
  amount: Type.Number({ exclusiveMinimum: 0, maximum: 1_000_000_000, description: '金额（元）' }),
  receivedOn: DateString,
  orgCode: Type.String({ minLength: 1, maxLength: 32 }),
  purpose: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
});
export type NewFund = Static<typeof NewFundBody>;
