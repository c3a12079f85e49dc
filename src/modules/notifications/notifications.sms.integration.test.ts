import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseNotify } from '../../config.ts';
import { createTestContext, DIALECTS, type TestContext } from '../../test/db.ts';
import { buildOrg, buildUser } from '../../test/factories.ts';
import { sentMessages } from '../../test/notification-files.ts';
import { channelsFromConfig } from './notifications.channels.ts';
import { queueDigests } from './notifications.digest.ts';
import { replaceOptOuts, saveContact } from './notifications.repository.ts';
import { sendDue } from './notifications.sender.ts';

/**
 * Issue 15, the SMS channel: a user who chose 短信 gets his digest through the same adapter interface as WeChat,
 * the file adapter set up by TUANWU_NOTIFY_DIR and TUANWU_SMS_ADAPTER=file: written once, retried with back-off
 * when the adapter fails, and not sent once he opts out.
 */
for (const dialect of DIALECTS) {
  describe(`SMS reminders through the file adapter (${dialect})`, () => {
    let ctx: TestContext;
    let folder: string;
    // 09:00 in Beijing: digests are queued from 07:00.
    const morning = new Date('2026-12-03T01:00:00.000Z');
    const at = (ms: number) => () => new Date(morning.getTime() + ms);
    const smsLines = (dir: string) =>
      sentMessages<{ id: number; to: string; body: string; channel: string }>(dir, 'sms');
    const rowsOf = (userId: number) =>
      ctx.db.selectFrom('notifications').selectAll().where('user_id', '=', userId).orderBy('id').execute();

    beforeAll(async () => {
      ctx = await createTestContext(dialect);
      folder = mkdtempSync(path.join(os.tmpdir(), 'tuanwu-sms-'));
    });
    afterAll(async () => {
      await ctx.dispose();
      rmSync(folder, { recursive: true, force: true });
    });

    it('takes its adapters from the environment', () => {
      const dir = path.join(folder, 'env');
      const both = channelsFromConfig(parseNotify({ TUANWU_NOTIFY_DIR: dir }));
      expect([...both.keys()]).toEqual(['email', 'wechat', 'sms']);
      const smsOnly = channelsFromConfig(
        parseNotify({ TUANWU_NOTIFY_DIR: dir, TUANWU_WECHAT_ADAPTER: 'off', TUANWU_SMS_ADAPTER: 'FILE' }),
      );
      expect([...smsOnly.keys()]).toEqual(['email', 'sms']);
      expect([...channelsFromConfig(parseNotify({})).keys()]).toEqual([]);
      expect(() => parseNotify({ TUANWU_SMS_ADAPTER: 'file' })).toThrow(
        'TUANWU_SMS_ADAPTER=file 须同时设置 TUANWU_NOTIFY_DIR（消息写入的文件夹）',
      );
      expect(() => parseNotify({ TUANWU_NOTIFY_DIR: dir, TUANWU_SMS_ADAPTER: 'aliyun' })).toThrow(
        /TUANWU_SMS_ADAPTER 只能是 file/,
      );
    });

    it('writes a digest to a user who chose SMS once, retrying with back-off while the adapter fails', async () => {
      const u = await buildUser(ctx, { username: 'sms-a', orgCode: 'SMS-A' });
      // A branch without a secretary: work waiting, so a digest is due.
      await buildOrg(ctx, { code: 'SMS-A-B1', parentCode: 'SMS-A' });
      await saveContact(ctx.db, u.id, { email: null, wechat_openid: null, phone: '13900001111' }, 'x');
      // The adapter's folder cannot be made while a file stands in its place: each send fails.
      const dir = path.join(folder, 'outbox');
      writeFileSync(dir, 'in the way');
      const channels = channelsFromConfig(
        parseNotify({ TUANWU_NOTIFY_DIR: dir, TUANWU_SMS_ADAPTER: 'file' }),
      );
      const options = { channels, backoffMs: 60_000 };

      // The one user of this test, the first with work waiting.
      expect(await queueDigests(ctx, morning)).toBe(1);
      const [queued] = await rowsOf(u.id);
      expect(queued).toMatchObject({ channel: 'sms', state: 'pending' });
      // One short line for a text message, with no address or identity in it.
      expect(queued!.body).toMatch(/^【团务】您有待办 \d+ 件（\d+ 类），请登录查看：\/admin\/todo/);

      expect(await sendDue(ctx, { ...options, now: at(0) })).toMatchObject({ sent: 0, failed: 1 });
      let [row] = await rowsOf(u.id);
      expect(row).toMatchObject({
        state: 'failed',
        attempts: 1,
        next_attempt_at: at(60_000)().toISOString(),
      });
      expect(row!.last_error).toMatch(/EEXIST|ENOTDIR/);
      // Not before its back-off.
      expect(await sendDue(ctx, { ...options, now: at(59_000) })).toMatchObject({ sent: 0, failed: 0 });
      expect(await sendDue(ctx, { ...options, now: at(60_000) })).toMatchObject({ failed: 1 });
      [row] = await rowsOf(u.id);
      expect(row).toMatchObject({
        state: 'failed',
        attempts: 2,
        next_attempt_at: at(180_000)().toISOString(),
      });

      rmSync(dir);
      expect(await sendDue(ctx, { ...options, now: at(180_000) })).toMatchObject({ sent: 1 });
      expect(await sendDue(ctx, { ...options, now: at(3_600_000) })).toMatchObject({ sent: 0 });
      const written = smsLines(dir);
      expect(written).toHaveLength(1);
      expect(written[0]).toMatchObject({
        channel: 'sms',
        id: row!.id,
        to: '13900001111',
        body: queued!.body,
      });
      expect((await rowsOf(u.id)).map((r) => [r.state, r.attempts, r.last_error])).toEqual([
        ['sent', 3, null],
      ]);
      // The day's digest is queued once: a later run queues nothing for him.
      await queueDigests(ctx, at(3_600_000)());
      expect(await rowsOf(u.id)).toHaveLength(1);
    });

    it('sends no SMS to a user who opted out, before or after it was queued', async () => {
      const dir = path.join(folder, 'opted-out');
      const channels = channelsFromConfig(parseNotify({ TUANWU_NOTIFY_DIR: dir }));
      const before = await buildUser(ctx, { username: 'sms-b', orgCode: 'SMS-B' });
      await buildOrg(ctx, { code: 'SMS-B-B1', parentCode: 'SMS-B' });
      await saveContact(ctx.db, before.id, { email: null, wechat_openid: null, phone: '13900002222' }, 'x');
      await replaceOptOuts(ctx.db, before.id, [{ kind: 'todo_digest', channel: 'sms' }], 'x');
      const after = await buildUser(ctx, { username: 'sms-c', orgCode: 'SMS-C' });
      await buildOrg(ctx, { code: 'SMS-C-B1', parentCode: 'SMS-C' });
      await saveContact(ctx.db, after.id, { email: null, wechat_openid: null, phone: '13900003333' }, 'x');

      const day = at(24 * 3_600_000);
      await queueDigests(ctx, day());
      expect(await rowsOf(before.id)).toEqual([]);
      expect((await rowsOf(after.id)).map((r) => r.channel)).toEqual(['sms']);
      // He opts out once it is queued: his latest word holds.
      await replaceOptOuts(ctx.db, after.id, [{ kind: 'todo_digest', channel: 'sms' }], 'x');
      await sendDue(ctx, { channels, now: day });
      // (sms-a's digest of this new day goes out beside: he did not opt out.)
      expect(smsLines(dir).filter((l) => l.to !== '13900001111')).toEqual([]);
      expect((await rowsOf(after.id)).map((r) => [r.state, r.last_error])).toEqual([
        ['abandoned', '用户已退订此类提醒'],
      ]);
    });
  });
}
