import { describe, expect, it } from 'vitest';
import { today } from '../../lib/dates.ts';
import { login } from '../../test/app.ts';
import { DIALECTS } from '../../test/db.ts';
import { buildPerson, buildUser } from '../../test/factories.ts';
import { useMembershipWorld } from '../../test/worlds/membership.ts';

/**
 * Issue 17, item 8: 对标定级 and 自行脱团 rows carry the decisions the caller may take on them (`actions`), from
 * the rule the decision's route enforces; a row listed without one is refused it.
 */
for (const dialect of DIALECTS) {
  describe(`membership actions (${dialect})`, () => {
    const w = useMembershipWorld(dialect);

    const actionsOf = (items: { actions: string[]; branch: { code: string } }[], code: string) =>
      items.find((i) => i.branch.code === code)?.actions;

    it('offers 评定星级 to the committee, never to the branch’s own admin, and only after its 自评', async () => {
      await buildUser(w.ctx, { username: 'b1-admin', orgCode: 'SL-A-B1', roles: ['org_admin'] });
      const branchAdmin = await login(w.sut, 'b1-admin', 'correct-horse-battery');
      const list = await w.put(w.jia, '/api/membership/star-checklists', {
        orgCode: 'SL-A',
        year: 2026,
        items: [
          { code: 'org', label: '组织建设', points: 60 },
          { code: 'life', label: '组织生活', points: 40 },
        ],
      });
      expect(list.statusCode, list.body).toBe(200);
      const id = list.json().id as number;
      const ratings = async (s = w.jia, org = 'SL-A') =>
        (await w.get(s, `/api/membership/star-checklists/${id}/ratings?org=${org}`)).json().items;
      expect(actionsOf(await ratings(), 'SL-A-B1')).toEqual(['self-score']);
      const early = await w.post(w.jia, `/api/membership/star-checklists/${id}/branches/SL-A-B1/review`, {
        stars: 3,
      });
      expect(early.statusCode).toBe(422);

      const self = await w.put(w.secretary, `/api/membership/star-checklists/${id}/branches/SL-A-B1`, {
        scores: { org: 50, life: 30 },
      });
      expect(self.statusCode, self.body).toBe(200);
      expect(actionsOf(await ratings(), 'SL-A-B1')).toEqual(['self-score', 'review']);
      expect(actionsOf(await ratings(), 'SL-A-B2')).toEqual(['self-score']);
      // The branch's own admin holds org.write, yet his branch's stars are its committee's to set.
      expect(actionsOf(await ratings(branchAdmin, 'SL-A-B1'), 'SL-A-B1')).toEqual(['self-score']);
      const own = await w.post(branchAdmin, `/api/membership/star-checklists/${id}/branches/SL-A-B1/review`, {
        stars: 5,
      });
      expect(own.statusCode).toBe(403);
      expect(actionsOf(await ratings(w.secretary, 'SL-A-B1'), 'SL-A-B1')).toEqual(['self-score']);

      const set = await w.post(w.jia, `/api/membership/star-checklists/${id}/branches/SL-A-B1/review`, {
        stars: 3,
      });
      expect(set.statusCode, set.body).toBe(200);
      expect(actionsOf(await ratings(w.secretary, 'SL-A-B1'), 'SL-A-B1')).toEqual([]);
      const late = await w.put(w.secretary, `/api/membership/star-checklists/${id}/branches/SL-A-B1`, {
        scores: { org: 60, life: 40 },
      });
      expect(late.statusCode).toBe(409);
    });

    it('offers 批准 of a 脱团 vote to the committee above, not to the branch that voted, and once', async () => {
      const idle = await buildPerson(w.ctx, { name: '久未联系', orgCode: 'SL-A-B1' });
      const flags = async (s = w.secretary) =>
        (await w.get(s, '/api/membership/lapses/flags?org=SL-A-B1')).json().items as {
          personId: number;
          actions: string[];
        }[];
      expect((await flags()).find((f) => f.personId === idle.id)?.actions).toEqual(['propose']);
      const voted = await w.post(w.secretary, '/api/membership/lapses', {
        personId: idle.id,
        votedOn: today(),
      });
      expect(voted.statusCode, voted.body).toBe(201);
      const id = voted.json().id as number;
      expect((await flags()).find((f) => f.personId === idle.id)?.actions).toEqual([]);
      expect(
        (await w.post(w.secretary, '/api/membership/lapses', { personId: idle.id, votedOn: today() }))
          .statusCode,
      ).toBe(409);

      const lapses = async (s = w.secretary, org = 'SL-A-B1') =>
        (
          (await w.get(s, `/api/membership/lapses?org=${org}`)).json().items as {
            id: number;
            actions: string[];
          }[]
        ).find((l) => l.id === id)?.actions;
      expect(await lapses()).toEqual([]);
      const own = await w.post(w.secretary, `/api/membership/lapses/${id}/decide`, { approve: true });
      expect(own.statusCode).toBe(403);
      expect(own.json().error.message).toBe('应由上级团组织批准');
      expect(await lapses(w.jia, 'SL-A')).toEqual(['decide']);
      expect(
        (await w.post(w.jia, `/api/membership/lapses/${id}/decide`, { approve: false })).statusCode,
      ).toBe(200);
      expect(await lapses(w.jia, 'SL-A')).toEqual([]);
      expect((await w.post(w.jia, `/api/membership/lapses/${id}/decide`, { approve: true })).statusCode).toBe(
        409,
      );
    });
  });
}
