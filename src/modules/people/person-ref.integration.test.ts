import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/app.ts';
import { donationPayload, grantPayload } from '../../test/aid-payloads.ts';
import { login, requestsAs, type Session } from '../../test/app.ts';
import { buildPerson, buildUser } from '../../test/county-factories.ts';
import { DIALECTS, type TestContext } from '../../test/db.ts';
import { TEST_PASSWORD } from '../../test/factories.ts';
import { type CountyApp, countyApp } from '../../test/worlds/county-app.ts';
import type { PersonReference } from './people.schemas.ts';
import { ID_NOT_YOURS } from './people.service.ts';
import { makePersonRef } from './person-ref.ts';

/**
 * 9fcaf1e gave school staff and the aid officer a named lookup instead of the roll, but left the writes taking
 * any person id: walking ids 1..N through 考勤 or 资助发放 (whose replies and lists name the person) read the
 * county's whole roll back. A lookup-only caller now names a person only by the signed reference the lookup
 * handed him (his own, for 2 hours); a raw id is for those who read the roll anyway (person.read).
 */
for (const dialect of DIALECTS) {
  describe(`lookup-only writes take the lookup's reference, not an id (${dialect})`, () => {
    let world: CountyApp;
    let ctx: TestContext;
    let sut: App;
    let admin: Session;
    let school: Session;
    let school2: Session;
    let aid: Session;
    let aid2: Session;
    const ids: Record<string, number> = {};
    const get = (s: Session, url: string) => requestsAs(sut).get(s, url);
    const post = (s: Session, url: string, payload: object = {}) => requestsAs(sut).post(s, url, payload);
    const put = (s: Session, url: string, payload: object = {}) => requestsAs(sut).put(s, url, payload);
    const refOf = async (s: Session, q: string) => {
      const res = await post(s, '/api/people/lookup', { q });
      expect(res.statusCode, res.body).toBe(200);
      const [item] = res.json().items as { id: number; ref: string }[];
      expect(item?.ref).toMatch(/\S{20,}/);
      return item!;
    };
    const attend = (s: Session, record: object) =>
      put(s, '/api/classes/SL-A-K1/attendance', { records: [{ result: 'passed', ...record }] });
    const attendees = async () =>
      ((await get(admin, '/api/classes/SL-A-K1')).json().attendance as { name: string }[]).map((a) => a.name);
    const grant = (s: Session, who: PersonReference) => post(s, '/api/aid/grants', grantPayload(who));
    const grantCount = async () => (await get(admin, '/api/aid/grants')).json().items.length as number;

    beforeAll(async () => {
      world = await countyApp(dialect);
      ({ ctx, sut, session: admin } = world);
      for (const [key, name] of [
        ['pupil', '学生甲'],
        ['minor', '少年丙'],
        ['other', '学生乙'],
      ] as const)
        ids[key] = (await buildPerson(ctx, { name, orgCode: 'SL-A-T1-V1', birthDate: '2010-03-01' })).id;
      for (const [username, role] of [
        ['dh-school', 'school_staff'],
        ['dh-school2', 'school_staff'],
        ['zx', 'aid_officer'],
        ['zx2', 'aid_officer'],
      ] as const)
        await buildUser(ctx, { username, orgCode: 'SL-A', roles: [role] });
      school = await login(sut, 'dh-school', TEST_PASSWORD);
      school2 = await login(sut, 'dh-school2', TEST_PASSWORD);
      aid = await login(sut, 'zx', TEST_PASSWORD);
      aid2 = await login(sut, 'zx2', TEST_PASSWORD);
      const cls = await post(admin, '/api/classes', {
        code: 'SL-A-K1',
        title: '团的基本知识',
        orgCode: 'SL-A',
        heldOn: '2026-03-01',
        hours: 2,
      });
      expect(cls.statusCode, cls.body).toBe(201);
      const donation = await post(admin, '/api/aid/donations', donationPayload());
      expect(donation.statusCode, donation.body).toBe(201);
    });
    afterAll(() => world.dispose());

    it('refuses a raw person id from a lookup-only caller, and changes nothing', async () => {
      const raw = await attend(school, { personId: ids.minor });
      expect(raw.statusCode, raw.body).toBe(403);
      expect(raw.body).toContain('请先按完整姓名或证件号码查找');
      expect(raw.body).not.toContain('少年丙');
      const rawGrant = await grant(aid, { personId: ids.minor });
      expect(rawGrant.statusCode, rawGrant.body).toBe(403);
      expect(rawGrant.body).not.toContain('少年丙');
      expect(await attendees()).toEqual([]);
      expect(await grantCount()).toBe(0);
    });

    it('refuses a tampered, expired or another user’s reference', async () => {
      const { ref } = await refOf(school, '学生甲');
      const [pid, uid, exp, sig] = ref.split('.');
      // Another person's id under this signature; a flipped signature character.
      const swapped = [ids.minor, uid, exp, sig].join('.');
      const flipped = [pid, uid, exp, `${sig![0] === 'A' ? 'B' : 'A'}${sig!.slice(1)}`].join('.');
      for (const bad of [swapped, flipped, 'garbage', `${ref}x`]) {
        const res = await attend(school, { personRef: bad });
        expect(res.statusCode, bad).toBe(422);
        expect(res.json().error.message).toContain('人员凭据无效');
      }
      const expired = makePersonRef(ctx.config.secret, ids.pupil!, Number(uid), Date.now() - 3 * 3600_000);
      const old = await attend(school, { personRef: expired });
      expect(old.statusCode).toBe(422);
      expect(old.json().error.message).toContain('已过期');
      // The same clerk's colleague cannot use it: each finds his own.
      const theirs = await attend(school2, { personRef: ref });
      expect(theirs.statusCode).toBe(422);
      expect(theirs.json().error.message).toContain('其他用户');
      const aidRef = (await refOf(aid, '学生甲')).ref;
      const theirGrant = await grant(aid2, { personRef: aidRef });
      expect(theirGrant.statusCode).toBe(422);
      expect(theirGrant.json().error.message).toContain('其他用户');
      // Both an id and a reference: one way only.
      const both = await grant(aid, { personRef: aidRef, personId: ids.pupil });
      expect(both.statusCode).toBe(422);
      expect(await attendees()).toEqual([]);
      expect(await grantCount()).toBe(0);
    });

    it('accepts the reference the lookup gave him', async () => {
      const { ref, id } = await refOf(school, '学生甲');
      const ok = await attend(school, { personRef: ref });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json().attendance).toEqual([
        { personId: id, name: '学生甲', idNumberMasked: expect.stringMatching(/\*/), result: 'passed' },
      ]);
      // Someone already on this class's register (shown to him in its list) may be re-marked by his id.
      const flip = await attend(school, { personId: id, result: 'failed' });
      expect(flip.statusCode, flip.body).toBe(200);
      expect(flip.json().attendance[0].result).toBe('failed');
      // ... but no one else.
      expect((await attend(school, { personId: ids.other })).statusCode).toBe(403);
      const g = await grant(aid, { personRef: (await refOf(aid, '学生甲')).ref });
      expect(g.statusCode, g.body).toBe(201);
      expect(await grantCount()).toBe(1);
    });

    it('still takes ids from those who read the roll', async () => {
      expect((await attend(admin, { personId: ids.other })).statusCode).toBe(200);
      expect(await attendees()).toEqual(expect.arrayContaining(['学生甲', '学生乙']));
      expect((await grant(admin, { personId: ids.other })).statusCode).toBe(201);
    });

    // GET /api/classes/hours/:personId answered school staff for any id with class records (名字, masked number,
    // classes): a walk of ids read every attendee back. 学时 are asked for like the writes: by reference.
    it('reads 学时 by the lookup’s reference only: a raw id, on file or not, tells nothing', async () => {
      const hours = (s: Session, who: object) => post(s, '/api/classes/hours', who);
      for (const personId of [ids.pupil, ids.minor, 999_999]) {
        const raw = await hours(school, { personId });
        expect(raw.statusCode, raw.body).toBe(403);
        expect(raw.json().error.message).toBe(ID_NOT_YOURS);
        for (const name of ['学生甲', '少年丙']) expect(raw.body).not.toContain(name);
      }
      const { ref, id } = await refOf(school, '少年丙');
      const [, uid, exp, sig] = ref.split('.');
      for (const bad of [[ids.pupil, uid, exp, sig].join('.'), 'garbage']) {
        const res = await hours(school, { personRef: bad });
        expect(res.statusCode, bad).toBe(422);
        expect(res.json().error.message).toContain('人员凭据无效');
        expect(res.body).not.toContain('学生甲');
      }
      const expired = makePersonRef(ctx.config.secret, id, Number(uid), Date.now() - 3 * 3600_000);
      const old = await hours(school, { personRef: expired });
      expect(old.statusCode).toBe(422);
      expect(old.json().error.message).toContain('已过期');
      expect(old.body).not.toContain('少年丙');
      const theirs = await hours(school2, { personRef: ref });
      expect(theirs.statusCode).toBe(422);
      expect(theirs.json().error.message).toContain('其他用户');
      expect((await hours(school, { personRef: ref, personId: id })).statusCode).toBe(422);
      // His own reference: the person he found, with no class yet.
      const mine = await hours(school, { personRef: ref });
      expect(mine.statusCode, mine.body).toBe(200);
      expect(mine.json()).toEqual({
        person: { id, name: '少年丙', idNumberMasked: expect.stringMatching(/\*/) },
        totalHours: 0,
        items: [],
      });
      // 团校 is not the aid officer's work, whatever reference he holds.
      expect((await hours(aid, { personRef: (await refOf(aid, '少年丙')).ref })).statusCode).toBe(403);
      // Those who read the roll still name him by id.
      const byId = await hours(admin, { personId: ids.pupil });
      expect(byId.statusCode, byId.body).toBe(200);
      expect(byId.json().person.name).toBe('学生甲');
    });
  });
}
