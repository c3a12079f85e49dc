import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/db.ts';
import { buildPerson } from '../../test/factories.ts';
import { useAdmissionWorld } from '../../test/worlds/admission.ts';

for (const dialect of DIALECTS) {
  describe(`推优入党 (${dialect})`, () => {
    const w = useAdmissionWorld(dialect);
    const { get, post } = w;
    const member = async (birthDate = '2000-02-02') =>
      (await buildPerson(w.ctx, { orgCode: 'SL-A-M1-C1', birthDate, joinedOn: '2015-05-04' })).id;
    const screen = (personId: number, over: object = {}) =>
      post(w.secretary, '/api/party-recommendations', {
        personId,
        orgCode: 'SL-A-M1-C1',
        partyAppliedOn: '2025-09-01',
        screenedOn: '2026-03-10',
        stage: '入党积极分子',
        ...over,
      });

    it('screens, proposes, recommends by secret ballot and tracks the outcome on the ledger', async () => {
      const personId = await member();
      const screened = await screen(personId);
      expect(screened.statusCode, screened.body).toBe(201);
      const id = screened.json().id;
      expect(
        (await post(w.secretary, `/api/party-recommendations/${id}/propose`, { on: '2026-03-12' })).json()
          .status,
      ).toBe('proposed');
      // 11 yes of 20 who should attend: more than half.
      const ballot = await post(w.secretary, `/api/party-recommendations/${id}/ballot`, {
        on: '2026-03-20',
        shouldAttend: 20,
        attended: 18,
        yes: 11,
      });
      expect(ballot.statusCode, ballot.body).toBe(200);
      expect(ballot.json()).toMatchObject({ status: 'recommended', outcome: '已推荐' });
      // The ballot and the person as the admin shows them (PartyCaseReply): masked number, no birth date.
      expect(ballot.json().ballot).toEqual({ on: '2026-03-20', shouldAttend: 20, attended: 18, yes: 11 });
      expect(Object.keys(ballot.json().person).sort()).toEqual(['id', 'idNumberMasked', 'name']);
      const outcome = await post(w.secretary, `/api/party-recommendations/${id}/outcome`, {
        outcome: '已列为积极分子',
      });
      expect(outcome.json().outcome).toBe('已列为积极分子');
      const list = (await get(w.school, '/api/party-recommendations?org=SL-A-M1')).json();
      expect(list.recommendations).toHaveLength(1);
      expect(list.recommendations[0]).toMatchObject({
        recommendedOn: '2026-03-20',
        stage: '入党积极分子',
        outcome: '已列为积极分子',
        person: { name: expect.any(String), idNumberMasked: expect.any(String) },
      });
      expect(list.cases[0]).toMatchObject({ id, proposedOn: '2026-03-12', status: 'recommended' });
      const audit = await w.ctx.db
        .selectFrom('audit_log')
        .select('summary')
        .where('entity', '=', 'party_recommendation')
        .execute();
      expect(audit.length).toBe(4);
    });

    it('applies the majority of those who should attend', async () => {
      const id = (await screen(await member())).json().id;
      await post(w.secretary, `/api/party-recommendations/${id}/propose`, { on: '2026-03-12' });
      const res = await post(w.secretary, `/api/party-recommendations/${id}/ballot`, {
        on: '2026-03-20',
        shouldAttend: 21,
        attended: 12,
        yes: 10,
      });
      expect(res.json()).toMatchObject({ status: 'not_recommended', outcome: null });
      const rows = await w.ctx.db.selectFrom('party_recommendations').select('id').execute();
      expect(rows).toHaveLength(1);
    });

    it('refuses members under 18, applications younger than 6 months, and non-members', async () => {
      const young = await screen(await member('2009-06-01'));
      expect(young.statusCode).toBe(422);
      expect(young.json().error.message).toContain('推优入党应年满18周岁');
      const fresh = await screen(await member(), { partyAppliedOn: '2025-10-01' });
      expect(fresh.statusCode).toBe(422);
      expect(fresh.json().error.message).toContain('未满6个月');
      const notMember = await screen(w.masses);
      expect(notMember.statusCode).toBe(422);
      expect(notMember.json().error.message).toContain('不是共青团员');
    });

    it('keeps other branches and counties out', async () => {
      const id = (await screen(await member())).json().id;
      expect(
        (await post(w.otherSecretary, `/api/party-recommendations/${id}/propose`, { on: '2026-03-12' }))
          .statusCode,
      ).toBe(404);
      expect((await get(w.countyB, `/api/party-recommendations/${id}`)).statusCode).toBe(404);
      expect((await get(w.countyB, '/api/party-recommendations?org=SL-A')).statusCode).toBe(403);
    });
  });
}
