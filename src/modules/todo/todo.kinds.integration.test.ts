import { beforeAll, describe, expect, it } from 'vitest';
import { nowIso } from '../../db/create-db.ts';
import { addDays, today } from '../../lib/dates.ts';
import { login, type Session } from '../../test/app.ts';
import { linkUserToPerson } from '../../test/county-factories.ts';
import { DIALECTS } from '../../test/db.ts';
import { buildPerson, buildUser, TEST_PASSWORD } from '../../test/factories.ts';
import { useMembershipWorld } from '../../test/worlds/membership.ts';

/**
 * The to-do centre's kinds from admission, volunteering and member management (issue 15): each counts what
 * its page lists (the page's own query, filtered as the link says), and doing the work removes it.
 */
for (const dialect of DIALECTS) {
  describe(`待办：发展团员、志愿服务、团员管理 (${dialect})`, () => {
    const w = useMembershipWorld(dialect);
    let organiser: Session;

    type Item = { kind: string; title: string; count: number; link: string };
    const todo = async (s: Session): Promise<Item[]> => {
      const res = await w.get(s, '/api/todo');
      expect(res.statusCode, res.body).toBe(200);
      return (res.json() as { items: Item[] }).items;
    };
    const itemOf = async (s: Session, kind: string) => (await todo(s)).find((i) => i.kind === kind);
    const countOf = async (s: Session, kind: string) => (await itemOf(s, kind))?.count ?? 0;

    /** An admission of a new young person of 甲县's first branch, at the stage the dates give. */
    async function admission(values: Record<string, string | number | null>): Promise<number> {
      const p = await buildPerson(w.ctx, {
        orgCode: 'SL-A-B1',
        politicalStatus: 'young_pioneer',
        joinedOn: null,
        birthDate: '2010-02-02',
      });
      const now = nowIso();
      const { id } = await w.ctx.db
        .insertInto('admissions')
        .values({
          person_id: p.id,
          applied_on: addDays(today(), -200),
          recommended_by: null,
          civics_grade: '优秀',
          activist_on: null,
          candidate_on: null,
          branch_vote_on: null,
          approved_on: null,
          joined_on: null,
          status: 'applied',
          talk_on: null,
          publicity_from: null,
          publicity_to: null,
          vote_should_attend: null,
          vote_attended: null,
          vote_yes: null,
          member_no: null,
          ceremony_on: null,
          ended_on: null,
          end_reason: null,
          org_id: p.org.id,
          org_path: p.org.path,
          created_at: now,
          updated_at: now,
          ...values,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return id;
    }

    beforeAll(async () => {
      await buildUser(w.ctx, { username: 'jia-organiser', orgCode: 'SL-A', roles: ['volunteer_organiser'] });
      organiser = await login(w.sut, 'jia-organiser', TEST_PASSWORD);
    });

    it('counts each admission step due from the board’s own reminders, and the board filtered by the link shows them', async () => {
      const talk = await admission({});
      await admission({
        status: 'activist',
        talk_on: addDays(today(), -190),
        activist_on: addDays(today(), -100),
      });
      const candidate = {
        status: 'candidate',
        talk_on: addDays(today(), -190),
        activist_on: addDays(today(), -150),
        candidate_on: addDays(today(), -20),
        publicity_from: addDays(today(), -10),
      };
      await admission({ ...candidate, publicity_to: addDays(today(), 2) });
      await admission({ ...candidate, publicity_to: addDays(today(), -1) });
      await admission({
        ...candidate,
        publicity_to: addDays(today(), -8),
        branch_vote_on: addDays(today(), -3),
        vote_should_attend: 10,
        vote_attended: 9,
        vote_yes: 9,
      });
      for (const reminder of [
        'talk_overdue',
        'activist_due',
        'publicity_ending',
        'vote_due',
        'awaiting_approval',
      ]) {
        const item = await itemOf(w.jia, `admission_${reminder}`);
        expect(item, reminder).toMatchObject({ count: 1, link: `/admission?reminder=${reminder}` });
        const shown = await w.get(w.jia, `/api${item!.link.replace('/admission', '/admissions')}`);
        expect(shown.statusCode, shown.body).toBe(200);
        expect(shown.json().items.map((i: { reminders: string[] }) => i.reminders)).toEqual([[reminder]]);
      }
      // The branch does its steps; approval is the committee's above it, so the secretary has no such kind.
      expect(await countOf(w.secretary, 'admission_vote_due')).toBe(1);
      expect((await todo(w.secretary)).map((i) => i.kind)).not.toContain('admission_awaiting_approval');
      expect(await countOf(w.yi, 'admission_talk_overdue')).toBe(0);

      const talked = await w.post(w.secretary, `/api/admissions/${talk}/talk`, { on: today() });
      expect(talked.statusCode, talked.body).toBe(200);
      expect(await countOf(w.jia, 'admission_talk_overdue')).toBe(0);
    });

    it('counts activities whose checked-out attendance waits for the organiser, until confirmed', async () => {
      const hour = 3_600_000;
      const created = await w.post(organiser, '/api/volunteering/activities', {
        orgCode: 'SL-A',
        title: '待办测试：河道清洁',
        startsAt: new Date(Date.now() - 30 * hour).toISOString(),
        endsAt: new Date(Date.now() - 27 * hour).toISOString(),
        capacity: 10,
      });
      expect(created.statusCode, created.body).toBe(201);
      const id = created.json().id;
      const p = await buildPerson(w.ctx, { orgCode: 'SL-A-B1', birthDate: '2004-04-04' });
      // A walk-in not yet one of the organiser's volunteers is entered by the county, who reads the roll.
      const entered = await w.post(w.jia, `/api/volunteering/activities/${id}/manual-attendance`, {
        personId: p.id,
        checkedInAt: new Date(Date.now() - 30 * hour).toISOString(),
        checkedOutAt: new Date(Date.now() - 28 * hour).toISOString(),
        reason: '现场签到表为证',
      });
      expect(entered.statusCode, entered.body).toBe(200);
      const item = await itemOf(organiser, 'volunteer_hours_to_confirm');
      expect(item).toMatchObject({ count: 1, link: '/volunteering?tab=activities&awaiting=1' });
      const listed = await w.get(organiser, '/api/volunteering/activities?awaiting=true');
      expect(listed.json().items.map((a: { id: number }) => a.id)).toEqual([id]);
      // A branch secretary reads volunteering but does not confirm; another county has nothing.
      expect((await todo(w.secretary)).map((i) => i.kind)).not.toContain('volunteer_hours_to_confirm');
      expect(await countOf(w.yi, 'volunteer_hours_to_confirm')).toBe(0);

      const enrolments = (await w.get(organiser, `/api/volunteering/activities/${id}/enrolments`)).json();
      const confirmed = await w.post(organiser, `/api/volunteering/activities/${id}/confirm`, {
        enrolmentIds: enrolments.items.map((e: { id: number }) => e.id),
      });
      expect(confirmed.statusCode, confirmed.body).toBe(200);
      expect(await countOf(organiser, 'volunteer_hours_to_confirm')).toBe(0);
    });

    it('counts members turned 28 (or turning so within 90 days) for their county until their leaving is recorded', async () => {
      const before = await countOf(w.jia, 'members_ageing_out');
      // Past 28 a few weeks ago: his leaving is due (a member turning 28 next month is listed too, but
      // cannot leave before his birthday).
      const birth = addDays(today(), -28 * 365 - 30);
      const p = await buildPerson(w.ctx, { orgCode: 'SL-A-B2', birthDate: birth });
      expect(await countOf(w.jia, 'members_ageing_out')).toBe(before + 1);
      const listed = await w.get(w.jia, '/api/membership/ageing-out');
      expect(listed.json().items).toHaveLength(before + 1);
      expect(await countOf(w.yi, 'members_ageing_out')).toBe(0);
      const left = await w.post(w.jia, '/api/membership/departures', {
        personIds: [p.id],
        reason: 'age',
        leftOn: today(),
      });
      expect(left.statusCode, left.body).toBe(201);
      expect(await countOf(w.jia, 'members_ageing_out')).toBe(before);
    });

    it('counts members in arrears this year as the arrears list does, until the dues are paid', async () => {
      const month = Number(today().slice(5, 7));
      const before = await countOf(w.jia, 'dues_arrears');
      expect((await w.get(w.jia, '/api/membership/dues/arrears')).json().items).toHaveLength(before);
      // January has no month of this year due yet.
      if (month < 3) return;
      const months = [month - 2, month - 1].map(
        (m) => `${today().slice(0, 4)}-${String(m).padStart(2, '0')}`,
      );
      const p = await buildPerson(w.ctx, { orgCode: 'SL-A-B2', joinedOn: `${months[0]}-01` });
      expect(await itemOf(w.jia, 'dues_arrears')).toMatchObject({
        count: before + 1,
        link: '/membership?tab=dues',
      });
      expect(await countOf(w.yi, 'dues_arrears')).toBe(0);
      for (const m of months) {
        const paid = await w.post(w.jia, '/api/membership/dues/payments', {
          branchCode: 'SL-A-B2',
          month: m,
          paidOn: today(),
          items: [{ personId: p.id, amountFen: 50 }],
        });
        expect(paid.statusCode, paid.body).toBe(201);
      }
      expect(await countOf(w.jia, 'dues_arrears')).toBe(before);
    });

    it('counts branches behind 三会两制一课 as the rhythm table does', async () => {
      const rhythm = (await w.get(w.jia, '/api/membership/meetings-rhythm')).json();
      const behind = rhythm.items.filter((b: { behind: string[] }) => b.behind.length > 0).length;
      expect(await countOf(w.jia, 'meetings_behind')).toBe(behind);
      const item = await itemOf(w.jia, 'meetings_behind');
      if (rhythm.monthsCounted >= 3) {
        expect(item).toMatchObject({ count: 2, link: '/membership?tab=life&behind=1' });
        const member = await buildPerson(w.ctx, { orgCode: 'SL-A-B1' });
        for (const kind of ['general_meeting', 'league_class'])
          for (let i = 0; i < Math.floor(rhythm.monthsCounted / 3); i++) {
            const held = await w.post(w.secretary, '/api/membership/meetings', {
              branchCode: 'SL-A-B1',
              kind,
              heldOn: `${today().slice(0, 4)}-0${i + 1}-15`,
              topic: '待办测试',
              attendeeIds: [member.id],
            });
            expect(held.statusCode, held.body).toBe(201);
          }
        expect(await countOf(w.jia, 'meetings_behind')).toBe(1);
      }
    });

    it('gives a young person his own: tomorrow’s activity and hours waiting for confirmation', async () => {
      const p = await buildPerson(w.ctx, { name: '孙小青', orgCode: 'SL-A-B1', birthDate: '2007-07-07' });
      const user = await buildUser(w.ctx, {
        username: 'sun-youth',
        orgCode: 'SL-A-B1',
        roles: ['young_person'],
      });
      await linkUserToPerson(w.ctx, user.id, p.id);
      const youth = await login(w.sut, 'sun-youth', TEST_PASSWORD);
      expect(await todo(youth)).toEqual([]);

      const tomorrow = new Date(`${addDays(today(), 1)}T01:00:00Z`);
      const created = await w.post(organiser, '/api/volunteering/activities', {
        orgCode: 'SL-A',
        title: '待办测试：敬老院探访',
        startsAt: tomorrow.toISOString(),
        endsAt: new Date(tomorrow.getTime() + 3 * 3_600_000).toISOString(),
        capacity: 10,
      });
      expect(created.statusCode, created.body).toBe(201);
      const signed = await w.post(youth, `/api/volunteering/me/activities/${created.json().id}/signup`);
      expect(signed.statusCode, signed.body).toBe(201);
      expect(await itemOf(youth, 'my_activities_tomorrow')).toEqual({
        kind: 'my_activities_tomorrow',
        title: '明天参加的志愿服务活动',
        count: 1,
        link: '/my-volunteering',
      });
      // Staff kinds never reach him, nor his kinds staff.
      expect((await todo(youth)).map((i) => i.kind)).toEqual(['my_activities_tomorrow']);
      expect((await todo(w.jia)).map((i) => i.kind)).not.toContain('my_activities_tomorrow');

      const hour = 3_600_000;
      const past = await w.post(organiser, '/api/volunteering/activities', {
        orgCode: 'SL-A',
        title: '待办测试：图书整理',
        startsAt: new Date(Date.now() - 6 * hour).toISOString(),
        endsAt: new Date(Date.now() - 3 * hour).toISOString(),
        capacity: 10,
      });
      const pastId = past.json().id;
      const entered = await w.post(organiser, `/api/volunteering/activities/${pastId}/manual-attendance`, {
        personId: p.id,
        checkedInAt: new Date(Date.now() - 6 * hour).toISOString(),
        checkedOutAt: new Date(Date.now() - 4 * hour).toISOString(),
        reason: '现场签到表为证',
      });
      expect(entered.statusCode, entered.body).toBe(200);
      expect(await countOf(youth, 'my_hours_awaiting')).toBe(1);
      const enrolments = (await w.get(organiser, `/api/volunteering/activities/${pastId}/enrolments`)).json();
      const confirmed = await w.post(organiser, `/api/volunteering/activities/${pastId}/confirm`, {
        enrolmentIds: enrolments.items.map((e: { id: number }) => e.id),
      });
      expect(confirmed.statusCode, confirmed.body).toBe(200);
      expect(await countOf(youth, 'my_hours_awaiting')).toBe(0);
    });
  });
}
