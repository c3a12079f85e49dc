import { type Static, Type } from 'typebox';
import { ScopeQuery } from '../services/service-scope.ts';
import { DateString } from '../shared.schemas.ts';

const Program = Type.Union([Type.Literal('助学'), Type.Literal('心理健康'), Type.Literal('其他')], {
  description: '项目',
});
const Yuan = Type.Number({
  exclusiveMinimum: 0,
  maximum: 100_000_000,
  description: '金额（元，最多2位小数）',
});
const OrgCode = Type.String({ minLength: 1, maxLength: 32, description: '组织编码' });

export const AidQuery = Type.Object({ ...ScopeQuery.properties, program: Type.Optional(Program) });
export type AidQuery = Static<typeof AidQuery>;

export const NewDonationBody = Type.Object({
  donor: Type.String({ minLength: 1, maxLength: 100, description: '捐赠方' }),
  donorKind: Type.Union([Type.Literal('单位'), Type.Literal('个人')], { description: '捐赠方类型' }),
  amount: Yuan,
  donatedOn: DateString,
  program: Program,
  orgCode: OrgCode,
  note: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
});
export type NewDonation = Static<typeof NewDonationBody>;

export const NewGrantBody = Type.Object({
  idNumber: Type.String({ minLength: 1, maxLength: 20, description: '受助学生身份证号（须已登记）' }),
  amount: Yuan,
  grantedOn: DateString,
  program: Program,
  orgCode: OrgCode,
  reason: Type.String({ minLength: 1, maxLength: 200, description: '资助原因' }),
  school: Type.String({ minLength: 1, maxLength: 100, description: '就读学校' }),
});
export type NewGrant = Static<typeof NewGrantBody>;

export const DisclosureQuery = Type.Object({
  org: Type.String({ minLength: 1, maxLength: 32 }),
  from: DateString,
  to: DateString,
});
