import { type Static, Type } from 'typebox';
import { DateString, FileDownload, Nullable, ScopeQuery } from '../shared.schemas.ts';
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

// ---- Replies (issue 12: only declared fields are serialised) ----

const Yuan = (description: string) => Type.Number({ description: `${description}（元）` });

export const FundListReply = Type.Object({
  total: Type.Integer(),
  amount: Yuan('合计'),
  byProgram: Type.Record(Type.String(), Type.Number(), { description: '按项目汇总（元）' }),
  bySource: Type.Record(Type.String(), Type.Number(), { description: '按来源汇总（元）' }),
  items: Type.Array(
    Type.Object({
      id: Type.Integer(),
      code: Type.String({ description: '经费编号' }),
      program: Type.String({ description: '项目' }),
      source: Type.String({ description: '来源' }),
      amount: Yuan('金额'),
      receivedOn: DateString,
      purpose: Nullable(Type.String({ description: '用途' })),
      org: Type.Object({ code: Type.String({ description: '组织编码' }), name: Type.String() }),
    }),
  ),
});

export const FundCreatedReply = Type.Object({
  id: Type.Integer(),
  code: Type.String({ description: '经费编号' }),
});

export const FundsExport = FileDownload('经费（xlsx）');
