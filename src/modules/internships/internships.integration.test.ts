import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/app.ts';
import { buildTestApp, login, type Session } from '../../test/app.ts';
import { buildCounty, buildPerson, buildUser, linkUserToPerson } from '../../test/county-factories.ts';
import { createTestContext, DIALECTS, type TestContext } from '../../test/db.ts';

for (const dialect of DIALECTS) {
  describe(`internships: posts, applications by the student himself, placements within slots (${dialect})`, () => {
    let ctx: TestContext;
    let sut: App;
    let admin: Session;
    let student: Session;
    let unlinked: Session;
    let postId: number;
    const others: string[] = [];
    const otherIds: number[] = [];

    beforeAll(async () => {
      ctx = await createTestContext(dialect);
      sut = await buildTestApp(ctx);
      await buildCounty(ctx);
      await buildCounty(ctx, 'SL-B', '419902');
      const me = await buildPerson(ctx, { name: '返乡学生', orgCode: 'SL-A-T1-V1' });
      for (let i = 0; i < 2; i++) {
        const p = await buildPerson(ctx, { orgCode: 'SL-A-T1-V1' });
        others.push(p.idNumber);
        otherIds.push(p.id);
      }
      const u = await buildUser(ctx, { username: 'xs', orgCode: 'SL-A-T1-V1', roles: ['young_person'] });
      await linkUserToPerson(ctx, u.id, me.id);
      await buildUser(ctx, { username: 'xs2', orgCode: 'SL-A-T1-V1', roles: ['young_person'] });
      admin = await login(sut, 'sl-a-admin', 'correct-horse-battery');
      student = await login(sut, 'xs', 'correct-horse-battery');
      unlinked = await login(sut, 'xs2', 'correct-horse-battery');
      const post = await sut.inject({
        method: 'POST',
        url: '/api/internships/posts',
        headers: admin.headers,
        payload: {
          title: '乡镇团委实习',
          employer: '一镇团委',
          program: '大学生向基层报到',
          slots: 2,
          startsOn: '2030-07-01',
          endsOn: '2030-08-31',
          orgCode: 'SL-A',
        },
      });
      expect(post.statusCode, post.body).toBe(201);
      postId = post.json().id;
      await sut.inject({
        method: 'POST',
        url: '/api/internships/posts',
        headers: (await login(sut, 'sl-b-admin', 'correct-horse-battery')).headers,
        payload: {
          title: '乙县岗位',
          employer: '乙县',
          program: '扬帆计划',
          slots: 1,
          startsOn: '2030-07-01',
          orgCode: 'SL-B',
        },
      });
    });
    afterAll(async () => {
      await sut.close();
      await ctx.dispose();
    });

    it('lets a young person see his county’s open posts and apply for himself only', async () => {
      const open = await sut.inject({
        method: 'GET',
        url: '/api/internships/open',
        headers: { cookie: student.cookie },
      });
      expect(open.json().items.map((p: { title: string }) => p.title)).toEqual(['乡镇团委实习']);
      const applied = await sut.inject({
        method: 'POST',
        url: '/api/internships/my-applications',
        headers: student.headers,
        payload: { postId, statement: '我是本县大学生' },
      });
      expect(applied.statusCode, applied.body).toBe(201);
      const again = await sut.inject({
        method: 'POST',
        url: '/api/internships/my-applications',
        headers: student.headers,
        payload: { postId },
      });
      expect(again.statusCode).toBe(409);
      const foreign = await sut.inject({
        method: 'POST',
        url: '/api/internships/my-applications',
        headers: student.headers,
        payload: { postId: 2 },
      });
      expect(foreign.statusCode).toBe(404);
      const noPerson = await sut.inject({
        method: 'GET',
        url: '/api/internships/open',
        headers: { cookie: unlinked.cookie },
      });
      expect(noPerson.statusCode).toBe(403);
      const staffOnly = await sut.inject({
        method: 'GET',
        url: '/api/internships/posts',
        headers: { cookie: student.cookie },
      });
      expect(staffOnly.statusCode).toBe(403);
      const mine = await sut.inject({
        method: 'GET',
        url: '/api/internships/my-applications',
        headers: { cookie: student.cookie },
      });
      expect(mine.json().items).toMatchObject([{ status: 'applied', post: { title: '乡镇团委实习' } }]);
    });

    it('places students up to the slots and never beyond', async () => {
      const apps = await sut.inject({
        method: 'GET',
        url: `/api/internships/posts/${postId}/applications`,
        headers: { cookie: admin.cookie },
      });
      // The reply declares its fields (issue 12): what the organiser decides on, the number masked only.
      expect(apps.json().items[0]).toEqual({
        id: expect.any(Number),
        appliedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        status: 'applied',
        statement: '我是本县大学生',
        student: { name: '返乡学生', idNumberMasked: expect.stringMatching(/^\d{4}\*{12}[\dX]{2}$/) },
      });
      const accepted = await sut.inject({
        method: 'POST',
        url: `/api/internships/applications/${apps.json().items[0].id}/decision`,
        headers: admin.headers,
        payload: { decision: 'accept' },
      });
      expect(accepted.statusCode, accepted.body).toBe(200);
      // Issue 17 item 12: the admin picks the student (personId), as for cadres and grants; not both ways at once.
      const both = await sut.inject({
        method: 'POST',
        url: `/api/internships/posts/${postId}/placements`,
        headers: admin.headers,
        payload: { personId: otherIds[0], idNumber: others[0] },
      });
      expect(both.statusCode).toBe(422);
      const second = await sut.inject({
        method: 'POST',
        url: `/api/internships/posts/${postId}/placements`,
        headers: admin.headers,
        payload: { personId: otherIds[0] },
      });
      expect(second.statusCode, second.body).toBe(201);
      const third = await sut.inject({
        method: 'POST',
        url: `/api/internships/posts/${postId}/placements`,
        headers: admin.headers,
        payload: { idNumber: others[1] },
      });
      expect(third.statusCode).toBe(409);
      expect(third.json().error.message).toBe('岗位「乡镇团委实习」名额已满（2 个名额，已安排 2 人）');
      const count = await ctx.db
        .selectFrom('internship_placements')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(2);
      const placements = await sut.inject({
        method: 'GET',
        url: '/api/internships/placements?org=SL-A',
        headers: { cookie: admin.cookie },
      });
      const done = await sut.inject({
        method: 'PATCH',
        url: `/api/internships/placements/${placements.json().items[0].id}`,
        headers: admin.headers,
        payload: { status: 'completed' },
      });
      expect(done.statusCode).toBe(200);
      // 完成 and 未完成 are final: a placement marked done is not reopened nor flipped.
      for (const status of ['incomplete', 'hired']) {
        const again = await sut.inject({
          method: 'PATCH',
          url: `/api/internships/placements/${placements.json().items[0].id}`,
          headers: admin.headers,
          payload: { status },
        });
        expect(again.statusCode, again.body).toBe(status === 'hired' ? 422 : 409);
        if (status !== 'hired')
          expect(again.json().error.message).toBe('该实习已标记为「已完成」，不能再更改');
      }
      const list = await sut.inject({
        method: 'GET',
        url: '/api/internships/placements?org=SL-A',
        headers: { cookie: admin.cookie },
      });
      expect(list.json()).toMatchObject({ total: 2, placed: 2, completed: 1 });
      const posts = await sut.inject({
        method: 'GET',
        url: '/api/internships/posts?org=SL-A',
        headers: { cookie: admin.cookie },
      });
      expect(posts.json()).toMatchObject({ total: 1, slots: 2, placed: 2 });
      const mine = await sut.inject({
        method: 'GET',
        url: '/api/internships/my-applications',
        headers: { cookie: student.cookie },
      });
      expect(mine.json().items[0].status).toBe('accepted');
    });
  });
}
