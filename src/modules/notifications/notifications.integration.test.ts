import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../context.ts';
import { createDb } from '../../db/create-db.ts';
import { makeIdNumber } from '../../lib/id-number.ts';
import { createTestContext, DIALECTS, type TestContext } from '../../test/db.ts';
import { buildOrg, buildPerson, buildUser } from '../../test/factories.ts';
import { sentMessages } from '../../test/notification-files.ts';
import { actorForUser } from '../auth/auth.service.ts';
import { listTodo } from '../todo/todo.service.ts';
import { type Channel, type ChannelName, fileChannel, smtpChannel } from './notifications.channels.ts';
import { digestMessage, queueDigests } from './notifications.digest.ts';
import { insertMessages, replaceOptOuts, saveContact } from './notifications.repository.ts';
import { sendDue } from './notifications.sender.ts';

/**
 * Issue 15, reminders that leave the building: a digest due once is queued once and sent once, however many
 * processes do it together; a refusing SMTP peer is retried with growing waits, then given up; opt-outs hold.
 */
for (const dialect of DIALECTS) {
  describe(`notification outbox (${dialect})`, () => {
    let ctx: TestContext;
    let other: AppContext;
    let folder: string;
    // 09:00 in Beijing: digests are queued from 07:00.
    const morning = new Date('2026-12-03T01:00:00.000Z');
    const at = (ms: number) => () => new Date(morning.getTime() + ms);
    const files = (dir: string): Map<ChannelName, Channel> =>
      new Map([
        ['email', fileChannel('email', dir)],
        ['wechat', fileChannel('wechat', dir)],
      ]);
    const lines = (dir: string, channel: string) =>
      sentMessages<{ id: number; to: string; subject: string; body: string }>(dir, channel);
    const rowsOf = (userId: number) =>
      ctx.db.selectFrom('notifications').selectAll().where('user_id', '=', userId).orderBy('id').execute();

    beforeAll(async () => {
      ctx = await createTestContext(dialect);
      // A second pool on the same database: what a second process has.
      other = { ...ctx, db: createDb(ctx.config.databaseUrl) };
      folder = mkdtempSync(path.join(os.tmpdir(), 'tuanwu-outbox-'));
    });
    afterAll(async () => {
      await other.db.destroy();
      await ctx.dispose();
      rmSync(folder, { recursive: true, force: true });
    });

    it('queues a digest due once once, and sends each message once, with two processes at it together', async () => {
      const u = await buildUser(ctx, { username: 'digest-a', orgCode: 'NT-A' });
      await buildOrg(ctx, { code: 'NT-A-B1', parentCode: 'NT-A' });
      await saveContact(ctx.db, u.id, { email: 'clerk.a@example.cn', wechat_openid: 'oWx-clerk-a' }, 'x');
      const queued = await Promise.all([
        queueDigests(ctx, morning),
        queueDigests(other, morning),
        queueDigests(ctx, at(3_600_000)()),
        queueDigests(other, at(3_600_000)()),
      ]);
      expect(queued.reduce((a, b) => a + b, 0)).toBe(2);
      const rows = await rowsOf(u.id);
      expect(rows.map((r) => [r.channel, r.state, r.dedupe_key])).toEqual([
        ['email', 'pending', `todo_digest:${u.id}:email:2026-12-03`],
        ['wechat', 'pending', `todo_digest:${u.id}:wechat:2026-12-03`],
      ]);

      const dir = path.join(folder, 'once');
      // Whichever of the four queuings won the insert set the rows' due time (09:00 or 10:00): send after both.
      const sent = await Promise.all([
        sendDue(ctx, { channels: files(dir), owner: 'A', now: at(3_600_000) }),
        sendDue(other, { channels: files(dir), owner: 'B', now: at(3_600_000) }),
      ]);
      expect(sent.reduce((a, s) => a + s.sent, 0)).toBe(2);
      expect(lines(dir, 'email').map((l) => l.to)).toEqual(['clerk.a@example.cn']);
      expect(lines(dir, 'wechat').map((l) => l.to)).toEqual(['oWx-clerk-a']);
      expect((await rowsOf(u.id)).map((r) => [r.state, r.attempts])).toEqual([
        ['sent', 1],
        ['sent', 1],
      ]);
      // The next day has its own digest.
      expect(await queueDigests(ctx, at(24 * 3_600_000)())).toBe(2);
      // Not before 07:00 Beijing time (23:00 UTC the day before).
      expect(await queueDigests(ctx, new Date('2026-12-05T22:30:00.000Z'))).toBe(0);
    });

    it('two senders claiming together share 60 messages and send every one exactly once', async () => {
      const u = await buildUser(ctx, { username: 'bulk', orgCode: 'NT-A' });
      await saveContact(ctx.db, u.id, { email: 'bulk@example.cn', wechat_openid: null }, 'x');
      await insertMessages(
        ctx.db,
        Array.from({ length: 60 }, (_, i) => ({
          user_id: u.id,
          channel: 'email',
          kind: 'todo_digest',
          subject: `第${i}条`,
          body: '正文',
          dedupe_key: `bulk:${i}`,
          next_attempt_at: morning.toISOString(),
          created_at: morning.toISOString(),
        })),
      );
      const delivered: number[] = [];
      const recording = (): Map<ChannelName, Channel> =>
        new Map([
          [
            'email',
            {
              name: 'email',
              async send(m) {
                delivered.push(m.id);
                // Each send takes a moment, so both senders are claiming while the other sends.
                await new Promise((resolve) => setTimeout(resolve, 2));
              },
            },
          ],
        ]);
      const [a, b] = await Promise.all([
        sendDue(ctx, { channels: recording(), owner: 'A', now: at(0), batch: 5 }),
        sendDue(other, { channels: recording(), owner: 'B', now: at(0), batch: 5 }),
      ]);
      expect(a.sent + b.sent).toBe(60);
      expect(delivered).toHaveLength(60);
      expect(new Set(delivered).size).toBe(60);
      const states = await ctx.db
        .selectFrom('notifications')
        .select(['state', 'attempts'])
        .where('user_id', '=', u.id)
        .execute();
      expect(states.every((s) => s.state === 'sent' && s.attempts === 1)).toBe(true);
    });

    it('builds the digest from the to-do centre’s own items for the user', async () => {
      const u = await buildUser(ctx, { username: 'digest-b', orgCode: 'NT-B' });
      await buildOrg(ctx, { code: 'NT-B-B1', parentCode: 'NT-B' });
      await buildOrg(ctx, { code: 'NT-B-B2', parentCode: 'NT-B' });
      await saveContact(ctx.db, u.id, { email: 'clerk.b@example.cn', wechat_openid: null }, 'x');
      const { items } = await listTodo(ctx, (await actorForUser(ctx, u.id))!);
      // NT-B and its two branches have no secretary (three vacancies); the two branches hold no meetings.
      expect(items).toEqual([
        { kind: 'cadre_vacancies', title: '未配备书记的团组织', count: 3, link: '/services' },
        {
          kind: 'meetings_behind',
          title: '组织生活未达“三会两制一课”要求的团支部',
          count: 2,
          link: '/membership?tab=life&behind=1',
        },
      ]);
      await queueDigests(ctx, morning);
      const [row] = await rowsOf(u.id);
      expect(row!.subject).toBe('【团务】2026-12-03 待办 5 件');
      expect(row!.body).toContain('· 未配备书记的团组织：3 件  /admin/services');
      expect(row!.body).toContain(
        '· 组织生活未达“三会两制一课”要求的团支部：2 件  /admin/membership?tab=life&behind=1',
      );
      expect(row).toMatchObject(digestMessage(items, '2026-12-03', undefined));
    });

    it('respects opt-outs: per kind and channel when queuing, and one made after queuing when sending', async () => {
      const u = await buildUser(ctx, { username: 'digest-c', orgCode: 'NT-C' });
      await saveContact(ctx.db, u.id, { email: 'clerk.c@example.cn', wechat_openid: 'oWx-clerk-c' }, 'x');
      await replaceOptOuts(ctx.db, u.id, [{ kind: 'todo_digest', channel: 'wechat' }], 'x');
      await queueDigests(ctx, morning);
      expect((await rowsOf(u.id)).map((r) => r.channel)).toEqual(['email']);

      await replaceOptOuts(
        ctx.db,
        u.id,
        [
          { kind: 'todo_digest', channel: 'wechat' },
          { kind: 'todo_digest', channel: 'email' },
        ],
        'x',
      );
      const dir = path.join(folder, 'opt-out');
      await sendDue(ctx, { channels: files(dir), now: at(0) });
      expect(lines(dir, 'email').filter((l) => l.to === 'clerk.c@example.cn')).toEqual([]);
      expect((await rowsOf(u.id)).map((r) => [r.state, r.last_error])).toEqual([
        ['abandoned', '用户已退订此类提醒'],
      ]);
      // Fully opted out, nothing is queued for him the next day.
      await queueDigests(ctx, at(24 * 3_600_000)());
      expect(await rowsOf(u.id)).toHaveLength(1);
    });

    describe('over SMTP', () => {
      let smtp: SMTPServer;
      let port = 0;
      const received: { to: string; subject: string }[] = [];
      // How many of the next messages the peer refuses (451, a transient refusal), and what it says.
      let refuse = 0;
      let refusal = '';

      beforeAll(async () => {
        smtp = new SMTPServer({
          authOptional: true,
          disabledCommands: ['STARTTLS'],
          logger: false,
          onData(stream, session, callback) {
            let raw = '';
            stream.on('data', (d) => {
              raw += String(d);
            });
            stream.on('end', () => {
              if (refuse > 0) {
                refuse--;
                return callback(Object.assign(new Error(refusal), { responseCode: 451 }));
              }
              const subject = /^Subject: (.*)$/m.exec(raw)?.[1] ?? '';
              received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), subject });
              callback();
            });
          },
        });
        await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
        port = (smtp.server.address() as AddressInfo).port;
      });
      afterAll(async () => new Promise<void>((resolve) => smtp.close(resolve)));

      const smtpChannels = (): Map<ChannelName, Channel> =>
        new Map([
          ['email', smtpChannel({ host: '127.0.0.1', port, secure: false, from: 'tuanwu@example.cn' })],
        ]);

      it('retries a refused message after 1, then 2 minutes, and sends it once the peer accepts', async () => {
        const u = await buildUser(ctx, { username: 'smtp-a', orgCode: 'NT-D' });
        await saveContact(ctx.db, u.id, { email: 'smtp.a@example.cn', wechat_openid: null }, 'x');
        await insertMessages(ctx.db, [
          {
            user_id: u.id,
            channel: 'email',
            kind: 'todo_digest',
            subject: 'digest',
            body: '正文',
            dedupe_key: `smtp-a:${dialect}`,
            next_attempt_at: morning.toISOString(),
            created_at: morning.toISOString(),
          },
        ]);
        refuse = 2;
        refusal = 'mailbox busy';
        const send = (ms: number) =>
          sendDue(ctx, { channels: smtpChannels(), now: at(ms), backoffMs: 60_000, maxAttempts: 5 });
        const state = async () => {
          const [r] = await rowsOf(u.id);
          return { state: r!.state, attempts: r!.attempts, next: r!.next_attempt_at };
        };

        expect(await send(0)).toEqual({ sent: 0, failed: 1, abandoned: 0 });
        expect(await state()).toEqual({ state: 'failed', attempts: 1, next: at(60_000)().toISOString() });
        expect((await rowsOf(u.id))[0]!.last_error).toContain('mailbox busy');
        // Not due yet: nothing happens.
        expect(await send(59_000)).toEqual({ sent: 0, failed: 0, abandoned: 0 });
        expect(await send(60_000)).toEqual({ sent: 0, failed: 1, abandoned: 0 });
        expect(await state()).toEqual({ state: 'failed', attempts: 2, next: at(180_000)().toISOString() });
        expect(await send(179_000)).toEqual({ sent: 0, failed: 0, abandoned: 0 });
        expect(await send(180_000)).toEqual({ sent: 1, failed: 0, abandoned: 0 });
        expect((await state()).state).toBe('sent');
        expect((await rowsOf(u.id))[0]!.last_error).toBeNull();
        expect(received.filter((r) => r.to === 'smtp.a@example.cn')).toEqual([
          { to: 'smtp.a@example.cn', subject: 'digest' },
        ]);
        // Sent is final.
        expect(await send(10 * 60_000)).toEqual({ sent: 0, failed: 0, abandoned: 0 });
      });

      it('gives up after the last attempt, keeping an error without personal data', async () => {
        const u = await buildUser(ctx, { username: 'smtp-b', orgCode: 'NT-D' });
        await saveContact(ctx.db, u.id, { email: 'zhang.san@example.cn', wechat_openid: null }, 'x');
        await insertMessages(ctx.db, [
          {
            user_id: u.id,
            channel: 'email',
            kind: 'todo_digest',
            subject: 'digest',
            body: '正文',
            dedupe_key: `smtp-b:${dialect}`,
            next_attempt_at: morning.toISOString(),
            created_at: morning.toISOString(),
          },
        ]);
        const idNumber = makeIdNumber('419901', '2005-05-04', 8);
        refuse = 3;
        refusal = `<zhang.san@example.cn> rejected, ref ${idNumber} 13912345678`;
        const send = (ms: number) =>
          sendDue(ctx, { channels: smtpChannels(), now: at(ms), backoffMs: 1_000, maxAttempts: 3 });
        expect(await send(0)).toEqual({ sent: 0, failed: 1, abandoned: 0 });
        expect(await send(1_000)).toEqual({ sent: 0, failed: 1, abandoned: 0 });
        expect(await send(3_000)).toEqual({ sent: 0, failed: 0, abandoned: 1 });
        expect(await send(60_000)).toEqual({ sent: 0, failed: 0, abandoned: 0 });
        const [row] = await rowsOf(u.id);
        expect([row!.state, row!.attempts]).toEqual(['abandoned', 3]);
        expect(row!.last_error).toContain('***@example.cn');
        expect(row!.last_error).not.toContain('zhang.san');
        expect(row!.last_error).not.toContain(idNumber);
        expect(row!.last_error).not.toContain('13912345678');
      });
    });

    it('puts no identity number in any message', async () => {
      const u = await buildUser(ctx, { username: 'digest-e', orgCode: 'NT-E' });
      await buildPerson(ctx, { name: '张三', orgCode: 'NT-E-B1' });
      await saveContact(ctx.db, u.id, { email: 'clerk.e@example.cn', wechat_openid: 'oWx-clerk-e' }, 'x');
      await queueDigests(ctx, at(2 * 24 * 3_600_000)());
      const dir = path.join(folder, 'pii');
      await sendDue(ctx, { channels: files(dir), now: at(2 * 24 * 3_600_000) });
      const everything = await ctx.db
        .selectFrom('notifications')
        .select(['subject', 'body', 'last_error'])
        .execute();
      const text = JSON.stringify(everything) + JSON.stringify(lines(dir, 'email'));
      // This user's digest went out on both his channels: the scan below has his messages to look at.
      expect((await rowsOf(u.id)).map((r) => [r.channel, r.state])).toEqual([
        ['email', 'sent'],
        ['wechat', 'sent'],
      ]);
      expect(text).not.toMatch(/\d{17}[\dXx]/);
      expect(text).not.toContain('张三');
    });
  });
}
