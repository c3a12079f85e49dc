import type { AppContext } from '../../context.ts';
import { nowIso } from '../../db/create-db.ts';
import { ValidationError } from '../../lib/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor } from '../auth/auth.policy.ts';
import { CHANNEL_LABELS, CHANNELS, channelsFromConfig } from './notifications.channels.ts';
import { KIND_LABELS, KINDS } from './notifications.digest.ts';
import {
  findContact,
  findOptOuts,
  findOutbox,
  replaceOptOuts,
  saveContact,
} from './notifications.repository.ts';
import type { PreferencesBody } from './notifications.schemas.ts';

/** A working address, not RFC 5322 in full: one @, a dotted domain, no spaces or angle brackets. */
const EMAIL = /^[^\s@<>()",;:]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;
const OPENID = /^[A-Za-z0-9_-]{6,64}$/;

/** The caller's own contact and opt-outs, with what can be chosen. */
export async function myPreferences(ctx: AppContext, actor: Actor) {
  const contact = await findContact(ctx.db, actor.userId);
  const configured = channelsFromConfig(ctx.config.notify);
  return {
    email: contact?.email ?? null,
    wechatOpenid: contact?.wechat_openid ?? null,
    optOuts: (await findOptOuts(ctx.db, actor.userId)) as PreferencesBody['optOuts'],
    kinds: KINDS.map((kind) => ({ kind, label: KIND_LABELS[kind] })),
    channels: CHANNELS.map((channel) => ({
      channel,
      label: CHANNEL_LABELS[channel],
      configured: configured.has(channel),
    })),
  };
}

/** Sets the caller's contact and opt-outs whole; a bad address changes nothing. */
export async function savePreferences(ctx: AppContext, actor: Actor, body: PreferencesBody) {
  const email = body.email?.trim() || null;
  const wechatOpenid = body.wechatOpenid?.trim() || null;
  if (email && !EMAIL.test(email))
    throw ValidationError.field('email', email, '电子邮箱格式不正确，应形如 name@example.cn');
  if (wechatOpenid && !OPENID.test(wechatOpenid))
    throw ValidationError.field(
      'wechatOpenid',
      wechatOpenid,
      '微信 openid 应为 6 至 64 位字母、数字、下划线或连字符',
    );
  const optOuts = [...new Map(body.optOuts.map((o) => [`${o.kind}:${o.channel}`, o])).values()].sort((a, b) =>
    `${a.kind}:${a.channel}`.localeCompare(`${b.kind}:${b.channel}`),
  );
  const before = await myPreferences(ctx, actor);
  // Saving what is already there writes nothing (and leaves no audit entry).
  if (
    before.email === email &&
    before.wechatOpenid === wechatOpenid &&
    JSON.stringify(before.optOuts) === JSON.stringify(optOuts)
  )
    return before;
  const now = nowIso();
  await ctx.db.transaction().execute(async (trx) => {
    await saveContact(trx, actor.userId, { email, wechat_openid: wechatOpenid }, now);
    await replaceOptOuts(trx, actor.userId, optOuts, now);
    // The addresses stay out of the audit log: what changed is enough to answer "who turned my reminders off".
    await recordAudit(trx, actor, {
      action: 'update',
      entity: 'notification_preferences',
      entityId: actor.userId,
      org: { path: actor.orgPath, code: actor.orgCode },
      summary: `${actor.username} 修改消息提醒设置`,
      detail: { email: email !== null, wechat: wechatOpenid !== null, optOuts },
    });
  });
  return myPreferences(ctx, actor);
}

/** The outbox of the users in the caller's reach, newest first (the last 200). */
export async function listOutbox(ctx: AppContext, actor: Actor, filter: { state?: string }) {
  const rows = await findOutbox(ctx.db, actor.scopePath, { ...filter, limit: 200 });
  return {
    items: rows.map((r) => ({
      id: r.id,
      recipient: `${r.display_name}（${r.username}）`,
      orgName: r.org_name,
      channel: r.channel,
      kind: r.kind,
      subject: r.subject,
      state: r.state,
      attempts: r.attempts,
      nextAttemptAt: r.state === 'failed' ? r.next_attempt_at : null,
      lastError: r.last_error,
      createdAt: r.created_at,
      sentAt: r.sent_at,
    })),
  };
}
