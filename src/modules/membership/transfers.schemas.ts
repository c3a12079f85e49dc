import { type Static, Type } from 'typebox';
import { IdTypeSchema } from '../people/people.schemas.ts';
import { DateString, FileDownload, Nullable, Paging } from '../shared.schemas.ts';
import { MaskedMemberReply, OrgRefReply, OwnOrgReply } from './membership.schemas.ts';

const Reason = Type.Union(
  [Type.Literal('study'), Type.Literal('work'), Type.Literal('relocation'), Type.Literal('other')],
  { description: '转接原因：升学 study / 就业 work / 迁居 relocation / 其他 other' },
);

export const NewTransferBody = Type.Object({
  personId: Type.Optional(
    Type.Integer({ minimum: 1, description: '转出组织或团员本人发起时：团员的人员编号' }),
  ),
  idType: Type.Optional(IdTypeSchema),
  idNumber: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 24,
      description: '转入组织发起时：团员的证件号码（按 idType 核对；不填 idType 时由号码判断）',
    }),
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

/** A transfer as one side sees it (transfers.presenter.ts): across counties each side sees only its own part. */
export const TransferReply = Type.Object({
  id: Type.Integer(),
  side: Type.String({ description: '调用者所在一方：outgoing 转出 / incoming 转入 / both 两方都管' }),
  status: Type.String({
    description:
      '状态：pending_release 待转出 / pending_acceptance 待接收 / accepted 已接收 / declined 已退回 / cancelled 已撤回',
  }),
  reason: Type.String({ description: '转接原因：study / work / relocation / other' }),
  reasonNote: Nullable(Type.String({ description: '原因说明' })),
  initiatedBy: Type.String({ description: '发起方：sender 转出组织 / receiver 转入组织 / member 团员本人' }),
  person: MaskedMemberReply,
  fromOrg: OrgRefReply,
  toOrg: OrgRefReply,
  assignedBranch: Nullable(OwnOrgReply),
  startedOn: DateString,
  releasedOn: Nullable(DateString),
  decidedOn: Nullable(DateString),
  declineReason: Nullable(Type.String({ description: '退回原因' })),
  startedBy: Nullable(Type.String({ description: '发起人用户名；对方县发起的为 null' })),
  decidedBy: Nullable(Type.String({ description: '办结人用户名；对方县办结的为 null' })),
  overdue: Type.Boolean({ description: '超过 30 天未办结' }),
  actions: Type.Object(
    {
      release: Type.Boolean(),
      accept: Type.Boolean(),
      decline: Type.Boolean(),
      cancel: Type.Boolean(),
    },
    { description: '调用者现在可办理的操作' },
  ),
});

export const TransferListReply = Type.Object({
  items: Type.Array(TransferReply),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  hasMore: Type.Boolean({ description: '是否还有下一页' }),
});

export const TransfersExport = FileDownload('组织关系转接（xlsx，证件号码脱敏）');

export const DestinationsQuery = Type.Object({
  q: Type.String({ minLength: 1, maxLength: 50, description: '转入组织名称或编码中的字' }),
});
export type DestinationsQuery = Static<typeof DestinationsQuery>;

export const DestinationsReply = Type.Object({
  within: Nullable(
    Type.Object({ code: Type.String(), name: Type.String() }, { description: '搜索范围：本人所在县' }),
  ),
  items: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      kind: Type.String({ description: '组织类型' }),
      parentName: Nullable(Type.String({ description: '上级组织名称' })),
    }),
    { description: '最多 20 个' },
  ),
});
