import { describe, expect, it } from 'vitest';
import type { Session } from '../../test/app.ts';
import { DIALECTS } from '../../test/db.ts';
import { buildPerson } from '../../test/factories.ts';
import { useAdmissionWorld } from '../../test/worlds/admission.ts';

/**
 * Issue 17, item 8: the board and the applicant's page list, per path, the steps the caller may take now
 * (`actions`), from the same rule the step's route enforces — a step not listed is refused.
 */
for (const dialect of DIALECTS) {
  describe(`admission actions (${dialect})`, () => {
    const w = useAdmissionWorld(dialect);
    const { get, post } = w;

    const actions = async (s: Session, id: number) =>
      (await get(s, `/api/admissions/${id}`)).json().actions as string[];
    const listed = async (s: Session, org: string, id: number) =>
      (await get(s, `/api/admissions?org=${org}`)).json().items.find((i: { id: number }) => i.id === id)
        ?.actions as string[];
    const vote = { on: '2026-05-14', shouldAttend: 30, attended: 25 };

    it('offers the branch its steps and the committee above only 审批 and 不予通过, and refuses the rest', async () => {
      const id = await w.candidate();
      expect(await actions(w.secretary, id)).toEqual(['civics-grade', 'vote', 'reject', 'withdraw']);
      expect(await actions(w.county, id)).toEqual(['reject']);
      // 审批 waits for the vote: not offered, and refused.
      const early = await post(w.county, `/api/admissions/${id}/approve`, { on: '2026-05-13' });
      expect(early.statusCode).toBe(409);
      expect(early.json().error.message).toBe('支部大会尚未表决通过，不能审批');

      expect((await post(w.secretary, `/api/admissions/${id}/vote`, { ...vote, yes: 25 })).statusCode).toBe(
        200,
      );
      expect(await actions(w.secretary, id)).toEqual([
        'civics-grade',
        'vote-correction',
        'reject',
        'withdraw',
      ]);
      for (const [committee, org] of [
        [w.school, 'SL-A-M1'],
        [w.county, 'SL-A'],
      ] as const) {
        expect(await actions(committee, id)).toEqual(['approve', 'reject']);
        expect(await listed(committee, org, id)).toEqual(['approve', 'reject']);
      }
      // The county's board lists it without the branch's steps, and the branch's step is refused.
      const corr = await post(w.county, `/api/admissions/${id}/vote-correction`, {
        ...vote,
        yes: 24,
        reason: '县团委更正',
      });
      expect(corr.statusCode).toBe(403);
      expect(corr.json().error.message).toBe('此步骤由该团支部办理：需要本团支部的支部书记账号');
      // The branch's secretary is not offered 审批, and his role may not call it.
      expect(await listed(w.secretary, 'SL-A-M1-C1', id)).not.toContain('approve');
      expect(
        (await post(w.secretary, `/api/admissions/${id}/approve`, { on: '2026-05-20' })).statusCode,
      ).toBe(403);

      expect((await post(w.county, `/api/admissions/${id}/approve`, { on: '2026-05-20' })).statusCode).toBe(
        200,
      );
      expect(await actions(w.secretary, id)).toEqual(['ceremony']);
      expect(await actions(w.county, id)).toEqual([]);
      expect(
        (await post(w.secretary, `/api/admissions/${id}/ceremony`, { on: '2026-05-25' })).statusCode,
      ).toBe(200);
      expect(await actions(w.secretary, id)).toEqual([]);
      const again = await post(w.secretary, `/api/admissions/${id}/ceremony`, { on: '2026-05-26' });
      expect(again.statusCode).toBe(409);
      expect(again.json().error.message).toBe('已于 2026-05-25 举行入团仪式');
    });

    it('lists a new application with 不予通过 only for the county, whose 谈话 is refused', async () => {
      const p = await buildPerson(w.ctx, {
        orgCode: 'SL-A-M1-C1',
        politicalStatus: 'young_pioneer',
        birthDate: '2010-06-01',
        joinedOn: null,
      });
      const id = (
        await post(w.secretary, '/api/admissions', {
          personId: p.id,
          orgCode: 'SL-A-M1-C1',
          appliedOn: '2026-01-05',
        })
      ).json().id as number;
      expect(await listed(w.secretary, 'SL-A-M1-C1', id)).toEqual([
        'talk',
        'civics-grade',
        'activist',
        'reject',
        'withdraw',
      ]);
      expect(await listed(w.county, 'SL-A', id)).toEqual(['reject']);
      const talk = await post(w.county, `/api/admissions/${id}/talk`, { on: '2026-01-20' });
      expect(talk.statusCode).toBe(403);
      expect(talk.json().error.message).toBe('此步骤由该团支部办理：需要本团支部的支部书记账号');
    });

    it('offers 登记入团申请 only on the own branch’s board, and refuses it elsewhere', async () => {
      expect((await get(w.secretary, '/api/admissions?org=SL-A-M1-C1')).json().actions).toEqual(['apply']);
      expect((await get(w.county, '/api/admissions?org=SL-A-M1-C1')).json().actions).toEqual([]);
      expect((await get(w.county, '/api/admissions?org=SL-A')).json().actions).toEqual([]);
      const p = await buildPerson(w.ctx, {
        orgCode: 'SL-A-M1-C1',
        politicalStatus: 'young_pioneer',
        birthDate: '2010-07-01',
        joinedOn: null,
      });
      const res = await post(w.county, '/api/admissions', {
        personId: p.id,
        orgCode: 'SL-A-M1-C1',
        appliedOn: '2026-01-05',
      });
      expect(res.statusCode).toBe(403);
    });

    it('lists a path its vote ended as correctable by the branch, as its page does', async () => {
      const id = await w.candidate();
      expect(
        (
          await post(w.secretary, `/api/admissions/${id}/vote`, { ...vote, yes: 2, confirmFailure: true })
        ).json().status,
      ).toBe('rejected');
      expect(await listed(w.secretary, 'SL-A-M1-C1', id)).toEqual(['vote-correction']);
      expect(await actions(w.secretary, id)).toEqual(['vote-correction']);
      expect(await listed(w.county, 'SL-A', id)).toEqual([]);
      // Every path the board lists carries the actions its own page gives, for each of them.
      for (const [s, org] of [
        [w.secretary, 'SL-A-M1-C1'],
        [w.school, 'SL-A-M1'],
        [w.county, 'SL-A'],
      ] as const) {
        const items = (await get(s, `/api/admissions?org=${org}`)).json().items as {
          id: number;
          actions: string[];
        }[];
        expect(items.length).toBeGreaterThan(0);
        for (const i of items) expect(await actions(s, i.id)).toEqual(i.actions);
      }
    });
  });
}
