import { type Static, Type } from 'typebox';
import { NOTIFICATION_STATES } from '../../shared/labels.ts';

const Channel = Type.Union([Type.Literal('email'), Type.Literal('wechat'), Type.Literal('sms')], {
  description: '发送通道：email 电子邮件，wechat 微信模板消息，sms 短信',
});
const Kind = Type.Literal('todo_digest', { description: '提醒种类：todo_digest 每日待办摘要' });

export const OptOut = Type.Object({ kind: Kind, channel: Channel });

/** A contact field: absent keeps what is on file (the page shows it masked and never has it whole). */
const Contact = (maxLength: number, description: string) =>
  Type.Optional(Type.Union([Type.String({ maxLength }), Type.Null()], { description }));

export const PreferencesBody = Type.Object({
  email: Contact(254, '接收提醒的电子邮箱；null 或空为清除，不传为不改'),
  wechatOpenid: Contact(64, '接收微信模板消息的 openid；null 或空为清除，不传为不改'),
  phone: Contact(20, '接收短信的手机号码（11 位）；null 或空为清除，不传为不改'),
  optOuts: Type.Array(OptOut, { maxItems: 20, description: '退订的（种类，通道）' }),
});
export type PreferencesBody = Static<typeof PreferencesBody>;

const Masked = (description: string) => Type.Union([Type.String(), Type.Null()], { description });

export const PreferencesReply = Type.Object({
  email: Masked('电子邮箱（脱敏，如 cl***@example.cn）；null 为未填'),
  wechatOpenid: Masked('微信 openid（脱敏）；null 为未填'),
  phone: Masked('手机号码（脱敏，如 139****0001）；null 为未填'),
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

const STATE_WORDS = Object.entries(NOTIFICATION_STATES)
  .map(([code, label]) => `${code} ${label}`)
  .join(' / ');
const State = Type.Union(
  Object.keys(NOTIFICATION_STATES).map((s) => Type.Literal(s)),
  { description: STATE_WORDS },
);

export const OutboxQuery = Type.Object({
  state: Type.Optional(State),
});

export const OutboxMessage = Type.Object({
  id: Type.Integer(),
  recipient: Type.String({ description: '接收人（姓名与用户名；不含联系方式）' }),
  orgName: Type.String(),
  channel: Type.String(),
  kind: Type.String(),
  subject: Type.String({ description: '标题（只含待办数目，不含个人信息；正文不返回）' }),
  state: Type.String({ description: STATE_WORDS }),
  attempts: Type.Integer(),
  nextAttemptAt: Type.Union([Type.String(), Type.Null()], { description: '待发送或重试中时，下次发送时间' }),
  lastError: Type.Union([Type.String(), Type.Null()], { description: '最近一次失败的原因（已脱敏）' }),
  createdAt: Type.String(),
  sentAt: Type.Union([Type.String(), Type.Null()]),
});

export const OutboxReply = Type.Object({ items: Type.Array(OutboxMessage) });

export const OutboxParams = Type.Object({ id: Type.Integer({ minimum: 1, description: '消息编号' }) });
