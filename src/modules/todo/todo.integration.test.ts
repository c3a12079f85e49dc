import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, today } from '../../lib/dates.ts';
import { login, type Session } from '../../test/app.ts';
import { linkUserToPerson } from '../../test/county-factories.ts';
import { DIALECTS } from '../../test/db.ts';
import { buildPerson, buildUser, TEST_PASSWORD } from '../../test/factories.ts';
import { useMembershipWorld } from '../../test/worlds/membership.ts';
import { setNewsroomClock } from '../newsroom/newsroom.clock.ts';

/**
 * The to-do centre (issue 15): each kind counts a real record while it waits, forgets it once done, is seen
 * only in the reach of the record, and only by a role whose permissions cover the work.
 */
for (const dialect of DIALECTS) {
  describe(`待办 (${dialect})`, () => {
    const w = useMembershipWorld(dialect);
    let city: Session;
    let editor: Session;
    let reviewer: Session;
    let counsellor: Session;
    let address = 0;

    type Item = { kind: string; title: string; count: number; link: string };
    const todo = async (s: Session): Promise<Item[]> => {
      const res = await w.get(s, '/api/todo');
      expect(res.statusCode, res.body).toBe(200);
      return (res.json() as { items: Item[] }).items;
    };
    const countOf = async (s: Session, kind: string) =>
      (await todo(s)).find((i) => i.kind === kind)?.count ?? 0;

    beforeAll(async () => {
      await buildUser(w.ctx, { username: 'city', orgCode: 'SL' });
      await buildUser(w.ctx, { username: 'jia-editor', orgCode: 'SL-A', roles: ['portal_editor'] });
      await buildUser(w.ctx, { username: 'city-reviewer', orgCode: 'SL', roles: ['portal_reviewer'] });
      await buildUser(w.ctx, { username: 'jia-counsellor', orgCode: 'SL-A', roles: ['counsellor'] });
      const as = (u: string) => login(w.sut, u, TEST_PASSWORD);
      city = await as('city');
      editor = await as('jia-editor');
      reviewer = await as('city-reviewer');
      counsellor = await as('jia-counsellor');
    });

    it('answers every signed-in user with the contract of INTERFACES.md, and no one anonymous', async () => {
      expect((await w.sut.inject({ url: '/api/todo' })).statusCode).toBe(401);
      const res = await w.get(counsellor, '/api/todo');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ items: [] });
    });

    it('counts a transfer to accept in the receiving county only, until it is accepted', async () => {
      const p = await buildPerson(w.ctx, { name: '转入甲', orgCode: 'SL-A-B1' });
      const before = await countOf(w.yi, 'transfers_to_accept');
      const started = await w.post(w.jia, '/api/membership/transfers', {
        personId: p.id,
        toOrgCode: 'SL-B',
        reason: 'work',
      });
      expect(started.statusCode, started.body).toBe(201);
      const item = (await todo(w.yi)).find((i) => i.kind === 'transfers_to_accept');
      expect(item).toEqual({
        kind: 'transfers_to_accept',
        title: '待接收的组织关系转入',
        count: before + 1,
        link: '/membership?tab=transfers&direction=incoming',
      });
      // The sending county and a county outside the transfer have nothing to accept.
      expect(await countOf(w.jia, 'transfers_to_accept')).toBe(0);
      expect(await countOf(w.bing, 'transfers_to_accept')).toBe(0);
      // The city above both reaches it too.
      expect(await countOf(city, 'transfers_to_accept')).toBe(before + 1);

      const accepted = await w.post(w.yi, `/api/membership/transfers/${started.json().id}/accept`, {
        branchCode: 'SL-B-B1',
      });
      expect(accepted.statusCode, accepted.body).toBe(200);
      expect(await countOf(w.yi, 'transfers_to_accept')).toBe(before);
    });

    it('counts a transfer to release in the sending county, until it is released', async () => {
      const p = await buildPerson(w.ctx, { name: '转出乙', orgCode: 'SL-A-B2' });
      const started = await w.post(w.yi, '/api/membership/transfers', {
        idNumber: p.idNumber,
        name: '转出乙',
        toOrgCode: 'SL-B',
        reason: 'study',
      });
      expect(started.statusCode, started.body).toBe(201);
      expect(started.json().status).toBe('pending_release');
      expect(await countOf(w.jia, 'transfers_to_release')).toBe(1);
      expect(await countOf(w.yi, 'transfers_to_release')).toBe(0);
      expect(await countOf(w.bing, 'transfers_to_release')).toBe(0);
      const released = await w.post(w.jia, `/api/membership/transfers/${started.json().id}/release`);
      expect(released.statusCode, released.body).toBe(200);
      expect(await countOf(w.jia, 'transfers_to_release')).toBe(0);
      // Released, it now waits in the receiving county.
      expect(await countOf(w.yi, 'transfers_to_accept')).toBe(1);
      const accepted = await w.post(w.yi, `/api/membership/transfers/${started.json().id}/accept`, {
        branchCode: 'SL-B-B1',
      });
      expect(accepted.statusCode, accepted.body).toBe(200);
    });

    it('counts an overdue transfer for the sender, and a role without person.read never gets the kind', async () => {
      const p = await buildPerson(w.ctx, { name: '超期丙', orgCode: 'SL-A-B1' });
      const started = await w.post(w.jia, '/api/membership/transfers', {
        personId: p.id,
        toOrgCode: 'SL-B',
        reason: 'work',
      });
      expect(started.statusCode, started.body).toBe(201);
      expect(await countOf(w.jia, 'transfers_overdue')).toBe(0);
      await w.ctx.db
        .updateTable('member_transfers')
        .set({ started_on: addDays(today(), -45) })
        .where('id', '=', started.json().id)
        .execute();
      expect(await countOf(w.jia, 'transfers_overdue')).toBe(1);
      expect(await countOf(w.secretary, 'transfers_overdue')).toBe(1);
      expect(await countOf(w.bing, 'transfers_overdue')).toBe(0);
      expect((await todo(editor)).map((i) => i.kind)).not.toContain('transfers_overdue');
      expect(await todo(counsellor)).toEqual([]);
      const cancelled = await w.post(w.jia, `/api/membership/transfers/${started.json().id}/cancel`);
      expect(cancelled.statusCode, cancelled.body).toBe(200);
      expect(await countOf(w.jia, 'transfers_overdue')).toBe(0);
    });

    it('puts a submitted piece in its reviewer’s list and a returned one in its editor’s', async () => {
      const post = (s: Session, url: string, payload?: object) => w.post(s, url, payload);
      expect(
        (await post(city, '/api/newsroom/channels', { slug: 'qc', name: '青春答卷', sortOrder: 1 }))
          .statusCode,
      ).toBe(201);
      expect(
        (
          await post(city, '/api/newsroom/columns', {
            slug: 'qc-dj',
            name: '青春答卷',
            intro: '成效',
            channelSlug: 'qc',
          })
        ).statusCode,
      ).toBe(201);
      const draft = await post(editor, '/api/newsroom/articles', {
        title: '甲县团委推进改革',
        bodyHtml: '<p>正文。</p>',
        channelSlug: 'qc',
        columnSlug: 'qc-dj',
      });
      expect(draft.statusCode, draft.body).toBe(201);
      const id = draft.json().id;
      expect(await countOf(reviewer, 'articles_to_review')).toBe(0);
      expect((await post(editor, `/api/newsroom/articles/${id}/submit`)).statusCode).toBe(200);
      expect(await countOf(reviewer, 'articles_to_review')).toBe(1);
      // An editor cannot review: he never gets the kind, though the piece is his.
      expect((await todo(editor)).map((i) => i.kind)).not.toContain('articles_to_review');
      expect(
        (await post(reviewer, `/api/newsroom/articles/${id}/return`, { comment: '请补充数据' })).statusCode,
      ).toBe(200);
      expect(await countOf(reviewer, 'articles_to_review')).toBe(0);
      expect(await countOf(editor, 'articles_returned')).toBe(1);
      // Another county's admin does not see the piece returned to this editor.
      expect(await countOf(w.yi, 'articles_returned')).toBe(0);
      expect((await post(editor, `/api/newsroom/articles/${id}/submit`)).statusCode).toBe(200);
      expect(await countOf(editor, 'articles_returned')).toBe(0);
      expect(await countOf(reviewer, 'articles_to_review')).toBe(1);
      expect((await post(reviewer, `/api/newsroom/articles/${id}/approve`)).statusCode).toBe(200);
      expect(await countOf(reviewer, 'articles_to_review')).toBe(0);
    });

    it('counts a column not updated for the stale period, in reach, until a piece is published in it', async () => {
      // The city's column (from the test above) is seen by the counties beneath, who write into it; 甲县's
      // own column is not seen by 乙县.
      const own = await w.post(w.jia, '/api/newsroom/columns', {
        slug: 'jia-col',
        name: '甲县动态',
        intro: '甲县',
        channelSlug: 'qc',
      });
      expect(own.statusCode, own.body).toBe(201);
      expect(await countOf(reviewer, 'stale_columns')).toBe(0);
      setNewsroomClock(w.ctx, () => new Date(Date.now() + 400 * 86_400_000));
      try {
        expect(await countOf(w.jia, 'stale_columns')).toBe(2);
        expect(await countOf(w.yi, 'stale_columns')).toBe(1);
        expect(await countOf(reviewer, 'stale_columns')).toBe(2);
        expect((await todo(w.secretary)).map((i) => i.kind)).not.toContain('stale_columns');
        const draft = await w.post(reviewer, '/api/newsroom/articles', {
          title: '市团委青春答卷更新',
          bodyHtml: '<p>正文。</p>',
          channelSlug: 'qc',
          columnSlug: 'qc-dj',
        });
        expect(draft.statusCode, draft.body).toBe(201);
        const id = draft.json().id;
        expect((await w.post(reviewer, `/api/newsroom/articles/${id}/submit`)).statusCode).toBe(200);
        expect((await w.post(reviewer, `/api/newsroom/articles/${id}/approve`)).statusCode).toBe(200);
        expect(await countOf(reviewer, 'stale_columns')).toBe(1);
        expect(await countOf(w.yi, 'stale_columns')).toBe(0);
      } finally {
        setNewsroomClock(w.ctx, () => new Date());
      }
    });

    it('counts organisations without a secretary and terms ending within 90 days, in reach, until filled or renewed', async () => {
      // 甲县: the committee and its two branches have no secretary; 丙县 only its committee.
      expect(await countOf(w.jia, 'cadre_vacancies')).toBe(3);
      expect(await countOf(w.bing, 'cadre_vacancies')).toBe(1);
      expect((await todo(w.secretary)).map((i) => i.kind)).not.toContain('cadre_vacancies');
      const p = await buildPerson(w.ctx, { name: '书记丁', orgCode: 'SL-A-B1', birthDate: '1998-01-01' });
      const post = await w.post(w.jia, '/api/cadres', {
        idNumber: p.idNumber,
        orgCode: 'SL-A-B1',
        title: 'secretary',
        mode: 'part_time',
        startedOn: addDays(today(), -(3 * 365 - 30)),
      });
      expect(post.statusCode, post.body).toBe(201);
      expect(await countOf(w.jia, 'cadre_vacancies')).toBe(2);
      expect(await countOf(w.jia, 'cadre_terms_due')).toBe(1);
      expect(await countOf(w.bing, 'cadre_terms_due')).toBe(0);
      const renewed = await w.ctx.db
        .updateTable('cadre_posts')
        .set({ started_on: today() })
        .where('id', '=', post.json().id)
        .executeTakeFirst();
      expect(Number(renewed.numUpdatedRows)).toBe(1);
      expect(await countOf(w.jia, 'cadre_terms_due')).toBe(0);
    });

    it('counts an open high-risk case for counsellors only, until it is followed up and referred', async () => {
      const c = await buildPerson(w.ctx, { name: '咨询师甲', orgCode: 'SL-A', birthDate: '1990-01-01' });
      const user = await w.ctx.db
        .selectFrom('users')
        .select('id')
        .where('username', '=', 'jia-counsellor')
        .executeTakeFirstOrThrow();
      await linkUserToPerson(w.ctx, user.id, c.id);
      const registered = await w.post(w.jia, '/api/counselling/counsellors', {
        idNumber: c.idNumber,
        orgCode: 'SL-A',
        certificate: '心理咨询师（三级）',
        certificateNo: 'XL-TODO-1',
        joinedOn: '2023-01-01',
      });
      expect(registered.statusCode, registered.body).toBe(201);
      const created = await w.post(counsellor, '/api/counselling/consultations', {
        heldOn: '2026-05-06',
        clientRef: 'LF901',
        channel: '面询',
        risk: 'high',
        orgCode: 'SL-A',
        notes: '待办测试',
      });
      expect(created.statusCode, created.body).toBe(201);
      expect(await countOf(counsellor, 'counselling_follow_ups')).toBe(1);
      // The county admin holds no consultation.notes: no kind, though the case is in his reach.
      expect((await todo(w.jia)).map((i) => i.kind)).not.toContain('counselling_follow_ups');
      const done = await w.post(counsellor, `/api/counselling/consultations/${created.json().id}/follow-up`, {
        followedUpOn: '2026-05-13',
        referredOn: '2026-05-06',
      });
      expect(done.statusCode, done.body).toBe(200);
      expect(await countOf(counsellor, 'counselling_follow_ups')).toBe(0);
    });

    it('counts a young person’s volunteer registration for the organisers of his county until confirmed', async () => {
      const p = await buildPerson(w.ctx, { name: '钱小青', orgCode: 'SL-A-B1', birthDate: '2008-03-03' });
      const res = await w.sut.inject({
        method: 'POST',
        url: '/public/volunteering/register',
        remoteAddress: `10.9.0.${++address}`,
        payload: {
          orgCode: 'SL',
          idNumber: p.idNumber,
          name: '钱小青',
          phone: '13900000077',
          password: 'Qingnian-2026!x',
          privacyAccepted: true,
        },
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(await countOf(w.jia, 'volunteer_registrations')).toBe(1);
      expect(await countOf(w.yi, 'volunteer_registrations')).toBe(0);
      // A branch secretary reads volunteering but does not confirm: no kind.
      expect((await todo(w.secretary)).map((i) => i.kind)).not.toContain('volunteer_registrations');
      const [reg] = (await w.get(w.jia, '/api/volunteering/registrations?status=pending')).json().items;
      const confirmed = await w.post(w.jia, `/api/volunteering/registrations/${reg.id}/confirm`);
      expect(confirmed.statusCode, confirmed.body).toBe(200);
      expect(await countOf(w.jia, 'volunteer_registrations')).toBe(0);
    });
  });
}
