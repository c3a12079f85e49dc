import { type Static, Type } from 'typebox';
import { DateString, FileDownload, Nullable } from '../shared.schemas.ts';
import { OwnOrgReply } from './membership.schemas.ts';

export const Month = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: '月份 YYYY-MM' });

export const DuesQuery = Type.Object({
  org: Type.Optional(Type.String({ maxLength: 32 })),
  month: Type.Optional(Month),
});
export type DuesQuery = Static<typeof DuesQuery>;

export const ArrearsQuery = Type.Object({
  org: Type.Optional(Type.String({ maxLength: 32 })),
  year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
});
export type ArrearsQuery = Static<typeof ArrearsQuery>;

export const PersonIdParam = Type.Object({ personId: Type.Integer({ minimum: 1 }) });

export const BasisBody = Type.Object({
  category: Type.Union(
    [Type.Literal('student'), Type.Literal('unemployed'), Type.Literal('farmer'), Type.Literal('salaried')],
    { description: '缴费类别：学生 / 无业 / 农民 / 工薪' },
  ),
  monthlyIncome: Type.Optional(
    Type.String({ maxLength: 20, description: '工薪团员的月净收入（元，最多两位小数）' }),
  ),
});
export type BasisInput = Static<typeof BasisBody>;

export const PaymentsBody = Type.Object({
  branchCode: Type.String({ minLength: 1, maxLength: 32, description: '团支部编码' }),
  month: Month,
  paidOn: DateString,
  items: Type.Array(
    Type.Object({
      personId: Type.Integer({ minimum: 1 }),
      amountFen: Type.Optional(
        Type.Integer({ minimum: 1, maximum: 1_000_000, description: '实缴金额（分）' }),
      ),
    }),
    { minItems: 1, maxItems: 500 },
  ),
});
export type PaymentsInput = Static<typeof PaymentsBody>;

const Fen = (description: string) => Type.Integer({ description: `${description}（分）` });

export const DuesBasisReply = Type.Object({
  personId: Type.Integer({ description: '人员编号' }),
  category: Type.String({ description: '缴费类别：student / unemployed / farmer / salaried' }),
  monthlyIncomeFen: Nullable(Fen('工薪团员的月净收入')),
  amountFen: Fen('每月应缴'),
});

export const DuesListReply = Type.Object({
  month: Type.String({ description: '月份 YYYY-MM' }),
  items: Type.Array(
    Type.Object({
      personId: Type.Integer({ description: '人员编号' }),
      name: Type.String({ description: '姓名' }),
      branch: OwnOrgReply,
      category: Nullable(Type.String({ description: '缴费类别；未核定为 null' })),
      amountFen: Nullable(Fen('每月应缴；未核定为 null')),
      paidFen: Nullable(Fen('本月实缴；未缴为 null')),
      paidOn: Nullable(DateString),
    }),
  ),
});

export const PaymentsRecordedReply = Type.Object({
  recorded: Type.Integer({ description: '登记的笔数' }),
  totalFen: Fen('合计金额'),
});

export const ArrearsListReply = Type.Object({
  year: Type.Integer({ description: '年度' }),
  items: Type.Array(
    Type.Object({
      personId: Type.Integer({ description: '人员编号' }),
      name: Type.String({ description: '姓名' }),
      branch: OwnOrgReply,
      unpaidMonths: Type.Array(Type.String(), { description: '欠缴的月份 YYYY-MM' }),
      amountFen: Nullable(Fen('每月应缴；未核定为 null')),
      owedFen: Nullable(Fen('欠缴合计；未核定为 null')),
    }),
  ),
});

export const ArrearsExport = FileDownload('欠缴团费名单（xlsx）');
