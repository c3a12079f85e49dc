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
      expect(empty.json()).toMatchObject({ email: null, wechatOpenid: null, optOuts: [] });
      expect(empty.json().kinds).toEqual([{ kind: 'todo_digest', label: '每日待办摘要' }]);

      const saved = await put(clerkA, {
        email: ' clerk.a@example.cn ',
        wechatOpenid: null,
        optOuts: [{ kind: 'todo_digest', channel: 'wechat' }],
      });
      expect(saved.statusCode, saved.body).toBe(200);
      expect(saved.json()).toMatchObject({
        email: 'clerk.a@example.cn',
        optOuts: [{ kind: 'todo_digest', channel: 'wechat' }],
      });

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
      expect(await dumpTables(ctx)).toEqual(before);
      // The audit entry says what changed, not the address.
      const audit = await ctx.db
        .selectFrom('audit_log')
        .select(['summary', 'detail'])
        .where('entity', '=', 'notification_preferences')
        .execute();
      expect(audit).toHaveLength(1);
      expect(JSON.stringify(audit)).not.toContain('clerk.a@example.cn');
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
    });
  });
}
