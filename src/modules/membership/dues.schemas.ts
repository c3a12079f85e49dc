import { type Static, Type } from 'typebox';
import { DateString } from '../shared.schemas.ts';

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
