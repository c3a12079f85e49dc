import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { addDays, today } from '../../lib/dates.ts';
import { login } from '../../test/app.ts';
import { DIALECTS } from '../../test/db.ts';
import { dumpTables } from '../../test/dump.ts';
import { buildPerson, buildUser } from '../../test/factories.ts';
import { useMembershipWorld } from '../../test/worlds/membership.ts';

for (const dialect of DIALECTS) {
  describe(`组织关系转接 (${dialect})`, () => {
    const w = useMembershipWorld(dialect);
    const orgOf = async (personId: number) =>
      w.ctx.db
        .selectFrom('people')
        .innerJoin('orgs', 'orgs.id', 'people.org_id')
        .select(['orgs.code', 'people.scope_path'])
        .where('people.id', '=', personId)
        .executeTakeFirstOrThrow();

    it('a declined transfer leaves the member where he was', async () => {
      const p = await buildPerson(w.ctx, { name: '退回甲', orgCode: 'SL-A-B1' });
      const before = await orgOf(p.id);
      const started = await w.post(w.jia, '/api/membership/transfers', {
        personId: p.id,
        toOrgCode: 'SL-B',
        reason: 'work',
      });
      expect(started.statusCode).toBe(201);
      expect(started.json()).toMatchObject({
        status: 'pending_acceptance',
        side: 'outgoing',
        toOrg: { code: null, name: '乙县团委' },
      });
      const id = started.json().id;
      const empty = await w.post(w.yi, `/api/membership/transfers/${id}/decline`, { reason: ' ' });
      expect(empty.statusCode).toBe(422);
      const declined = await w.post(w.yi, `/api/membership/transfers/${id}/decline`, {
        reason: '本单位无此人',
      });
      expect(declined.statusCode).toBe(200);
      expect(declined.json()).toMatchObject({ status: 'declined', declineReason: '本单位无此人' });
      expect(await orgOf(p.id)).toEqual(before);
      // The sender sees the outcome and the reason, not who in the other county decided.
      const seen = (await w.get(w.jia, `/api/membership/transfers/${id}`)).json();
      expect(seen).toMatchObject({ status: 'declined', declineReason: '本单位无此人', decidedBy: null });
      // A declined transfer no longer blocks a new one.
      const again = await w.post(w.jia, '/api/membership/transfers', {
        personId: p.id,
        toOrgCode: 'SL-A-B2',
        reason: 'relocation',
      });
      expect(again.statusCode).toBe(201);
    });

    it('a transfer in flight cannot be started twice, from either side', async () => {
      const p = await buildPerson(w.ctx, { name: '重复乙', orgCode: 'SL-A-B1' });
      const first = await w.post(w.jia, '/api/membership/transfers', {
        personId: p.id,
        toOrgCode: 'SL-B',
        reason: 'study',
      });
      expect(first.statusCode).toBe(201);
      const before = await dumpTables(w.ctx, ['member_transfers', 'people']);
      const second = await w.post(w.jia, '/api/membership/transfers', {
        personId: p.id,
        toOrgCode: 'SL-A-B2',
        reason: 'work',
      });
      expect(second.statusCode).toBe(409);
      expect(second.json().error.message).toContain('正在办理');
      const fromReceiver = await w.post(w.yi, '/api/membership/transfers', {
        idNumber: p.idNumber,
        name: '重复乙',
        toOrgCode: 'SL-B-B1',
        reason: 'work',
      });
      expect(fromReceiver.statusCode).toBe(409);
      expect(await dumpTables(w.ctx, ['member_transfers', 'people'])).toEqual(before);
      // The database refuses it too, should two requests race past the check.
      await expect(
        w.ctx.db
          .insertInto('member_transfers')
          .values({
            ...(await w.ctx.db
              .selectFrom('member_transfers')
              .selectAll()
              .where('id', '=', first.json().id)
              .executeTakeFirstOrThrow()),
            id: undefined as never,
          })
          .execute(),
      ).rejects.toThrow();
    });

    it('across counties each side sees only its own part; acceptance moves the member in one step', async () => {
      const p = await buildPerson(w.ctx, { name: '跨县丙', orgCode: 'SL-A-B1', phone: '13900001111' });
      const started = await w.post(w.jia, '/api/membership/transfers', {
        personId: p.id,
        toOrgCode: 'SL-B',
        reason: 'work',
        reasonNote: '到乙县就业',
      });
      const id = started.json().id;

      const incoming = (await w.get(w.yi, '/api/membership/transfers?direction=incoming')).json();
      const mine = incoming.items.find((t: { id: number }) => t.id === id);
      expect(mine).toMatchObject({
        side: 'incoming',
        fromOrg: { code: null, name: '甲县一村团支部' },
        toOrg: { code: 'SL-B', name: '乙县团委' },
        startedBy: null,
        person: { name: '跨县丙', idNumberMasked: expect.stringMatching(/^\d{4}\*{12}\d[\dX]$/) },
        actions: { accept: true, decline: true, cancel: false },
      });
      expect(mine.person).not.toHaveProperty('birthDate');
      expect(typeof mine.person.age).toBe('number');
      // The response schema serialises only what it declares: every field the admin reads is there.
      expect(incoming).toMatchObject({ page: 1, pageSize: 20, hasMore: false });
      expect(Object.keys(mine).sort()).toEqual(
        [
          'actions',
          'assignedBranch',
          'declineReason',
          'decidedBy',
          'decidedOn',
          'fromOrg',
          'id',
          'initiatedBy',
          'overdue',
          'person',
          'reason',
          'reasonNote',
          'releasedOn',
          'side',
          'startedBy',
          'startedOn',
          'status',
          'toOrg',
        ].sort(),
      );
      expect(Object.keys(mine.person).sort()).toEqual(
        ['age', 'gender', 'id', 'idNumberMasked', 'joinedOn', 'memberNo', 'name'].sort(),
      );
      expect(mine).toMatchObject({ reason: 'work', reasonNote: '到乙县就业', initiatedBy: 'sender' });
      expect(mine.startedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const receiverText = JSON.stringify(mine);
      for (const hidden of [p.idNumber, '13900001111', 'SL-A', 'jia'])
        expect(receiverText).not.toContain(hidden);
      // The receiver still cannot open the person, nor the sender's organisation.
      expect((await w.get(w.yi, `/api/people/${p.id}`)).statusCode).toBe(404);
      expect((await w.get(w.yi, '/api/orgs/SL-A-B1')).statusCode).toBe(404);

      // A branch outside the receiving organisation is refused, and nothing moves.
      const wrong = await w.post(w.yi, `/api/membership/transfers/${id}/accept`, { branchCode: 'SL-A-B2' });
      expect(wrong.statusCode).toBe(404);
      expect((await orgOf(p.id)).code).toBe('SL-A-B1');

      const accepted = await w.post(w.yi, `/api/membership/transfers/${id}/accept`, {
        branchCode: 'SL-B-B1',
      });
      expect(accepted.statusCode).toBe(200);
      expect(accepted.json()).toMatchObject({
        status: 'accepted',
        assignedBranch: { code: 'SL-B-B1' },
        decidedBy: 'yi',
      });
      const now = await orgOf(p.id);
      expect(now.code).toBe('SL-B-B1');
      expect(now.scope_path).toMatch(/^\/\d+\/\d+\/\d+\/$/);
      expect((await w.get(w.yi, `/api/people/${p.id}`)).statusCode).toBe(200);
      expect((await w.get(w.jia, `/api/people/${p.id}`)).statusCode).toBe(404);

      const senderView = (await w.get(w.jia, `/api/membership/transfers/${id}`)).json();
      expect(senderView).toMatchObject({
        side: 'outgoing',
        status: 'accepted',
        toOrg: { code: null, name: '乙县团委' },
        assignedBranch: null,
        decidedBy: null,
        startedBy: 'jia',
      });
      const senderText = JSON.stringify(senderView);
      for (const hidden of ['SL-B', '乙县机关团支部', '"yi"']) expect(senderText).not.toContain(hidden);

      // The sender's export holds the same part only.
      const file = await w.get(w.jia, '/api/membership/transfers/export?direction=outgoing');
      expect(file.statusCode).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
      const cells: string[] = [];
      book.worksheets[0]!.eachRow((r) => r.eachCell((c) => cells.push(String(c.value))));
      expect(cells).toContain('跨县丙');
      expect(cells).toContain('乙县团委');
      expect(cells.join('|')).not.toContain('乙县机关团支部');
      // A county on neither side hears "no such transfer"; accepting twice is refused.
      expect((await w.get(w.bing, `/api/membership/transfers/${id}`)).statusCode).toBe(404);
      expect(
        (await w.post(w.yi, `/api/membership/transfers/${id}/accept`, { branchCode: 'SL-B-B1' })).statusCode,
      ).toBe(409);
    });

    it('the receiver may start it with identity number and name; the sender releases, then the receiver accepts', async () => {
      const p = await buildPerson(w.ctx, { name: '转入丁', orgCode: 'SL-A-B2' });
      const wrongName = await w.post(w.yi, '/api/membership/transfers', {
        idNumber: p.idNumber,
        name: '别人',
        toOrgCode: 'SL-B',
        reason: 'relocation',
      });
      expect(wrongName.statusCode).toBe(404);
      const notHis = await w.post(w.yi, '/api/membership/transfers', {
        idNumber: p.idNumber,
        name: '转入丁',
        toOrgCode: 'SL-A',
        reason: 'relocation',
      });
      expect(notHis.statusCode).toBe(403);
      const started = await w.post(w.yi, '/api/membership/transfers', {
        idNumber: p.idNumber,
        name: '转入丁',
        toOrgCode: 'SL-B',
        reason: 'relocation',
      });
      expect(started.statusCode).toBe(201);
      const id = started.json().id;
      expect(started.json()).toMatchObject({
        status: 'pending_release',
        initiatedBy: 'receiver',
        startedBy: 'yi',
      });
      expect(
        (await w.post(w.yi, `/api/membership/transfers/${id}/accept`, { branchCode: 'SL-B-B1' })).statusCode,
      ).toBe(409);
      expect((await w.post(w.yi, `/api/membership/transfers/${id}/release`)).statusCode).toBe(403);
      const outgoing = (
        await w.get(w.jia, '/api/membership/transfers?direction=outgoing&status=pending_release')
      ).json();
      expect(outgoing.items.map((t: { id: number }) => t.id)).toContain(id);
      expect((await w.post(w.jia, `/api/membership/transfers/${id}/release`)).json()).toMatchObject({
        status: 'pending_acceptance',
        startedBy: null,
      });
      expect(
        (await w.post(w.yi, `/api/membership/transfers/${id}/accept`, { branchCode: 'SL-B-B1' })).statusCode,
      ).toBe(200);
      expect((await orgOf(p.id)).code).toBe('SL-B-B1');
    });

    it('the receiver names a passport holder by 证件类型 and number, as person entry registered him', async () => {
      const p = await buildPerson(w.ctx, {
        name: '护照庚',
        orgCode: 'SL-A-B2',
        idType: 'passport',
        idNumber: 'E76543210',
      });
      const before = await dumpTables(w.ctx, ['member_transfers']);
      const wrongType = await w.post(w.yi, '/api/membership/transfers', {
        idType: 'resident_id',
        idNumber: 'E76543210',
        name: '护照庚',
        toOrgCode: 'SL-B',
        reason: 'study',
      });
      expect(wrongType.statusCode).toBe(422);
      expect(wrongType.json().error).toMatchObject({
        message: '身份证号应为18位，最后一位可为X',
        details: { problems: [{ column: 'idNumber' }] },
      });
      expect(await dumpTables(w.ctx, ['member_transfers'])).toEqual(before);
      const started = await w.post(w.yi, '/api/membership/transfers', {
        idType: 'passport',
        idNumber: 'e7654 3210',
        name: '护照庚',
        toOrgCode: 'SL-B',
        reason: 'study',
      });
      expect(started.statusCode, started.body).toBe(201);
      expect(started.json()).toMatchObject({
        initiatedBy: 'receiver',
        person: { name: '护照庚', idNumberMasked: 'E************10' },
      });
      expect(started.body).not.toContain('76543210');
      const id = started.json().id;
      await w.post(w.jia, `/api/membership/transfers/${id}/release`);
      expect(
        (await w.post(w.yi, `/api/membership/transfers/${id}/accept`, { branchCode: 'SL-B-B1' })).statusCode,
      ).toBe(200);
      expect((await orgOf(p.id)).code).toBe('SL-B-B1');
      // Without a 证件类型 the number says which document it is (API clients written before it).
      const q = await buildPerson(w.ctx, {
        name: '护照辛',
        orgCode: 'SL-A-B1',
        idType: 'passport',
        idNumber: 'G1234567',
      });
      const untyped = await w.post(w.yi, '/api/membership/transfers', {
        idNumber: 'G1234567',
        name: '护照辛',
        toOrgCode: 'SL-B',
        reason: 'work',
      });
      expect(untyped.statusCode, untyped.body).toBe(201);
      expect(untyped.json().person.name).toBe('护照辛');
      expect(q.id).toBeGreaterThan(0);
    });

    it('lists overdue transfers and lets the starter withdraw', async () => {
      const p = await buildPerson(w.ctx, { name: '超期戊', orgCode: 'SL-A-B1' });
      const id = (
        await w.post(w.jia, '/api/membership/transfers', {
          personId: p.id,
          toOrgCode: 'SL-B',
          reason: 'other',
        })
      ).json().id;
      await w.ctx.db
        .updateTable('member_transfers')
        .set({ started_on: addDays(today(), -31) })
        .where('id', '=', id)
        .execute();
      const overdue = (await w.get(w.yi, '/api/membership/transfers?direction=incoming&overdue=true')).json();
      expect(overdue.items.map((t: { id: number; overdue: boolean }) => [t.id, t.overdue])).toEqual([
        [id, true],
      ]);
      expect((await w.post(w.yi, `/api/membership/transfers/${id}/cancel`)).statusCode).toBe(403);
      expect((await w.post(w.jia, `/api/membership/transfers/${id}/cancel`)).json()).toMatchObject({
        status: 'cancelled',
      });
      expect(
        (await w.get(w.yi, '/api/membership/transfers?direction=incoming&overdue=true')).json().items,
      ).toEqual([]);
      const audit = await w.ctx.db
        .selectFrom('audit_log')
        .select(['summary'])
        .where('entity', '=', 'member_transfer')
        .execute();
      expect(audit.some((a) => a.summary.startsWith('撤回组织关系转接：超期戊'))).toBe(true);
    });

    it('the member himself may start it; his organisation then releases him', async () => {
      const p = await buildPerson(w.ctx, { name: '本人辛', orgCode: 'SL-A-B1' });
      const other = await buildPerson(w.ctx, { name: '旁人壬', orgCode: 'SL-A-B1' });
      const user = await buildUser(w.ctx, { username: 'xin', orgCode: 'SL-A-B1', roles: ['young_person'] });
      await w.ctx.db.updateTable('users').set({ person_id: p.id }).where('id', '=', user.id).execute();
      const self = await login(w.sut, 'xin', user.password);
      expect(
        (
          await w.post(self, '/api/membership/transfers', {
            personId: other.id,
            toOrgCode: 'SL-B',
            reason: 'study',
          })
        ).statusCode,
      ).toBe(403);
      const started = await w.post(self, '/api/membership/transfers', {
        personId: p.id,
        toOrgCode: 'SL-B',
        reason: 'study',
      });
      expect(started.statusCode).toBe(201);
      expect(started.json()).toMatchObject({ status: 'pending_release', initiatedBy: 'member' });
      expect((await w.get(self, `/api/membership/transfers/${started.json().id}`)).statusCode).toBe(200);
      expect((await w.post(self, `/api/membership/transfers/${started.json().id}/release`)).statusCode).toBe(
        403,
      );
      const released = await w.post(w.jia, `/api/membership/transfers/${started.json().id}/release`);
      expect(released.json()).toMatchObject({ status: 'pending_acceptance' });
    });

    it('shows a transfer only to who may read people there, or to the member himself (i12 finding 6)', async () => {
      const p = await buildPerson(w.ctx, { name: '转接癸', orgCode: 'SL-A-B1' });
      const started = await w.post(w.jia, '/api/membership/transfers', {
        personId: p.id,
        toOrgCode: 'SL-A-B2',
        reason: 'work',
      });
      expect(started.statusCode).toBe(201);
      const url = `/api/membership/transfers/${started.json().id}`;
      // Roles without person.read, at the very branch the member leaves.
      for (const role of ['counsellor', 'portal_editor'] as const) {
        const u = await buildUser(w.ctx, { username: `t6-${role}`, orgCode: 'SL-A-B1', roles: [role] });
        const res = await w.get(await login(w.sut, u.username, u.password), url);
        expect(res.statusCode, role).toBe(403);
      }
      // A young person of that branch: not his transfer, so as good as missing.
      const student = await buildUser(w.ctx, {
        username: 't6-student',
        orgCode: 'SL-A-B1',
        roles: ['young_person'],
      });
      const missing = await w.get(
        await login(w.sut, student.username, student.password),
        '/api/membership/transfers/999999',
      );
      const other = await w.get(await login(w.sut, student.username, student.password), url);
      expect(other.statusCode).toBe(404);
      expect(other.json()).toEqual(missing.json());
      // Another county's admin hears the same.
      expect((await w.get(w.bing, url)).json()).toEqual(missing.json());
      expect((await w.get(w.secretary, url)).statusCode).toBe(200);
      expect((await w.get(w.jia, url)).json()).toMatchObject({ person: { name: '转接癸' } });
    });

    it('refuses a non-member and a bad destination with a Chinese reason', async () => {
      const masses = await buildPerson(w.ctx, {
        name: '群众己',
        orgCode: 'SL-A-B1',
        politicalStatus: 'masses',
      });
      const r1 = await w.post(w.jia, '/api/membership/transfers', {
        personId: masses.id,
        toOrgCode: 'SL-B',
        reason: 'work',
      });
      expect(r1.statusCode).toBe(422);
      expect(r1.json().error.message).toContain('不是在册团员');
      const p = await buildPerson(w.ctx, { name: '原地庚', orgCode: 'SL-A-B1' });
      const r2 = await w.post(w.jia, '/api/membership/transfers', {
        personId: p.id,
        toOrgCode: 'SL-A-B1',
        reason: 'work',
      });
      expect(r2.statusCode).toBe(422);
      expect(
        (
          await w.post(w.jia, '/api/membership/transfers', {
            personId: p.id,
            toOrgCode: 'NOPE',
            reason: 'work',
          })
        ).statusCode,
      ).toBe(404);
      expect(
        (
          await w.post(w.yi, '/api/membership/transfers', {
            personId: p.id,
            toOrgCode: 'SL-B',
            reason: 'work',
          })
        ).statusCode,
      ).toBe(404);
    });
  });
}
