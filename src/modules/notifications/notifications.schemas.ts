import { type Static, Type } from 'typebox';

const Channel = Type.Union([Type.Literal('email'), Type.Literal('wechat')], {
  description: '发送通道：email 电子邮件，wechat 微信模板消息',
});
const Kind = Type.Literal('todo_digest', { description: '提醒种类：todo_digest 每日待办摘要' });

export const OptOut = Type.Object({ kind: Kind, channel: Channel });

export const PreferencesBody = Type.Object({
  email: Type.Union([Type.String({ maxLength: 254 }), Type.Null()], {
    description: '接收提醒的电子邮箱；null 或空为不填',
  }),
  wechatOpenid: Type.Union([Type.String({ maxLength: 64 }), Type.Null()], {
    description: '接收微信模板消息的 openid；null 或空为不填',
  }),
  optOuts: Type.Array(OptOut, { maxItems: 20, description: '退订的（种类，通道）' }),
});
export type PreferencesBody = Static<typeof PreferencesBody>;

export const PreferencesReply = Type.Object({
  email: Type.Union([Type.String(), Type.Null()]),
  wechatOpenid: Type.Union([Type.String(), Type.Null()]),
  optOuts: Type.Array(OptOut),
  kinds: Type.Array(Type.Object({ kind: Type.String(), label: Type.String() }), {
    description: '可退订的提醒种类',
  }),
  channels: Type.Array(
    Type.Object({
      channel: Type.String(),
      label: Type.String(),
      configured: Type.Boolean({ description: '本系统是否已配置该通道' }),
    }),
  ),
});

export const OutboxQuery = Type.Object({
  state: Type.Optional(
    Type.Union(
      ['pending', 'sending', 'sent', 'failed', 'abandoned'].map((s) => Type.Literal(s)),
      { description: '按状态筛选' },
    ),
  ),
});

export const OutboxReply = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.Integer(),
      recipient: Type.String({ description: '接收人（姓名与用户名；不含联系方式）' }),
      orgName: Type.String(),
      channel: Type.String(),
      kind: Type.String(),
      subject: Type.String(),
      state: Type.String({
        description: 'pending 待发送 / sending 发送中 / sent 已发送 / failed 失败 / abandoned 已放弃',
      }),
      attempts: Type.Integer(),
      nextAttemptAt: Type.Union([Type.String(), Type.Null()], { description: '失败后下次重试时间' }),
      lastError: Type.Union([Type.String(), Type.Null()]),
      createdAt: Type.String(),
      sentAt: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
});
