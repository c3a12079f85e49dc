import type { AppContext } from '../../context.ts';
import { localDateOf } from '../../lib/dates.ts';
import { NOTIFICATION_KINDS } from '../../shared/labels.ts';
import { actorForUser } from '../auth/auth.service.ts';
import type { TodoItem } from '../todo/todo.schemas.ts';
import { listTodo } from '../todo/todo.service.ts';
import type { ChannelName } from './notifications.channels.ts';
import { findReachableUsers, insertMessages, type QueuedMessage } from './notifications.repository.ts';

/** The kinds of reminder a user can opt out of (per channel); labels in src/shared/labels.ts. */
export type NotificationKind = keyof typeof NOTIFICATION_KINDS;
export const KINDS = Object.keys(NOTIFICATION_KINDS) as NotificationKind[];
export const KIND_LABELS: Record<NotificationKind, string> = NOTIFICATION_KINDS;

/** Not before 07:00 Beijing time (TUANWU_DIGEST_HOUR): a digest is read at the start of the working day. */
export const DIGEST_FROM_HOUR = 7;

/**
 * The digest's text: the to-do centre's own items for the user (listTodo: the same counts as the badge and the
 * pages), each with the page where it is done. Titles and counts only, so no personal data is in it.
 */
export function digestMessage(
  items: TodoItem[],
  day: string,
  publicUrl: string | undefined,
  channel: ChannelName = 'email',
): { subject: string; body: string } {
  const total = items.reduce((sum, item) => sum + item.count, 0);
  const base = `${publicUrl ?? ''}/admin`;
  // A text message is one short line: the total and where to read the list.
  if (channel === 'sms')
    return {
      subject: `【团务】${day} 待办 ${total} 件`,
      body: `【团务】您有待办 ${total} 件（${items.length} 类），请登录查看：${base}/todo 退订请在“通知设置”中修改`,
    };
  const lines = items.map((item) => `· ${item.title}：${item.count} 件  ${base}${item.link}`);
  return {
    subject: `【团务】${day} 待办 ${total} 件`,
    body: [
      `您好，截至 ${day}，您的管辖范围内有以下事项等待办理：`,
      '',
      ...lines,
      '',
      `登录后在“待办”中查看全部：${base}/todo`,
      '不想再收到此类提醒，可在“通知设置”中退订。',
    ].join('\n'),
  };
}

/**
 * Queues today's digest for every active user with a contact and work waiting, on each channel he has an
 * address for and has not opted out of. Run hourly by the scheduler: the dedupe key (kind, user, channel, day)
 * makes the second run of the day, or a second process, queue nothing. The number queued.
 */
export async function queueDigests(ctx: AppContext, now = new Date()): Promise<number> {
  const beijingHour = (now.getUTCHours() + 8) % 24;
  if (beijingHour < (ctx.config.notify?.digestFromHour ?? DIGEST_FROM_HOUR)) return 0;
  const day = localDateOf(now);
  const { users, optOuts } = await findReachableUsers(ctx.db);
  let queued = 0;
  for (const user of users) {
    const addressed: ChannelName[] = [];
    if (user.email) addressed.push('email');
    if (user.wechat_openid) addressed.push('wechat');
    if (user.phone) addressed.push('sms');
    const channels = addressed.filter(
      (channel) =>
        !optOuts.some((o) => o.user_id === user.id && o.kind === 'todo_digest' && o.channel === channel),
    );
    if (channels.length === 0) continue;
    const actor = await actorForUser(ctx, user.id);
    if (!actor) continue;
    const { items } = await listTodo(ctx, actor);
    if (items.length === 0) continue;
    const rows: QueuedMessage[] = channels.map((channel) => ({
      user_id: user.id,
      channel,
      kind: 'todo_digest',
      ...digestMessage(items, day, ctx.config.publicUrl, channel),
      dedupe_key: `todo_digest:${user.id}:${channel}:${day}`,
      next_attempt_at: now.toISOString(),
      created_at: now.toISOString(),
    }));
    queued += await insertMessages(ctx.db, rows);
  }
  return queued;
}
