import type { AppContext } from '../context.ts';
import { nowIso } from '../db/create-db.ts';
import { saveContact } from '../modules/notifications/notifications.repository.ts';

/**
 * The demo's staff get an e-mail address on the reserved `.example` domain, so their daily 待办 digest is queued
 * and, with the file channel `npm start` sets up, lands in `<data folder>/notifications/email.jsonl`.
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
        phone: null,
      },
      now,
    );
  }
}
