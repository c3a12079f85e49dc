import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/db.ts';
import { useAdmissionWorld } from '../../test/worlds/admission.ts';

/** Issue 17, item 5: 应到会 against the roster, a failing vote confirmed and correctable, 待审批 flagged. */
for (const dialect of DIALECTS) {
  describe(`admission branch vote (${dialect})`, () => {
    const w = useAdmissionWorld(dialect);
    const { get, post, candidate } = w;

    it('refuses more expected attendees than the branch has members, and offers the roster', async () => {
      const id = await candidate();
      expect((await get(w.secretary, `/api/admissions/${id}`)).json().votingMembers).toBe(30);
      for (const shouldAttend of [31, 99]) {
        const res = await post(w.secretary, `/api/admissions/${id}/vote`, {
          on: '2026-05-14',
          shouldAttend,
          attended: 25,
          yes: 25,
        });
        expect(res.statusCode).toBe(422);
        expect(res.json().error.message).toBe(
          '应到会人数不能多于初三1班团支部在册团员人数（2026-05-14 时 30 人）',
        );
      }
      expect((await get(w.secretary, `/api/admissions/${id}`)).json().branchVoteOn).toBeNull();
      const ok = await post(w.secretary, `/api/admissions/${id}/vote`, {
        on: '2026-05-14',
        shouldAttend: 30,
        attended: 25,
        yes: 25,
      });
      expect(ok.statusCode, ok.body).toBe(200);
    });

    it('records a failing vote only once confirmed, and lets a typo be corrected before approval', async () => {
      const id = await candidate();
      const typo = { on: '2026-05-14', shouldAttend: 30, attended: 25, yes: 2 };
      const unconfirmed = await post(w.secretary, `/api/admissions/${id}/vote`, typo);
      expect(unconfirmed.statusCode).toBe(409);
      expect(unconfirmed.json().error.message).toContain('记录后该申请将结束');
      const still = (await get(w.secretary, `/api/admissions/${id}`)).json();
      expect(still).toMatchObject({ status: 'candidate', vote: null, voteCorrectable: false });

      const failed = await post(w.secretary, `/api/admissions/${id}/vote`, { ...typo, confirmFailure: true });
      expect(failed.json()).toMatchObject({
        status: 'rejected',
        endedOn: '2026-05-14',
        voteCorrectable: true,
      });

      const noReason = await post(w.secretary, `/api/admissions/${id}/vote-correction`, {
        ...typo,
        yes: 22,
        reason: ' ',
      });
      expect(noReason.statusCode).toBe(422);
      const fixed = await post(w.secretary, `/api/admissions/${id}/vote-correction`, {
        ...typo,
        yes: 22,
        reason: '赞成票录入错误，应为22票',
      });
      expect(fixed.statusCode, fixed.body).toBe(200);
      expect(fixed.json()).toMatchObject({
        status: 'candidate',
        branchVoteOn: '2026-05-14',
        endedOn: null,
        endReason: null,
        vote: { shouldAttend: 30, attended: 25, yes: 22 },
        reminders: ['awaiting_approval'],
      });
      const last = fixed.json().timeline.at(-1);
      expect(last).toMatchObject({ step: 'vote_corrected', label: '更正支部大会表决' });
      expect(last.note).toBe('更正原因：赞成票录入错误，应为22票；应到 30 人，实到 25 人，赞成 22 票，通过');

      // The county board flags the candidate waiting for 审批.
      const board = (await get(w.county, '/api/admissions?org=SL-A')).json();
      expect(board.reminders.awaiting_approval).toBe(2);
      expect(board.items.find((i: { id: number }) => i.id === id).reminders).toEqual(['awaiting_approval']);

      // Once approved, the vote is history: no correction.
      expect((await post(w.school, `/api/admissions/${id}/approve`, { on: '2026-05-25' })).statusCode).toBe(
        200,
      );
      const late = await post(w.secretary, `/api/admissions/${id}/vote-correction`, {
        ...typo,
        yes: 23,
        reason: '再改一次',
      });
      expect(late.statusCode).toBe(409);
      expect(late.json().error.message).toBe('只能在上级团委审批前，更正最近一次支部大会表决');
      // Other branches cannot correct it.
      const other = await candidate();
      await post(w.secretary, `/api/admissions/${other}/vote`, { ...typo, yes: 20 });
      const foreign = await post(w.otherSecretary, `/api/admissions/${other}/vote-correction`, {
        ...typo,
        reason: '越权',
      });
      expect(foreign.statusCode).toBe(404);
    });
  });
}
