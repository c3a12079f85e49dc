import type { AppContext } from '../../context.ts';
import { nowIso } from '../../db/create-db.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../lib/errors.ts';
import { maskPhone, PHONE_PATTERN } from '../../lib/text.ts';
import { NOTIFICATION_STATES } from '../../shared/labels.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor } from '../auth/auth.policy.ts';
import { CHANNEL_LABELS, CHANNELS, channelsFromConfig } from './notifications.channels.ts';
import { KIND_LABELS, KINDS } from './notifications.digest.ts';
import {
  findContact,
  findOptOuts,
  findOutbox,
  findOutboxMessage,
  replaceOptOuts,
  requeueMessage,
  saveContact,
} from './notifications.repository.ts';
import type { PreferencesBody } from './notifications.schemas.ts';

/** A working address, not RFC 5322 in full: one @, a dotted domain, no spaces or angle brackets. */
const EMAIL = /^[^\s@<>()",;:]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;
const OPENID = /^[A-Za-z0-9_-]{6,64}$/;

/** `cl***@example.cn`: enough for the owner to recognise his address, not enough to read it off a screen. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  return `${email.slice(0, Math.min(2, Math.max(1, at - 1)))}***${email.slice(at)}`;
}

/** `oWx-****ab`: the first 4 and last 2 of an openid. */
export function maskOpenid(openid: string): string {
  return `${openid.slice(0, 4)}****${openid.slice(-2)}`;
}

/**
 * The caller's own contacts (masked: the settings page is shown on shared office screens, and the page never
 * needs them whole — a change is typed anew) and opt-outs, with what can be chosen.
 */
export async function myPreferences(ctx: AppContext, actor: Actor) {
  const contact = await findContact(ctx.db, actor.userId);
  const configured = channelsFromConfig(ctx.config.notify);
  return {
    email: contact?.email ? maskEmail(contact.email) : null,
    wechatOpenid: contact?.wechat_openid ? maskOpenid(contact.wechat_openid) : null,
    phone: contact?.phone ? maskPhone(contact.phone) : null,
    optOuts: (await findOptOuts(ctx.db, actor.userId)) as PreferencesBody['optOuts'],
    kinds: KINDS.map((kind) => ({ kind, label: KIND_LABELS[kind] })),
    channels: CHANNELS.map((channel) => ({
      channel,
      label: CHANNEL_LABELS[channel],
      configured: configured.has(channel),
    })),
  };
}

/** A contact as typed: trimmed, empty = cleared, absent = unchanged; a malformed one refused. */
function contactOf(
  field: string,
  given: string | null | undefined,
  kept: string | null,
  valid: (v: string) => boolean,
  message: string,
): string | null {
  if (given === undefined) return kept;
  const value = given?.trim() || null;
  if (value && !valid(value)) throw ValidationError.field(field, value, message);
  return value;
}

/** Sets the caller's contacts (those given) and opt-outs (whole); a bad address changes nothing. */
export async function savePreferences(ctx: AppContext, actor: Actor, body: PreferencesBody) {
  const kept = await findContact(ctx.db, actor.userId);
  const email = contactOf(
    'email',
    body.email,
    kept?.email ?? null,
    (v) => EMAIL.test(v),
    '电子邮箱格式不正确，应形如 name@example.cn',
  );
  const wechatOpenid = contactOf(
    'wechatOpenid',
    body.wechatOpenid,
    kept?.wechat_openid ?? null,
    (v) => OPENID.test(v),
    '微信 openid 应为 6 至 64 位字母、数字、下划线或连字符',
  );
  const phone = contactOf(
    'phone',
    body.phone?.replace(/[\s-]/g, ''),
    kept?.phone ?? null,
    (v) => PHONE_PATTERN.test(v),
    '手机号码应为 11 位数字，以 1 开头',
  );
  const optOuts = [...new Map(body.optOuts.map((o) => [`${o.kind}:${o.channel}`, o])).values()].sort((a, b) =>
    `${a.kind}:${a.channel}`.localeCompare(`${b.kind}:${b.channel}`),
  );
  const before = await findOptOuts(ctx.db, actor.userId);
  // Saving what is already there writes nothing (and leaves no audit entry).
  if (
    (kept?.email ?? null) === email &&
    (kept?.wechat_openid ?? null) === wechatOpenid &&
    (kept?.phone ?? null) === phone &&
    JSON.stringify(before) === JSON.stringify(optOuts)
  )
    return myPreferences(ctx, actor);
  const now = nowIso();
  await ctx.db.transaction().execute(async (trx) => {
    await saveContact(trx, actor.userId, { email, wechat_openid: wechatOpenid, phone }, now);
    await replaceOptOuts(trx, actor.userId, optOuts, now);
    // The addresses stay out of the audit log: what changed is enough to answer "who turned my reminders off".
    await recordAudit(trx, actor, {
      action: 'update',
      entity: 'notification_preferences',
      entityId: actor.userId,
      org: { path: actor.orgPath, code: actor.orgCode },
      summary: `${actor.username} 修改通知设置`,
      detail: {
        email: email !== null,
        wechat: wechatOpenid !== null,
        sms: phone !== null,
        changed: [
          ...((kept?.email ?? null) !== email ? ['email'] : []),
          ...((kept?.wechat_openid ?? null) !== wechatOpenid ? ['wechat'] : []),
          ...((kept?.phone ?? null) !== phone ? ['sms'] : []),
        ],
        optOuts,
      },
    });
  });
  return myPreferences(ctx, actor);
}

type OutboxRow = Awaited<ReturnType<typeof findOutbox>>[number];

/** A message as the outbox shows it: its title and state, never its body or the recipient's address. */
function presentMessage(r: OutboxRow) {
  return {
    id: r.id,
    recipient: `${r.display_name}（${r.username}）`,
    orgName: r.org_name,
    channel: r.channel,
    kind: r.kind,
    subject: r.subject,
    state: r.state,
    attempts: r.attempts,
    nextAttemptAt: r.state === 'failed' || r.state === 'pending' ? r.next_attempt_at : null,
    lastError: r.last_error,
    createdAt: r.created_at,
    sentAt: r.sent_at,
  };
}

/** The outbox of the users in the caller's reach, newest first (the last 200). */
export async function listOutbox(ctx: AppContext, actor: Actor, filter: { state?: string }) {
  const rows = await findOutbox(ctx.db, actor.scopePath, { ...filter, limit: 200 });
  return { items: rows.map(presentMessage) };
}

/**
 * 重新发送: a failed or given-up message in the caller's reach goes back in the queue, due now; the sender job
 * (every minute) sends it. One outside the reach is not found; one waiting, being sent or sent is refused, so a
 * message is never sent twice by a double click.
 */
export async function resendMessage(ctx: AppContext, actor: Actor, id: number) {
  const message = await findOutboxMessage(ctx.db, id, actor.scopePath);
  if (!message) throw new NotFoundError('消息不存在或不在您的管辖范围内');
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await requeueMessage(trx, id, nowIso())))
      throw new ConflictError(
        `该消息${NOTIFICATION_STATES[message.state as keyof typeof NOTIFICATION_STATES] ?? message.state}，只有失败或重试中的消息可以重新发送`,
      );
    await recordAudit(trx, actor, {
      action: 'update',
      entity: 'notification',
      entityId: id,
      org: { path: message.org_path, code: message.org_code },
      summary: `${actor.username} 重新发送给 ${message.username} 的消息 #${id}`,
      detail: { channel: message.channel, kind: message.kind, from: message.state },
    });
  });
  const [row] = await findOutbox(ctx.db, actor.scopePath, { id, limit: 1 });
  return presentMessage(row!);
}
