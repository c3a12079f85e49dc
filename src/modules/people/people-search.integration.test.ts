import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../lib/id-number.ts';
import { volunteerNo } from '../../lib/volunteer-no.ts';
import type { App } from '../../server/app.ts';
import { buildTestApp, login, type Session } from '../../test/app.ts';
import { createTestContext, DIALECTS, type TestContext } from '../../test/db.ts';
import { buildOrg, buildPerson, buildUser } from '../../test/factories.ts';

/** Issue 12 finding 10: a search by identity number or phone can go in a POST body, never in a URL. */
for (const dialect of DIALECTS) {
  describe(`POST /api/people/search (${dialect})`, () => {
    let ctx: TestContext;
    let sut: App;
    let admin: Session;
    const idNumber = makeIdNumber('419901', '2006-03-04', 7);
    const otherCounty = makeIdNumber('419902', '2005-01-02', 8);

    beforeAll(async () => {
      ctx = await createTestContext(dialect);
      sut = await buildTestApp(ctx);
      await buildOrg(ctx, { code: 'SL-B', parentCode: null, kind: 'committee', level: 'county' });
      await buildPerson(ctx, { idNumber, name: '检索甲', orgCode: 'SL-A', phone: '13912345678' });
      await buildPerson(ctx, { idNumber: otherCounty, name: '外县乙', orgCode: 'SL-B' });
      await buildPerson(ctx, { idType: 'passport', idNumber: 'E24681357', name: '护照丙', orgCode: 'SL-A' });
      await buildUser(ctx, { username: 'jia-admin', orgCode: 'SL-A', roles: ['org_admin'] });
      admin = await login(sut, 'jia-admin', 'correct-horse-battery');
    });
    afterAll(async () => {
      await sut.close();
      await ctx.dispose();
    });

    const search = (body: object, session: Session = admin) =>
      sut.inject({ method: 'POST', url: '/api/people/search', headers: session.headers, payload: body });

    it('finds a person by identity number or phone given in the body, as the list does', async () => {
      for (const q of [idNumber, '13912345678']) {
        const res = await search({ q });
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json().items.map((p: { name: string }) => p.name)).toEqual(['检索甲']);
        const listed = await sut.inject({
          method: 'GET',
          url: `/api/people?q=${q}`,
          headers: { cookie: admin.cookie },
        });
        expect(res.json()).toEqual(listed.json());
      }
    });

    it('finds a passport holder by his passport number, as the picker is told to (issue 17 item 7)', async () => {
      for (const q of ['E24681357', 'e2468 1357'])
        expect((await search({ q })).json().items.map((p: { name: string }) => p.name)).toEqual(['护照丙']);
    });

    it('finds a volunteer by his 志愿者编号 (any case), within reach only', async () => {
      const [mine, theirs] = await Promise.all(
        ['检索甲', '外县乙'].map((name) =>
          ctx.db.selectFrom('people').select('id').where('name', '=', name).executeTakeFirstOrThrow(),
        ),
      );
      const no = volunteerNo(mine!.id);
      for (const q of [no, no.toLowerCase()])
        expect((await search({ q })).json().items.map((p: { name: string }) => p.name)).toEqual(['检索甲']);
      expect((await search({ q: volunteerNo(theirs!.id) })).json().items).toEqual([]);
    });

    it('stays in the caller’s reach: another county’s number finds nothing, another county’s org is refused', async () => {
      expect((await search({ q: otherCounty })).json().items).toEqual([]);
      expect((await search({ q: '外县乙', org: 'SL-B' })).statusCode).toBe(403);
    });

    it('keeps the number out of the audit log and needs person.read', async () => {
      const log = await ctx.db.selectFrom('audit_log').select(['summary', 'detail']).execute();
      expect(JSON.stringify(log)).not.toContain(idNumber);
      await buildUser(ctx, { username: 'jia-editor', orgCode: 'SL-A', roles: ['portal_editor'] });
      const editor = await login(sut, 'jia-editor', 'correct-horse-battery');
      expect((await search({ q: idNumber }, editor)).statusCode).toBe(403);
    });
  });
}
