import { describe, expect, it } from 'vitest';
import { ageOn, today } from '../../lib/dates.ts';
import { DIALECTS } from '../../test/db.ts';
import { buildPerson } from '../../test/factories.ts';
import { giveVolunteerHours, useAdmissionWorld } from '../../test/worlds/admission.ts';

interface Checklist {
  items: { key: string; met: boolean; detail: string; evidence: { kind: string; code: string }[] }[];
}

for (const dialect of DIALECTS) {
  describe(`admission procedure (${dialect})`, () => {
    const w = useAdmissionWorld(dialect);
    const { get, post, put } = w;

    const reasonOf = (res: { json(): { error: { message: string } } }) => res.json().error.message;

    /** A new applicant (born 2010) of C1, with a passed 团课 record of n classes and volunteer hours. */
    async function applicant(
      opts: { classes?: number; volunteer?: number; grade?: string; birthDate?: string } = {},
    ) {
      const p = await buildPerson(w.ctx, {
        orgCode: 'SL-A-M1-C1',
        politicalStatus: 'young_pioneer',
        birthDate: opts.birthDate ?? '2010-03-01',
        joinedOn: null,
      });
      const n = opts.classes ?? 4;
      for (const code of w.classes.slice(0, n)) {
        const r = await put(w.secretary, `/api/classes/${code}/attendance`, {
          records: [{ personId: p.id, result: 'passed' }],
        });
        expect(r.statusCode).toBe(200);
      }
      if ((opts.volunteer ?? 24) > 0)
        await giveVolunteerHours(w.ctx, '2026-03-15', opts.volunteer ?? 24, [p.id]);
      const res = await post(w.secretary, '/api/admissions', {
        personId: p.id,
        orgCode: 'SL-A-M1-C1',
        appliedOn: '2026-01-05',
        ...(opts.grade === '' ? {} : { civicsGrade: opts.grade ?? '优秀' }),
      });
      expect(res.statusCode, res.body).toBe(201);
      return { personId: p.id, id: res.json().id as number };
    }

    async function toActivist(id: number) {
      expect((await post(w.secretary, `/api/admissions/${id}/talk`, { on: '2026-01-20' })).statusCode).toBe(
        200,
      );
      const res = await post(w.secretary, `/api/admissions/${id}/activist`, {
        on: '2026-02-02',
        recommendedBy: 'pioneer_recommendation',
        mentorIds: [w.members[0]],
      });
      expect(res.statusCode, res.body).toBe(200);
    }

    const candidacy = (over: object = {}) => ({
      on: '2026-05-04',
      publicityFrom: '2026-05-06',
      publicityTo: '2026-05-12',
      introducerIds: [w.members[1], w.members[2]],
      ...over,
    });

    async function toVoted(id: number) {
      await toActivist(id);
      expect((await post(w.secretary, `/api/admissions/${id}/candidate`, candidacy())).statusCode).toBe(200);
      const vote = await post(w.secretary, `/api/admissions/${id}/vote`, {
        on: '2026-05-20',
        shouldAttend: 30,
        attended: 25,
        yes: 24,
      });
      expect(vote.statusCode, vote.body).toBe(200);
    }

    it('walks an applicant through every step; he becomes a member of the branch from the vote', async () => {
      const { id, personId } = await applicant();
      await toActivist(id);
      const detail = (await get(w.secretary, `/api/admissions/${id}`)).json();
      expect(detail.status).toBe('activist');
      // Age beside the mask, never the birth date (DESIGN.md).
      expect(detail.person).not.toHaveProperty('birthDate');
      expect(detail.person.age).toBe(ageOn('2010-03-01', today()));
      expect(detail.mentors.map((m: { id: number }) => m.id)).toEqual([w.members[0]]);
      // The admin shows the mentor's name, the rules in force and the timeline (declared in AdmissionDetailReply).
      expect(detail.mentors[0]).toMatchObject({
        name: expect.any(String),
        political_status: expect.any(String),
      });
      expect(detail.mentors[0]).not.toHaveProperty('id_number_enc');
      expect(detail.settings).toMatchObject({ minClassHours: 8, civicsRequired: expect.any(Boolean) });
      expect(detail.timeline[0]).toMatchObject({ step: expect.any(String), label: expect.any(String) });
      expect(detail.timeline[0].at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      const cand = await post(w.secretary, `/api/admissions/${id}/candidate`, candidacy());
      expect(cand.statusCode, cand.body).toBe(200);
      expect(cand.json().status).toBe('candidate');
      expect(cand.json().introducers).toHaveLength(2);
      const vote = await post(w.secretary, `/api/admissions/${id}/vote`, {
        on: '2026-05-20',
        shouldAttend: 30,
        attended: 20,
        yes: 11,
      });
      expect(vote.statusCode, vote.body).toBe(200);
      expect(vote.json()).toMatchObject({
        status: 'candidate',
        branchVoteOn: '2026-05-20',
        vote: { shouldAttend: 30, attended: 20, yes: 11 },
      });
      // The branch cannot approve itself; the school committee above does.
      expect(
        (await post(w.secretary, `/api/admissions/${id}/approve`, { on: '2026-05-25' })).statusCode,
      ).toBe(403);
      const approved = await post(w.school, `/api/admissions/${id}/approve`, { on: '2026-05-25' });
      expect(approved.statusCode, approved.body).toBe(200);
      const a = approved.json();
      expect(a).toMatchObject({ status: 'admitted', approvedOn: '2026-05-25', joinedOn: '2026-05-20' });
      expect(a.memberNo).toMatch(/^2026\d{8}$/);
      const person = (await get(w.school, `/api/people/${personId}`)).json();
      expect(person).toMatchObject({
        politicalStatus: 'league_member',
        joinedOn: '2026-05-20',
        memberNo: a.memberNo,
        org: { code: 'SL-A-M1-C1' },
      });
      const done = await post(w.secretary, `/api/admissions/${id}/ceremony`, { on: '2026-06-01' });
      expect(done.statusCode, done.body).toBe(200);
      const steps = done.json().timeline.map((t: { step: string }) => t.step);
      expect(steps).toEqual(['applied', 'talk', 'activist', 'candidate', 'vote', 'approved', 'ceremony']);
      expect(done.json().timeline[5].by).toBe('m1-admin');
      const audit = await w.ctx.db
        .selectFrom('audit_log')
        .select('summary')
        .where('entity', '=', 'admission')
        .where('entity_id', '=', String(id))
        .execute();
      expect(audit).toHaveLength(7);
      // The answer sheet's ledger reading: admitted, joined in 2026, 推优 by pioneers.
      const row = await w.ctx.db
        .selectFrom('admissions')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        status: 'admitted',
        joined_on: '2026-05-20',
        recommended_by: 'pioneer_recommendation',
      });
    });

    it('shows each condition with the records that prove it', async () => {
      const { id } = await applicant({ classes: 3 });
      await toActivist(id);
      const { checklist } = (await get(w.secretary, `/api/admissions/${id}`)).json() as {
        checklist: Checklist;
      };
      const hours = checklist.items.find((i) => i.key === 'class_hours')!;
      expect(hours.met).toBe(false);
      expect(hours.detail).toContain('已合格 6 学时');
      expect(hours.evidence.map((e) => e.code)).toEqual(w.classes.slice(0, 3));
      const vol = checklist.items.find((i) => i.key === 'volunteer_hours')!;
      expect(vol.met).toBe(true);
      expect(vol.evidence).toHaveLength(1);
      expect(vol.evidence[0]!.kind).toBe('volunteer');
    });

    it('refuses an applicant younger than 14 or older than 28 on the day of application', async () => {
      for (const birthDate of ['2012-01-06', '1997-01-04']) {
        const p = await buildPerson(w.ctx, {
          orgCode: 'SL-A-M1-C1',
          politicalStatus: 'masses',
          birthDate,
          joinedOn: null,
        });
        const res = await post(w.secretary, '/api/admissions', {
          personId: p.id,
          orgCode: 'SL-A-M1-C1',
          appliedOn: '2026-01-05',
        });
        expect(res.statusCode).toBe(422);
        expect(reasonOf(res)).toMatch(/入团年龄应为14至28周岁/);
        expect(reasonOf(res)).not.toContain(birthDate);
      }
    });

    it('refuses a candidate before 3 months as activist', async () => {
      const { id } = await applicant();
      await toActivist(id);
      const res = await post(
        w.secretary,
        `/api/admissions/${id}/candidate`,
        candidacy({ on: '2026-05-01', publicityFrom: '2026-05-04', publicityTo: '2026-05-08' }),
      );
      expect(res.statusCode).toBe(422);
      expect(reasonOf(res)).toContain('入团积极分子培养教育满3个月');
      expect((await get(w.secretary, `/api/admissions/${id}`)).json().status).toBe('activist');
    });

    it('refuses a candidate short of 团课 学时, volunteer hours or civics grade, naming each', async () => {
      const { id } = await applicant({ classes: 3, volunteer: 19.5, grade: '合格' });
      await toActivist(id);
      const res = await post(w.secretary, `/api/admissions/${id}/candidate`, candidacy());
      expect(res.statusCode).toBe(422);
      const message = reasonOf(res);
      expect(message).toContain('团课学习不少于8学时');
      expect(message).toContain('已合格 6 学时');
      expect(message).toContain('近12个月志愿服务不少于20小时');
      expect(message).toContain('19.5 小时');
      expect(message).toContain('思政课评价为优秀或良好');
      // One more class and a better grade: only the volunteer hours stand in the way.
      await put(w.secretary, `/api/classes/${w.classes[3]}/attendance`, {
        records: [
          { personId: (await get(w.secretary, `/api/admissions/${id}`)).json().person.id, result: 'passed' },
        ],
      });
      expect(
        (await post(w.secretary, `/api/admissions/${id}/civics-grade`, { grade: '良好' })).statusCode,
      ).toBe(200);
      const again = await post(w.secretary, `/api/admissions/${id}/candidate`, candidacy());
      expect(again.statusCode).toBe(422);
      expect(reasonOf(again)).not.toContain('学时');
      expect(reasonOf(again)).not.toContain('思政课');
      expect(reasonOf(again)).toContain('志愿服务');
    });

    it('counts only 合格 attendance and only the past 12 months of volunteering', async () => {
      const { id, personId } = await applicant({ classes: 3, volunteer: 0 });
      await put(w.secretary, `/api/classes/${w.classes[3]}/attendance`, {
        records: [{ personId, result: 'failed' }],
      });
      await giveVolunteerHours(w.ctx, '2025-05-04', 30, [personId]);
      await toActivist(id);
      const res = await post(w.secretary, `/api/admissions/${id}/candidate`, candidacy());
      expect(res.statusCode).toBe(422);
      expect(reasonOf(res)).toContain('已合格 6 学时');
      expect(reasonOf(res)).toContain('志愿服务 0 小时');
    });

    it('refuses a 公示 of fewer than 5 working days (weekends do not count)', async () => {
      const { id } = await applicant();
      await toActivist(id);
      // Thursday 7 May to Wednesday 13 May: 7 calendar days, 5 working days — accepted below; 8–13 May is 4.
      const res = await post(
        w.secretary,
        `/api/admissions/${id}/candidate`,
        candidacy({ publicityFrom: '2026-05-08', publicityTo: '2026-05-13' }),
      );
      expect(res.statusCode).toBe(422);
      expect(reasonOf(res)).toContain('仅 4 个工作日，应不少于5个工作日');
      const ok = await post(
        w.secretary,
        `/api/admissions/${id}/candidate`,
        candidacy({ publicityFrom: '2026-05-07', publicityTo: '2026-05-13' }),
      );
      expect(ok.statusCode, ok.body).toBe(200);
    });

    it('wants two introducers who are league members', async () => {
      const { id } = await applicant();
      await toActivist(id);
      const one = await post(
        w.secretary,
        `/api/admissions/${id}/candidate`,
        candidacy({ introducerIds: [w.members[1]] }),
      );
      expect(one.statusCode).toBe(422);
      expect(reasonOf(one)).toBe('应有两名入团介绍人');
      const notMember = await post(
        w.secretary,
        `/api/admissions/${id}/candidate`,
        candidacy({ introducerIds: [w.members[1], w.masses] }),
      );
      expect(notMember.statusCode).toBe(422);
      expect(reasonOf(notMember)).toContain('不是共青团员，不能担任入团介绍人');
    });

    it('applies the majority rule: no quorum is refused, too few yes votes end the path', async () => {
      const { id } = await applicant();
      await toActivist(id);
      await post(w.secretary, `/api/admissions/${id}/candidate`, candidacy());
      const early = await post(w.secretary, `/api/admissions/${id}/vote`, {
        on: '2026-05-12',
        shouldAttend: 30,
        attended: 25,
        yes: 20,
      });
      expect(reasonOf(early)).toContain('公示期满后');
      const noQuorum = await post(w.secretary, `/api/admissions/${id}/vote`, {
        on: '2026-05-20',
        shouldAttend: 30,
        attended: 15,
        yes: 15,
      });
      expect(noQuorum.statusCode).toBe(422);
      expect(reasonOf(noQuorum)).toContain('实到 15 人，未超过半数，会议无效');
      const failed = await post(w.secretary, `/api/admissions/${id}/vote`, {
        on: '2026-05-20',
        shouldAttend: 30,
        attended: 20,
        yes: 10,
        confirmFailure: true,
      });
      expect(failed.statusCode).toBe(200);
      expect(failed.json()).toMatchObject({ status: 'rejected', endedOn: '2026-05-20' });
      expect(failed.json().endReason).toContain('未超过到会人数的半数');
    });

    it('counts yes votes against those who should attend where the county says so', async () => {
      const settings = await put(w.county, '/api/admissions/settings', {
        org: 'SL-A',
        civicsRequired: true,
        minClassHours: 8,
        minVolunteerHours: 20,
        voteBase: 'should_attend',
        quotaJuniorPct: 30,
        quotaSeniorPct: 60,
      });
      expect(settings.statusCode, settings.body).toBe(200);
      const { id } = await applicant();
      await toActivist(id);
      await post(w.secretary, `/api/admissions/${id}/candidate`, candidacy());
      const res = await post(w.secretary, `/api/admissions/${id}/vote`, {
        on: '2026-05-20',
        shouldAttend: 30,
        attended: 20,
        yes: 15,
        confirmFailure: true,
      });
      expect(res.json().status).toBe('rejected');
      expect(res.json().endReason).toContain('应到会人数的半数');
      await put(w.county, '/api/admissions/settings', {
        org: 'SL-A',
        civicsRequired: true,
        minClassHours: 8,
        minVolunteerHours: 20,
        voteBase: 'attending',
        quotaJuniorPct: 30,
        quotaSeniorPct: 60,
      });
    });

    it('warns before an approval would exceed the graduating class quota', async () => {
      const q = await put(w.school, '/api/admissions/quotas', {
        org: 'SL-A-M1',
        year: 2026,
        schoolStage: 'junior',
        graduates: 20,
        membersBefore: 5,
      });
      expect(q.statusCode, q.body).toBe(200);
      const { id } = await applicant();
      await toVoted(id);
      // 5 before + 1 admitted earlier in this file + this one = 7 of 20 = 35% > 30%.
      const detail = (await get(w.school, `/api/admissions/${id}`)).json();
      expect(detail.quotaWarning).toContain('超过上限 30%');
      const warned = await post(w.school, `/api/admissions/${id}/approve`, { on: '2026-05-25' });
      expect(warned.statusCode).toBe(409);
      expect(reasonOf(warned)).toContain('超出名额');
      expect((await get(w.school, `/api/admissions/${id}`)).json().status).toBe('candidate');
      const ok = await post(w.school, `/api/admissions/${id}/approve`, {
        on: '2026-05-25',
        acceptQuotaWarning: true,
      });
      expect(ok.statusCode, ok.body).toBe(200);
      const quotas = (await get(w.school, '/api/admissions/quotas?org=SL-A-M1')).json();
      expect(quotas.items[0]).toMatchObject({ graduates: 20, membersBefore: 5, capPct: 30 });
      expect(quotas.items[0].admitted).toBeGreaterThanOrEqual(2);
    });

    it('issues unique 团员编号, year first', async () => {
      const numbers = (
        await w.ctx.db.selectFrom('people').select('member_no').where('member_no', 'is not', null).execute()
      ).map((r) => r.member_no);
      expect(numbers.length).toBeGreaterThanOrEqual(2);
      expect(new Set(numbers).size).toBe(numbers.length);
      for (const n of numbers) expect(n).toMatch(/^2026\d{8}$/);
    });

    it('lets only the right user take each step, and rejection and withdrawal end a path with a reason', async () => {
      const { id } = await applicant();
      expect(
        (await post(w.otherSecretary, `/api/admissions/${id}/talk`, { on: '2026-01-20' })).statusCode,
      ).toBe(404);
      expect((await post(w.countyB, `/api/admissions/${id}/talk`, { on: '2026-01-20' })).statusCode).toBe(
        404,
      );
      expect((await get(w.countyB, `/api/admissions/${id}`)).statusCode).toBe(404);
      const noReason = await post(w.secretary, `/api/admissions/${id}/withdraw`, {
        on: '2026-02-01',
        reason: ' ',
      });
      expect(noReason.statusCode).toBe(422);
      const withdrawn = await post(w.secretary, `/api/admissions/${id}/withdraw`, {
        on: '2026-02-01',
        reason: '本人申请撤回',
      });
      expect(withdrawn.json()).toMatchObject({ status: 'withdrawn', endReason: '本人申请撤回' });
      const after = await post(w.secretary, `/api/admissions/${id}/talk`, { on: '2026-02-02' });
      expect(after.statusCode).toBe(409);
      const second = await applicant();
      const rejected = await post(w.school, `/api/admissions/${second.id}/reject`, {
        on: '2026-02-01',
        reason: '不符合条件',
      });
      expect(rejected.json()).toMatchObject({ status: 'rejected', endReason: '不符合条件' });
    });

    it('shows the board with counts and reminders, and exports it', async () => {
      const board = (await get(w.school, '/api/admissions?org=SL-A-M1')).json();
      // What the tests above left in the school, in the order this file runs them.
      expect(board.counts).toEqual({
        applied: 0,
        activist: 5,
        candidate: 1,
        admitted: 2,
        rejected: 3,
        withdrawn: 1,
      });
      // Activists named on 2 February 2026 are long past 3 months.
      expect(board.reminders.activist_due).toBe(board.counts.activist);
      const exported = await get(w.school, '/api/admissions/export?org=SL-A-M1');
      expect(exported.statusCode).toBe(200);
      expect(exported.headers['content-type']).toContain('spreadsheetml');
      expect((await get(w.countyB, '/api/admissions?org=SL-A-M1')).statusCode).toBe(403);
    });
  });
}
