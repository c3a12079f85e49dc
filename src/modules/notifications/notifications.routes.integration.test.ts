import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/app.ts';
import { buildTestApp, login, type Session } from '../../test/app.ts';
import { createTestContext, DIALECTS, type TestContext } from '../../test/db.ts';
import { dumpTables } from '../../test/dump.ts';
import { buildOrg, buildUser, TEST_PASSWORD } from '../../test/factories.ts';
import { insertMessages } from './notifications.repository.ts';

/** Issue 15: a user sets where his reminders go and which he does not want; an admin sees his reach's outbox. */
for (const dialect of DIALECTS) {
  describe(`消息提醒 API (${dialect})`, () => {
    let ctx: TestContext;
    let sut: App;
    let adminA: Session;
    let clerkA: Session;
    let adminB: Session;
    let clerkAId = 0;
    let clerkBId = 0;

    beforeAll(async () => {
      ctx = await createTestContext(dialect);
      sut = await buildTestApp(ctx);
      await buildOrg(ctx, { code: 'SL', parentCode: null, kind: 'committee', level: 'city' });
      await buildOrg(ctx, { code: 'SL-A', parentCode: 'SL', kind: 'committee', level: 'county' });
      await buildOrg(ctx, { code: 'SL-B', parentCode: 'SL', kind: 'committee', level: 'county' });
      await buildUser(ctx, { username: 'admin-a', orgCode: 'SL-A' });
      await buildUser(ctx, { username: 'admin-b', orgCode: 'SL-B' });
      clerkAId = (await buildUser(ctx, { username: 'clerk-a', orgCode: 'SL-A', roles: ['branch_secretary'] }))
        .id;
      clerkBId = (await buildUser(ctx, { username: 'clerk-b', orgCode: 'SL-B', roles: ['branch_secretary'] }))
        .id;
      adminA = await login(sut, 'admin-a', TEST_PASSWORD);
      adminB = await login(sut, 'admin-b', TEST_PASSWORD);
      clerkA = await login(sut, 'clerk-a', TEST_PASSWORD);
      const now = new Date().toISOString();
      await insertMessages(
        ctx.db,
        [clerkAId, clerkBId].map((userId) => ({
          user_id: userId,
          channel: 'email',
          kind: 'todo_digest',
          subject: `【团务】待办 ${userId}`,
          body: '正文',
          dedupe_key: `t:${userId}`,
          next_attempt_at: now,
          created_at: now,
        })),
      );
    });
    afterAll(async () => {
      await sut.close();
      await ctx.dispose();
    });

    const put = (s: Session, payload: object) =>
      sut.inject({ method: 'PUT', url: '/api/notifications/preferences', headers: s.headers, payload });

    it('keeps a user’s contact and opt-outs, and refuses a bad address changing nothing', async () => {
      const empty = await sut.inject({ url: '/api/notifications/preferences', headers: clerkA.headers });
      expect(empty.statusCode, empty.body).toBe(200);
      expect(empty.json()).toMatchObject({ email: null, wechatOpenid: null, phone: null, optOuts: [] });
      expect(empty.json().channels.map((c: { channel: string }) => c.channel)).toEqual([
        'email',
        'wechat',
        'sms',
      ]);
      expect(empty.json().kinds).toEqual([{ kind: 'todo_digest', label: '每日待办摘要' }]);

      const saved = await put(clerkA, {
        email: ' clerk.a@example.cn ',
        wechatOpenid: null,
        optOuts: [{ kind: 'todo_digest', channel: 'wechat' }],
      });
      expect(saved.statusCode, saved.body).toBe(200);
      // Shown masked, also to its owner: a change is typed anew.
      expect(saved.json()).toMatchObject({
        email: 'cl***@example.cn',
        phone: null,
        optOuts: [{ kind: 'todo_digest', channel: 'wechat' }],
      });
      // A field left out keeps what is on file; the phone is taken with its spaces and dashes.
      const phone = await put(clerkA, {
        phone: '139-1234 5678',
        optOuts: [{ kind: 'todo_digest', channel: 'wechat' }],
      });
      expect(phone.statusCode, phone.body).toBe(200);
      expect(phone.json()).toMatchObject({ email: 'cl***@example.cn', phone: '139****5678' });
      const stored = await ctx.db
        .selectFrom('notification_contacts')
        .select(['email', 'phone'])
        .where('user_id', '=', clerkAId)
        .executeTakeFirstOrThrow();
      expect(stored).toEqual({ email: 'clerk.a@example.cn', phone: '13912345678' });

      const before = await dumpTables(ctx);
      const bad = await put(clerkA, { email: 'clerk.a@', wechatOpenid: null, optOuts: [] });
      expect(bad.statusCode).toBe(422);
      expect(bad.json().error.message).toBe('电子邮箱格式不正确，应形如 name@example.cn');
      const unknownChannel = await put(clerkA, {
        email: null,
        wechatOpenid: null,
        optOuts: [{ kind: 'todo_digest', channel: 'fax' }],
      });
      expect(unknownChannel.statusCode).toBe(422);
      const badPhone = await put(clerkA, { phone: '0371-1234567', optOuts: [] });
      expect(badPhone.statusCode).toBe(422);
      expect(badPhone.json().error.message).toBe('手机号码应为 11 位数字，以 1 开头');
      expect(await dumpTables(ctx)).toEqual(before);
      // The audit entry says what changed, not the address.
      const audit = await ctx.db
        .selectFrom('audit_log')
        .select(['summary', 'detail'])
        .where('entity', '=', 'notification_preferences')
        .execute();
      expect(audit).toHaveLength(2);
      expect(JSON.stringify(audit)).not.toMatch(/clerk\.a@example\.cn|13912345678|5678/);
      expect(JSON.parse(audit[1]!.detail!)).toMatchObject({ sms: true, changed: ['sms'] });
    });

    it('shows an admin the outbox of his reach only, and no one without user.manage', async () => {
      const a = await sut.inject({ url: '/api/notifications/outbox', headers: adminA.headers });
      expect(a.statusCode, a.body).toBe(200);
      expect(a.json().items.map((i: { subject: string }) => i.subject)).toEqual([`【团务】待办 ${clerkAId}`]);
      expect(a.json().items[0]).toMatchObject({
        recipient: 'clerk-a（clerk-a）',
        channel: 'email',
        state: 'pending',
        attempts: 0,
        lastError: null,
      });
      const b = await sut.inject({ url: '/api/notifications/outbox?state=pending', headers: adminB.headers });
      expect(b.json().items.map((i: { subject: string }) => i.subject)).toEqual([`【团务】待办 ${clerkBId}`]);
      const sent = await sut.inject({ url: '/api/notifications/outbox?state=sent', headers: adminB.headers });
      expect(sent.json().items).toEqual([]);
      const clerk = await sut.inject({ url: '/api/notifications/outbox', headers: clerkA.headers });
      expect(clerk.statusCode).toBe(403);
      expect(JSON.stringify(a.json())).not.toContain('正文');
    });

    it('puts a failed message back in the queue for 重新发送, once, in reach only, audited', async () => {
      const [row] = await ctx.db
        .selectFrom('notifications')
        .select('id')
        .where('user_id', '=', clerkAId)
        .execute();
      const id = row!.id;
      const resend = (s: Session) =>
        sut.inject({ method: 'POST', url: `/api/notifications/outbox/${id}/resend`, headers: s.headers });
      // Waiting to go: nothing to resend.
      const pending = await resend(adminA);
      expect(pending.statusCode).toBe(409);
      expect(pending.json().error.message).toBe('该消息待发送，只有失败或重试中的消息可以重新发送');
      await ctx.db
        .updateTable('notifications')
        .set({ state: 'abandoned', attempts: 6, last_error: '550 mailbox unavailable' })
        .where('id', '=', id)
        .execute();
      const before = await dumpTables(ctx);
      expect((await resend(adminB)).statusCode).toBe(404);
      expect((await resend(clerkA)).statusCode).toBe(403);
      expect(await dumpTables(ctx)).toEqual(before);

      const ok = await resend(adminA);
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json()).toMatchObject({
        id,
        state: 'pending',
        attempts: 0,
        lastError: '550 mailbox unavailable',
      });
      expect(ok.json().nextAttemptAt).not.toBeNull();
      // A second click finds it waiting already.
      expect((await resend(adminA)).statusCode).toBe(409);
      const audit = await ctx.db
        .selectFrom('audit_log')
        .select(['summary', 'org_code'])
        .where('entity', '=', 'notification')
        .execute();
      expect(audit).toEqual([{ summary: `admin-a 重新发送给 clerk-a 的消息 #${id}`, org_code: 'SL-A' }]);
    });
  });
}
