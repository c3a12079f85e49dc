import type { AppContext } from '../context.ts';
import { nowIso } from '../db/create-db.ts';
import { localDateOf } from '../lib/dates.ts';
import { insertMessages, saveContact } from '../modules/notifications/notifications.repository.ts';

/** The demo account who chose 短信 for his reminders, and whose message of yesterday failed (消息发送记录). */
export const DEMO_SMS_USER = 'dh_school';

/**
 * The demo's staff get an e-mail address on the reserved `.example` domain, so their daily 待办 digest is queued
 * and, with the file channel `npm start` sets up, lands in `<data folder>/notifications/email.jsonl`. The county
 * school's clerk chose SMS as well (a number of the 139 0000 test range); yesterday's text to him failed for good,
 * so that the administrator's 消息发送记录 shows a 失败 to 重新发送 — which the file adapter then delivers to
 * `sms.jsonl`.
 */
export async function seedNotificationsDemo(ctx: AppContext, usernames: readonly string[]): Promise<void> {
  const users = await ctx.db
    .selectFrom('users')
    .select(['id', 'username'])
    .where('username', 'in', [...usernames])
    .execute();
  const now = nowIso();
  for (const user of users) {
    await saveContact(
      ctx.db,
      user.id,
      {
        email: `${user.username}@demo.example`,
        wechat_openid: null,
        phone: user.username === DEMO_SMS_USER ? '13900000001' : null,
      },
      now,
    );
  }
  const sms = users.find((u) => u.username === DEMO_SMS_USER);
  if (!sms) return;
  const yesterday = new Date(Date.now() - 24 * 3_600_000);
  const day = localDateOf(yesterday);
  const at = yesterday.toISOString();
  await insertMessages(ctx.db, [
    {
      user_id: sms.id,
      channel: 'sms',
      kind: 'todo_digest',
      subject: `【团务】${day} 待办 3 件`,
      body: '【团务】您有待办 3 件（2 类），请登录查看：/admin/todo 退订请在“通知设置”中修改',
      dedupe_key: `todo_digest:${sms.id}:sms:${day}`,
      next_attempt_at: at,
      created_at: at,
    },
  ]);
  // Six attempts refused by the gateway, the last an hour after the first (the sender's back-off): 已放弃.
  await ctx.db
    .updateTable('notifications')
    .set({
      state: 'abandoned',
      attempts: 6,
      last_error: '短信网关无应答（连接超时）',
      next_attempt_at: new Date(yesterday.getTime() + 31 * 60_000).toISOString(),
    })
    .where('dedupe_key', '=', `todo_digest:${sms.id}:sms:${day}`)
    .execute();
}
