import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, addYears, today } from '../../lib/dates.ts';
import { makeIdNumber } from '../../lib/id-number.ts';
import { DIALECTS } from '../../test/db.ts';
import { dumpTables } from '../../test/dump.ts';
import { buildPerson } from '../../test/factories.ts';
import { useMembershipWorld } from '../../test/worlds/membership.ts';
import { findOrgByCode } from '../orgs/orgs.repository.ts';
import { ageingOutOn } from './departures.service.ts';
import { insertPayments } from './dues.repository.ts';

describe('the ageing-out date', () => {
  it('is the 28th birthday; 29 February falls on 1 March in a common year', () => {
    expect(ageingOutOn('1998-12-01')).toBe('2026-12-01');
    expect(ageingOutOn('2000-02-29')).toBe('2028-02-29');
    expect(ageingOutOn('2004-02-29')).toBe('2032-02-29');
    expect(addYears('2000-02-29', 1)).toBe('2001-03-01');
  });
});

for (const dialect of DIALECTS) {
  describe(`离团 and 自行脱团 (${dialect})`, () => {
    const w = useMembershipWorld(dialect);
    let turnsToday: { id: number };
    let turnsTomorrow: { id: number };
    let cadre: { id: number };
    const birth = (ageOutOn: string) => addYears(ageOutOn, -28);
    beforeAll(async () => {
      const now = today();
      turnsToday = await buildPerson(w.ctx, {
        name: '今天满',
        orgCode: 'SL-A-B1',
        idNumber: makeIdNumber('419901', birth(now), 11),
      });
      turnsTomorrow = await buildPerson(w.ctx, {
        name: '明天满',
        orgCode: 'SL-A-B1',
        idNumber: makeIdNumber('419901', birth(addDays(now, 1)), 13),
      });
      cadre = await buildPerson(w.ctx, {
        name: '任职者',
        orgCode: 'SL-A-B1',
        idNumber: makeIdNumber('419901', birth(addDays(now, -30)), 15),
      });
      await buildPerson(w.ctx, {
        name: '年轻人',
        orgCode: 'SL-A-B1',
        idNumber: makeIdNumber('419901', '2008-01-01', 17),
      });
      const branch = (await findOrgByCode(w.ctx.db, 'SL-A-B1'))!;
      await w.ctx.db
        .insertInto('cadre_posts')
        .values({
          person_id: cadre.id,
          org_id: branch.id,
          org_path: branch.path,
          title: 'secretary',
          mode: 'part_time',
          source: null,
          started_on: '2020-01-01',
          ended_on: null,
          created_at: now,
          updated_at: now,
        })
        .execute();
    });

    it('lists members reaching 28 by the date, without a league post', async () => {
      const now = today();
      const names = async (until: string) =>
        (await w.get(w.jia, `/api/membership/ageing-out?org=SL-A&until=${until}`))
          .json()
          .items.map((i: { name: string; ageOutMonth: string }) => [i.name, i.ageOutMonth]);
      const month = now.slice(0, 7);
      const firstOfMonth = `${month}-01`;
      expect(await names(addDays(firstOfMonth, -1))).toEqual([]);
      // A day stands for its whole month: the list never tells which day (it would be the birth date).
      const thisMonth = [['今天满', month]];
      if (addDays(now, 1).startsWith(month)) thisMonth.push(['明天满', month]);
      expect(await names(firstOfMonth)).toEqual(thisMonth);
      expect(await names(now)).toEqual(thisMonth);
      expect(await names(addDays(now, 1))).toEqual([
        ['今天满', month],
        ['明天满', addDays(now, 1).slice(0, 7)],
      ]);
      const list = (await w.get(w.jia, '/api/membership/ageing-out?org=SL-A')).json();
      for (const item of list.items) {
        expect(item).not.toHaveProperty('birthDate');
        expect(item).not.toHaveProperty('ageOutOn');
        expect(item.age).toBeGreaterThanOrEqual(27);
      }
      expect(list.keptByPost).toBe(1);
      // The response schema serialises only what it declares: every field the admin reads is there.
      expect(list.until).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(Object.keys(list.items[0]).sort()).toEqual(
        ['age', 'ageOutMonth', 'branch', 'idNumberMasked', 'memberNo', 'name', 'overdue', 'personId'].sort(),
      );
      expect(list.items[0].ageOutMonth).toMatch(/^\d{4}-\d{2}$/);
      expect(list.items[0].branch).toMatchObject({ code: expect.any(String), name: expect.any(String) });
      expect(list.items.map((i: { name: string }) => i.name)).not.toContain('任职者');
      expect((await w.get(w.yi, '/api/membership/ageing-out?org=SL-A')).statusCode).toBe(403);
    });

    it('records the leaving in a batch, all or nothing, and keeps his history', async () => {
      const before = await dumpTables(w.ctx, ['people', 'member_departures']);
      const early = await w.post(w.jia, '/api/membership/departures', {
        personIds: [turnsToday.id, turnsTomorrow.id],
        reason: 'age',
        leftOn: today(),
      });
      expect(early.statusCode).toBe(422);
      expect(early.json().error.message).toContain(`明天满 到 ${today()} 未满28周岁`);
      const kept = await w.post(w.jia, '/api/membership/departures', {
        personIds: [cadre.id],
        reason: 'age',
        leftOn: today(),
      });
      expect(kept.json().error.message).toContain('担任团内职务');
      expect(await dumpTables(w.ctx, ['people', 'member_departures'])).toEqual(before);

      const done = await w.post(w.jia, '/api/membership/departures', {
        personIds: [turnsToday.id],
        reason: 'age',
        leftOn: today(),
      });
      expect(done.statusCode).toBe(201);
      expect(done.json()).toEqual({ recorded: 1 });
      const person = (await w.get(w.jia, `/api/people/${turnsToday.id}`)).json();
      expect(person).toMatchObject({ politicalStatus: 'masses', org: null, joinedOn: '2020-05-04' });
      const departures = (await w.get(w.jia, '/api/membership/departures?org=SL-A')).json().items;
      expect(departures).toMatchObject([
        { name: '今天满', reason: 'age', leftOn: today(), branch: { code: 'SL-A-B1' } },
      ]);
      expect(Object.keys(departures[0]).sort()).toEqual(
        ['age', 'branch', 'id', 'leftOn', 'memberNo', 'name', 'note', 'personId', 'reason'].sort(),
      );
      const life = (await w.get(w.jia, `/api/membership/people/${turnsToday.id}/life`)).json();
      expect(life.departures).toEqual([
        { reason: 'age', leftOn: today(), note: null, branch: '甲县一村团支部' },
      ]);
      expect(
        (
          await w.post(w.jia, '/api/membership/departures', {
            personIds: [turnsToday.id],
            reason: 'age',
            leftOn: today(),
          })
        ).json().error.message,
      ).toContain('不是在册团员');
    });

    it('flags six months without dues, meetings or work; the branch votes and the committee above approves', async () => {
      const idle = await buildPerson(w.ctx, { name: '失联者', orgCode: 'SL-A-B2' });
      const active = await buildPerson(w.ctx, { name: '活跃者', orgCode: 'SL-A-B2' });
      await w.post(w.jia, '/api/membership/meetings', {
        branchCode: 'SL-A-B2',
        kind: 'league_class',
        heldOn: today(),
        topic: '团课',
        attendeeIds: [active.id],
      });
      const flagged = (await w.get(w.jia, '/api/membership/lapses/flags?org=SL-A-B2')).json();
      expect(flagged.since).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(flagged.items.find((i: { name: string }) => i.name === '失联者')).toMatchObject({
        personId: idle.id,
        idNumberMasked: expect.any(String),
        branch: { code: 'SL-A-B2', name: expect.any(String) },
      });
      const flags = flagged.items.map((i: { name: string }) => i.name);
      expect(flags).toContain('失联者');
      expect(flags).not.toContain('活跃者');
      const refused = await w.post(w.jia, '/api/membership/lapses', {
        personId: active.id,
        votedOn: today(),
      });
      expect(refused.statusCode).toBe(422);
      expect(refused.json().error.message).toContain('不属于自行脱团');
      const voted = await w.post(w.jia, '/api/membership/lapses', {
        personId: idle.id,
        votedOn: today(),
        note: '联系不上',
      });
      expect(voted.statusCode).toBe(201);
      expect(
        (await w.post(w.jia, '/api/membership/lapses', { personId: idle.id, votedOn: today() })).statusCode,
      ).toBe(409);
      const id = voted.json().id;
      const open = (await w.get(w.jia, '/api/membership/lapses?org=SL-A')).json().items;
      expect(open.find((l: { id: number }) => l.id === id)).toEqual({
        id,
        personId: idle.id,
        name: '失联者',
        branch: { code: 'SL-A-B2', name: expect.any(String) },
        votedOn: today(),
        status: 'voted',
        note: '联系不上',
        decidedOn: null,
        actions: ['decide'],
      });
      expect((await w.post(w.yi, `/api/membership/lapses/${id}/decide`, { approve: true })).statusCode).toBe(
        404,
      );
      expect((await w.post(w.jia, `/api/membership/lapses/${id}/decide`, { approve: true })).json()).toEqual({
        id,
        status: 'approved',
      });
      expect((await w.get(w.jia, `/api/people/${idle.id}`)).json().politicalStatus).toBe('masses');
      expect(
        (await w.post(w.jia, `/api/membership/lapses/${id}/decide`, { approve: false })).statusCode,
      ).toBe(409);
    });

    it('counts six months back by the calendar: voted on 31 August, league life on 1 March still counts', async () => {
      // 31 August less six months is 28 February (no 31st), so dues paid on 1 March are within the six months;
      // Date.UTC's month underflow made it 3 March and let the branch vote a member out who had paid.
      const payer = await buildPerson(w.ctx, { name: '三月交费者', orgCode: 'SL-A-B2' });
      const branch = (await findOrgByCode(w.ctx.db, 'SL-A-B2'))!;
      const now = new Date().toISOString();
      await insertPayments(w.ctx.db, [
        {
          person_id: payer.id,
          org_id: branch.id,
          org_path: branch.path,
          month: '2026-03',
          amount_fen: 20,
          paid_on: '2026-03-01',
          created_at: now,
          updated_at: now,
        },
      ]);
      const refused = await w.post(w.jia, '/api/membership/lapses', {
        personId: payer.id,
        votedOn: '2026-08-31',
      });
      expect(refused.statusCode, refused.body).toBe(422);
      expect(refused.json().error.message).toContain('在 2026-02-28 之后仍有交纳团费');
    });
  });
}
