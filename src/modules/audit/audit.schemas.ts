import { type Static, Type } from 'typebox';
import { DateString, Nullable, Paging } from '../shared.schemas.ts';

export const AuditQuery = Type.Object({
  ...Paging.properties,
  action: Type.Optional(Type.String({ maxLength: 32 })),
  username: Type.Optional(Type.String({ maxLength: 64 })),
  entity: Type.Optional(Type.String({ maxLength: 32 })),
  from: Type.Optional(DateString),
  to: Type.Optional(DateString),
});
export type AuditQuery = Static<typeof AuditQuery>;

/** An entry as the log page shows it: never its detail (the request's changes) nor the org path. */
export const AuditListReply = Type.Object({
  total: Type.Integer({ description: '符合条件的总数' }),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  items: Type.Array(
    Type.Object({
      id: Type.Integer(),
      at: Type.String({ format: 'date-time', description: '发生时间' }),
      username: Nullable(Type.String({ description: '操作人用户名（手机号形式的已脱敏）；系统操作为 null' })),
      action: Type.String({ description: '操作：create / update / export / reveal / login 等' }),
      actionLabel: Type.String({ description: '操作（中文）' }),
      entity: Nullable(Type.String({ description: '对象类型' })),
      entityLabel: Nullable(Type.String({ description: '对象类型（中文）' })),
      entityId: Nullable(Type.String({ description: '对象编号' })),
      orgCode: Nullable(Type.String({ description: '所属组织编码' })),
      summary: Nullable(Type.String({ description: '摘要（不含完整证件号码与手机号）' })),
      ip: Nullable(Type.String({ description: '来源地址' })),
    }),
  ),
});
