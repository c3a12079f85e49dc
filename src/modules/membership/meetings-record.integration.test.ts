import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nowIso } from '../../db/create-db.ts';
import { addDays, today } from '../../lib/dates.ts';
import { DIALECTS } from '../../test/db.ts';
import { dumpTables, multipartFile } from '../../test/dump.ts';
import { buildPerson } from '../../test/factories.ts';
import { useMembershipWorld, type World } from '../../test/worlds/membership.ts';

const GPS_PHOTO = readFileSync(new URL('../../test/fixtures/gps-photo.jpg', import.meta.url));
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

/** Issue 17, item 11: meetings listed with topic, attendance (who was absent), attachments; the vote meeting counts. */
for (const dialect of DIALECTS) {
  describe(`meeting records: 主题团日, absentees, attachments, admission votes (${dialect})`, () => {
    const w = useMembershipWorld(dialect);
    const upload = (session: World['secretary'], id: number, name: string, content: Buffer) => {
      const file = multipartFile(name, content);
      return w.sut.inject({
        method: 'POST',
        url: `/api/membership/meetings/${id}/attachments`,
        headers: { ...session.headers, ...file.headers },
        payload: file.payload,
      });
    };

    it('records a 主题团日 with who came and who did not, and its attachments, seen by the county', async () => {
      const [a, b, c] = [
        await buildPerson(w.ctx, { name: '团日甲', orgCode: 'SL-A-B1' }),
        await buildPerson(w.ctx, { name: '团日乙', orgCode: 'SL-A-B1' }),
        await buildPerson(w.ctx, { name: '团日丙', orgCode: 'SL-A-B1' }),
      ];
      const heldOn = addDays(today(), -1) >= `${today().slice(0, 4)}-01-01` ? addDays(today(), -1) : today();
      const res = await w.post(w.secretary, '/api/membership/meetings', {
        branchCode: 'SL-A-B1',
        kind: 'theme_day',
        heldOn,
        topic: '重温入团誓词',
        attendeeIds: [a.id, b.id],
      });
      expect(res.statusCode, res.body).toBe(201);
      const id = res.json().id as number;
      expect(res.json()).toMatchObject({
        kind: 'theme_day',
        attended: 2,
        attendees: [{ name: '团日甲' }, { name: '团日乙' }],
        absentees: [{ id: c.id, name: '团日丙' }],
        attachments: [],
      });
      expect(res.json().expected).toBe(res.json().attendees.length + res.json().absentees.length);

      // Attachments: a phone photo (its GPS position dropped) and a PDF; wrong kinds and oversize are refused.
      const before = await dumpTables(w.ctx, ['branch_meeting_attachments']);
      const bad = await upload(w.secretary, id, 'run.exe', Buffer.from('MZ\x90\x00 not a document'));
      expect(bad.statusCode).toBe(422);
      expect(bad.json().error.message).toContain('附件只能是');
      const big = await upload(
        w.secretary,
        id,
        'big.pdf',
        Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024)]),
      );
      expect(big.statusCode).toBe(422);
      expect(big.json().error.message).toBe('附件不能超过 5 MB');
      const empty = await w.sut.inject({
        method: 'POST',
        url: `/api/membership/meetings/${id}/attachments`,
        headers: w.secretary.headers,
        payload: {},
      });
      expect(empty.statusCode).toBe(422);
      expect(await dumpTables(w.ctx, ['branch_meeting_attachments'])).toEqual(before);
      const photo = await upload(w.secretary, id, '团日合影.jpg', GPS_PHOTO);
      expect(photo.statusCode, photo.body).toBe(201);
      expect(photo.json()).toMatchObject({ name: '团日合影.jpg', mimeType: 'image/jpeg' });
      expect(photo.json().bytes).toBeLessThan(GPS_PHOTO.length);
      const sheet = await upload(w.secretary, id, '签到表.pdf', PDF);
      expect(sheet.statusCode, sheet.body).toBe(201);

      // Another county can neither add to it nor read it; the county above reads the list and the files.
      expect((await upload(w.yi, id, 'x.pdf', PDF)).statusCode).toBe(404);
      const url = `/api/membership/meetings/${id}/attachments/${photo.json().id}`;
      expect((await w.get(w.yi, url)).statusCode).toBe(404);
      const file = await w.get(w.jia, url);
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-type']).toBe('image/jpeg');
      expect(file.rawPayload.toString('latin1')).not.toContain('Exif');
      const list = (
        await w.get(w.jia, `/api/membership/meetings?org=SL-A&year=${heldOn.slice(0, 4)}`)
      ).json();
      expect(list.items.find((m: { id: number }) => m.id === id)).toEqual({
        id,
        kind: 'theme_day',
        heldOn,
        topic: '重温入团誓词',
        minutes: null,
        expected: 3,
        attended: 2,
        branch: { code: 'SL-A-B1', name: '甲县一村团支部' },
        admissionCandidates: 0,
        absentNames: ['团日丙'],
        attachments: [
          { id: photo.json().id, name: '团日合影.jpg', mimeType: 'image/jpeg', bytes: photo.json().bytes },
          { id: sheet.json().id, name: '签到表.pdf', mimeType: 'application/pdf', bytes: PDF.length },
        ],
      });
      // Only those present count as having attended, in the member's own record.
      const life = (await w.get(w.jia, `/api/membership/people/${c.id}/life`)).json();
      expect(life.meetings).toEqual([]);
      const rhythm = (
        await w.get(w.jia, `/api/membership/meetings-rhythm?org=SL-A&year=${heldOn.slice(0, 4)}`)
      ).json();
      const b1 = rhythm.items.find((i: { branch: { code: string } }) => i.branch.code === 'SL-A-B1');
      expect(b1.held.theme_day).toBe(1);
    });

    it('counts the admission vote as a 支部大会, once when the branch also recorded that meeting', async () => {
      const year = Number(today().slice(0, 4)) - 1;
      const org = await w.ctx.db
        .selectFrom('orgs')
        .select(['id', 'path'])
        .where('code', '=', 'SL-A-B2')
        .executeTakeFirstOrThrow();
      const vote = async (name: string, on: string) => {
        const p = await buildPerson(w.ctx, { name, orgCode: 'SL-A-B2', politicalStatus: 'masses' });
        await w.ctx.db
          .insertInto('admissions')
          .values({
            org_id: org.id,
            org_path: org.path,
            person_id: p.id,
            applied_on: `${year - 1}-03-01`,
            candidate_on: `${year}-01-05`,
            branch_vote_on: on,
            vote_should_attend: 6,
            vote_attended: 5,
            vote_yes: 5,
            status: 'candidate',
            created_at: nowIso(),
            updated_at: nowIso(),
          })
          .execute();
      };
      // Two candidates voted at one meeting in March, one in June.
      await vote('表决甲', `${year}-03-20`);
      await vote('表决乙', `${year}-03-20`);
      await vote('表决丙', `${year}-06-20`);
      const rhythmOf = async () =>
        (await w.get(w.jia, `/api/membership/meetings-rhythm?org=SL-A&year=${year}`))
          .json()
          .items.find((i: { branch: { code: string } }) => i.branch.code === 'SL-A-B2');
      expect((await rhythmOf()).held.general_meeting).toBe(2);
      const listOf = async () =>
        (await w.get(w.jia, `/api/membership/meetings?org=SL-A-B2&year=${year}`)).json().items;
      expect(await listOf()).toEqual([
        expect.objectContaining({
          id: null,
          kind: 'general_meeting',
          heldOn: `${year}-06-20`,
          topic: '发展团员表决（1 名发展对象）',
          expected: 6,
          attended: 5,
          admissionCandidates: 1,
          attachments: [],
        }),
        expect.objectContaining({ id: null, heldOn: `${year}-03-20`, admissionCandidates: 2 }),
      ]);
      // The secretary then records the March meeting itself: one row, one 支部大会, with the vote on it.
      const recorded = await w.post(w.jia, '/api/membership/meetings', {
        branchCode: 'SL-A-B2',
        kind: 'general_meeting',
        heldOn: `${year}-03-20`,
        topic: '发展团员大会',
        attendeeIds: [],
      });
      expect(recorded.statusCode, recorded.body).toBe(201);
      expect(recorded.json().admissionCandidates).toBe(2);
      const list = await listOf();
      expect(list.map((m: { heldOn: string; id: number | null }) => [m.heldOn, m.id])).toEqual([
        [`${year}-06-20`, null],
        [`${year}-03-20`, recorded.json().id],
      ]);
      expect(list[1]).toMatchObject({ topic: '发展团员大会', admissionCandidates: 2 });
      expect((await rhythmOf()).held.general_meeting).toBe(2);
    });
  });
}
