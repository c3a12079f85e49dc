import { describe, expect, it } from 'vitest';
import { addDays, addYears, today } from '../../lib/dates.ts';
import { DIALECTS } from '../../test/db.ts';
import { dumpTables } from '../../test/dump.ts';
import { buildOrg, buildPerson } from '../../test/factories.ts';
import { useMembershipWorld } from '../../test/worlds/membership.ts';

for (const dialect of DIALECTS) {
  describe(`branch life, star rating and coverage (${dialect})`, () => {
    const w = useMembershipWorld(dialect);

    it('records meetings with attendance and compares each branch with the expected rhythm', async () => {
      const a = await buildPerson(w.ctx, { name: '开会甲', orgCode: 'SL-A-B1' });
      const outsider = await buildPerson(w.ctx, { name: '开会乙', orgCode: 'SL-A-B2' });
      const before = await dumpTables(w.ctx, ['branch_meetings', 'branch_meeting_attendance']);
      const wrong = await w.post(w.secretary, '/api/membership/meetings', {
        branchCode: 'SL-A-B1',
        kind: 'general_meeting',
        heldOn: today(),
        topic: '学习',
        attendeeIds: [a.id, outsider.id],
      });
      expect(wrong.statusCode).toBe(422);
      expect(
        (
          await w.post(w.secretary, '/api/membership/meetings', {
            branchCode: 'SL-A-B1',
            kind: 'general_meeting',
            heldOn: addDays(today(), 1),
            topic: '学习',
            attendeeIds: [],
          })
        ).statusCode,
      ).toBe(422);
      expect(
        (
          await w.post(w.secretary, '/api/membership/meetings', {
            branchCode: 'SL-A-B2',
            kind: 'general_meeting',
            heldOn: today(),
            topic: '学习',
            attendeeIds: [],
          })
        ).statusCode,
      ).toBe(404);
      expect(await dumpTables(w.ctx, ['branch_meetings', 'branch_meeting_attendance'])).toEqual(before);
      const ok = await w.post(w.secretary, '/api/membership/meetings', {
        branchCode: 'SL-A-B1',
        kind: 'general_meeting',
        heldOn: today(),
        topic: '学习团章',
        minutes: '与会团员学习了团章。',
        attendeeIds: [a.id],
      });
      expect(ok.statusCode).toBe(201);
      expect(ok.json()).toMatchObject({
        kind: 'general_meeting',
        expected: 1,
        attended: 1,
        attendees: [{ id: a.id, name: '开会甲' }],
      });
      // The response schemas serialise only what they declare: the detail and the list keep every field.
      const meeting = {
        id: ok.json().id,
        kind: 'general_meeting',
        heldOn: today(),
        topic: '学习团章',
        minutes: '与会团员学习了团章。',
        expected: 1,
        attended: 1,
        branch: { code: 'SL-A-B1', name: '甲县一村团支部' },
        admissionCandidates: 0,
      };
      expect(ok.json()).toEqual({
        ...meeting,
        attendees: [{ id: a.id, name: '开会甲' }],
        absentees: [],
        attachments: [],
      });
      expect((await w.get(w.jia, `/api/membership/meetings/${meeting.id}`)).json()).toEqual(ok.json());
      const meetings = (await w.get(w.jia, `/api/membership/meetings?org=SL-A`)).json();
      expect(meetings.year).toBe(Number(today().slice(0, 4)));
      expect(meetings.items).toContainEqual({ ...meeting, absentNames: [], attachments: [] });
      const rhythm = (await w.get(w.jia, '/api/membership/meetings-rhythm?org=SL-A')).json();
      expect(rhythm).toMatchObject({ year: expect.any(Number), monthsCounted: expect.any(Number) });
      const b1 = rhythm.items.find((i: { branch: { code: string } }) => i.branch.code === 'SL-A-B1');
      const quarters = Math.floor((Number(today().slice(5, 7)) - 1) / 3);
      expect(b1).toMatchObject({
        held: { general_meeting: 1 },
        expected: { general_meeting: quarters, committee_meeting: 0, league_class: quarters },
      });
      expect(b1.behind.includes('general_meeting')).toBe(quarters > 1);
      const exported = await w.get(w.jia, '/api/membership/meetings-rhythm/export?org=SL-A');
      expect(exported.statusCode).toBe(200);
      expect(exported.headers['content-type']).toContain('spreadsheetml');
      const life = (await w.get(w.jia, `/api/membership/people/${a.id}/life`)).json();
      expect(life.meetings).toEqual([
        { kind: 'general_meeting', heldOn: today(), topic: '学习团章', branch: '甲县一村团支部' },
      ]);
      expect(Object.keys(life).sort()).toEqual(
        [
          'admission',
          'ageOutMonth',
          'departures',
          'dues',
          'evaluations',
          'meetings',
          'person',
          'posts',
          'transfers',
        ].sort(),
      );
      expect(life.person).toEqual({
        id: a.id,
        name: '开会甲',
        politicalStatus: 'league_member',
        org: { code: 'SL-A-B1', name: '甲县一村团支部' },
      });
      expect(Object.keys(life.admission).sort()).toEqual(['admittedBy', 'appliedOn', 'joinedOn', 'memberNo']);
      expect(life.ageOutMonth).toMatch(/^\d{4}-\d{2}$/);
      expect(life.dues).toEqual({ category: null, amountFen: null, payments: [] });
    });

    it('checks election terms (students 1 year, others 2–3) and reminds before a term ends', async () => {
      await buildOrg(w.ctx, {
        code: 'SL-A-S1',
        name: '甲县中学初三一班团支部',
        parentCode: 'SL-A',
        domain: '中学',
      });
      const elect = (branchCode: string, termYears: number, heldOn: string) =>
        w.post(w.jia, '/api/membership/elections', {
          branchCode,
          heldOn,
          termYears,
          secretaryName: '书记',
          committeeSize: 1,
        });
      expect((await elect('SL-A-S1', 2, today())).json().error.message).toBe('学生团支部每届任期为1年');
      expect((await elect('SL-A-B1', 1, today())).json().error.message).toBe('团支部每届任期为2至3年');
      const heldOn = addDays(addYears(today(), -1), 30);
      expect((await elect('SL-A-S1', 1, heldOn)).json()).toMatchObject({ termEndsOn: addDays(today(), 30) });
      expect((await elect('SL-A-B1', 3, today())).statusCode).toBe(201);
      const elections = (await w.get(w.jia, '/api/membership/elections?org=SL-A')).json().items;
      expect(elections).toContainEqual({
        id: expect.any(Number),
        branch: { code: 'SL-A-B1', name: '甲县一村团支部' },
        heldOn: today(),
        termYears: 3,
        termEndsOn: addYears(today(), 3),
        secretaryName: '书记',
        committeeSize: 1,
        note: null,
      });
      const reminders = (await w.get(w.jia, '/api/membership/elections/reminders?org=SL-A')).json().items;
      expect(reminders).toEqual(
        expect.arrayContaining([
          {
            branch: { code: 'SL-A-S1', name: '甲县中学初三一班团支部' },
            status: 'due',
            termEndsOn: addDays(today(), 30),
            secretaryName: '书记',
          },
          expect.objectContaining({ branch: expect.objectContaining({ code: 'SL-A-B2' }), status: 'none' }),
        ]),
      );
      expect(reminders.map((r: { branch: { code: string } }) => r.branch.code)).not.toContain('SL-A-B1');
      expect(
        (await w.get(w.jia, '/api/membership/elections/reminders?org=SL-A&within=10'))
          .json()
          .items.map((r: { branch: { code: string } }) => r.branch.code),
      ).not.toContain('SL-A-S1');
    });

    it('sets stars from the committee’s checklist, five-star at most 20%', async () => {
      for (let i = 1; i <= 5; i++)
        await buildOrg(w.ctx, {
          code: `SL-B-X${i}`,
          name: `乙县星级${i}团支部`,
          parentCode: 'SL-B',
          regionCode: '419902',
        });
      const bad = await w.put(w.yi, '/api/membership/star-checklists', {
        orgCode: 'SL-B',
        year: 2026,
        items: [{ code: 'a', label: '组织建设', points: 60 }],
      });
      expect(bad.json().error.message).toBe('各条目分值合计应为100分，现为 60 分');
      const list = await w.put(w.yi, '/api/membership/star-checklists', {
        orgCode: 'SL-B',
        year: 2026,
        items: [
          { code: 'org', label: '组织建设', points: 60 },
          { code: 'life', label: '组织生活', points: 40 },
        ],
      });
      expect(list.statusCode).toBe(200);
      const id = list.json().id;
      expect(list.json().quotas).toEqual({ '5': 20 });
      expect(list.json()).toEqual({
        id,
        year: 2026,
        org: { code: 'SL-B', name: expect.any(String) },
        items: [
          { code: 'org', label: '组织建设', points: 60 },
          { code: 'life', label: '组织生活', points: 40 },
        ],
        quotas: { '5': 20 },
      });
      expect((await w.get(w.yi, '/api/membership/star-checklists?org=SL-B')).json().items).toContainEqual(
        list.json(),
      );
      const self = (code: string, scores: object) =>
        w.put(w.yi, `/api/membership/star-checklists/${id}/branches/${code}`, { scores });
      expect((await self('SL-B-X1', { org: 61, life: 40 })).json().error.message).toBe(
        '「组织建设」最多 60 分',
      );
      for (let i = 1; i <= 5; i++)
        expect((await self(`SL-B-X${i}`, { org: 60, life: 40 - i })).statusCode).toBe(200);
      const review = (code: string, stars: number) =>
        w.post(w.yi, `/api/membership/star-checklists/${id}/branches/${code}/review`, { stars });
      expect((await review('SL-B-X1', 5)).statusCode).toBe(200);
      const second = await review('SL-B-X2', 5);
      expect(second.statusCode).toBe(422);
      expect(second.json().error.message).toBe('5星级团支部不超过已自评团支部 5 个的 20%（最多 1 个）');
      expect((await review('SL-B-X2', 4)).statusCode).toBe(200);
      expect((await review('SL-B-B1', 3)).json().error.message).toContain('尚未自评');
      expect((await self('SL-B-X1', { org: 50, life: 40 })).statusCode).toBe(409);
      const ratings = (await w.get(w.yi, `/api/membership/star-checklists/${id}/ratings`)).json().items;
      expect(ratings.find((r: { branch: { code: string } }) => r.branch.code === 'SL-B-X1')).toEqual({
        branch: { code: 'SL-B-X1', name: '乙县星级1团支部' },
        selfTotal: 99,
        scores: { org: 60, life: 39 },
        stars: 5,
        reviewedOn: today(),
        actions: ['review'],
      });
      expect((await w.get(w.jia, `/api/membership/star-checklists/${id}/ratings`)).statusCode).toBe(404);
      expect((await w.get(w.jia, `/api/membership/star-checklists/${id}/ratings/export`)).statusCode).toBe(
        404,
      );
      expect((await w.get(w.yi, `/api/membership/star-checklists/${id}/ratings/export`)).statusCode).toBe(
        200,
      );
    });

    it('finds units with 3 or more members and no branch, and branches over 50', async () => {
      const person = (name: string, orgCode: string, workplace: string, politicalStatus = 'league_member') =>
        buildPerson(w.ctx, { name, orgCode, politicalStatus }).then(({ id }) =>
          w.ctx.db.updateTable('people').set({ workplace }).where('id', '=', id).execute(),
        );
      await buildOrg(w.ctx, { code: 'SL-C-F1', name: '丙县有团组织公司团支部', parentCode: 'SL-C' });
      await w.ctx.db
        .updateTable('orgs')
        .set({ unit_name: '丙县有团组织公司' })
        .where('code', '=', 'SL-C-F1')
        .execute();
      for (let i = 0; i < 3; i++) await person(`无团${i}`, 'SL-C', '丙县无团组织公司');
      await person('无团群众', 'SL-C', '丙县无团组织公司', 'masses');
      for (let i = 0; i < 2; i++) await person(`两人${i}`, 'SL-C', '丙县两人公司');
      for (let i = 0; i < 3; i++) await person(`有团${i}`, 'SL-C-F1', '丙县有团组织公司');
      await buildOrg(w.ctx, { code: 'SL-C-BIG', name: '丙县大团支部', parentCode: 'SL-C' });
      for (let i = 0; i < 51; i++) await buildPerson(w.ctx, { name: `大支部${i}`, orgCode: 'SL-C-BIG' });
      const coverage = (await w.get(w.bing, '/api/membership/coverage')).json();
      expect(coverage.gaps).toEqual([
        { unit: '丙县无团组织公司', members: 3, youth: 4, hasBranch: false, gap: true },
      ]);
      expect(coverage.units).toEqual(
        expect.arrayContaining([
          { unit: '丙县两人公司', members: 2, youth: 2, hasBranch: false, gap: false },
          { unit: '丙县有团组织公司', members: 3, youth: 3, hasBranch: true, gap: false },
        ]),
      );
      expect(coverage.largeBranches).toEqual([
        { branch: { code: 'SL-C-BIG', name: '丙县大团支部' }, members: 51 },
      ]);
      expect((await w.get(w.jia, '/api/membership/coverage?org=SL-C')).statusCode).toBe(403);
      expect((await w.get(w.bing, '/api/membership/coverage/export')).statusCode).toBe(200);
    });
  });
}
