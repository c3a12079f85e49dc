import { type Static, Type } from 'typebox';
import { Paging } from '../shared.schemas.ts';

const Reason = Type.Union(
  [Type.Literal('study'), Type.Literal('work'), Type.Literal('relocation'), Type.Literal('other')],
  { description: '转接原因：升学 study / 就业 work / 迁居 relocation / 其他 other' },
);

export const NewTransferBody = Type.Object({
  personId: Type.Optional(
    Type.Integer({ minimum: 1, description: '转出组织或团员本人发起时：团员的人员编号' }),
  ),
  idNumber: Type.Optional(
    Type.String({ minLength: 1, maxLength: 20, description: '转入组织发起时：团员的身份证号' }),
  ),
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 50, description: '转入组织发起时：团员姓名' })),
  toOrgCode: Type.String({ minLength: 1, maxLength: 32, description: '转入组织编码' }),
  reason: Reason,
  reasonNote: Type.Optional(Type.String({ maxLength: 200, description: '说明' })),
});
export type NewTransfer = Static<typeof NewTransferBody>;

export const TransfersQuery = Type.Object({
  ...Paging.properties,
  org: Type.Optional(Type.String({ maxLength: 32 })),
  direction: Type.Optional(
    Type.Union([Type.Literal('outgoing'), Type.Literal('incoming')], {
      description: 'outgoing 转出 / incoming 转入',
    }),
  ),
  status: Type.Optional(Type.String({ maxLength: 32 })),
  overdue: Type.Optional(Type.Boolean({ description: '只看超期未办结的' })),
});
export type TransfersQuery = Static<typeof TransfersQuery>;

export const IdParam = Type.Object({ id: Type.Integer({ minimum: 1 }) });

export const AcceptBody = Type.Object({
  branchCode: Type.String({ minLength: 1, maxLength: 32, description: '接收后所在团支部编码' }),
});
export const DeclineBody = Type.Object({
  reason: Type.String({ minLength: 1, maxLength: 200, description: '退回原因' }),
});
