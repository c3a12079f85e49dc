import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nowIso } from '../../db/create-db.ts';
import type { App } from '../../server/app.ts';
import type { Session } from '../../test/app.ts';
import { buildChildRegion, buildPerson } from '../../test/county-factories.ts';
import { DIALECTS, type TestContext } from '../../test/db.ts';
import { type CountyApp, countyApp } from '../../test/worlds/county-app.ts';

const IN_FLIGHT = 64;

/** The running numbers after a prefix, sorted: gapless means exactly 1..n. */
function serials(codes: string[], prefix: string): number[] {
  return codes.map((c) => {
    expect(c.startsWith(prefix), c).toBe(true);
    return Number(c.slice(prefix.length));
  });
}
const oneTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
const sorted = (ns: number[]) => [...ns].sort((a, b) => a - b);

for (const dialect of DIALECTS) {
  describe(`numbered records created concurrently (${dialect})`, () => {
    let world: CountyApp;
    let ctx: TestContext;
    let sut: App;
    let admin: Session;
    let student: string;

    const post = (url: string, payload: object) => world.post(url, payload);
    const donation = (i: number, donatedOn: string, orgCode = 'SL-A') =>
      post('/api/aid/donations', {
        donor: `捐赠人${i}`,
        donorKind: '个人',
        amount: 100,
        donatedOn,
        program: '助学',
        orgCode,
      });
    const auditCount = async (entity: string) =>
      Number(
        (
          await ctx.db
            .selectFrom('audit_log')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('entity', '=', entity)
            .where('action', '=', 'create')
            .executeTakeFirstOrThrow()
        ).n,
      );

    beforeAll(async () => {
      world = await countyApp(dialect);
      ({ ctx, sut, session: admin } = world);
      await buildChildRegion(ctx, '419901001', 'township', '419901', '一镇');
      student = (await buildPerson(ctx, { orgCode: 'SL-A-T1-V1' })).idNumber;
    });
    afterAll(() => world?.dispose());

    it(`registers ${IN_FLIGHT} donations at once: codes gapless, receipts gapless per org and year`, async () => {
      const answers = await Promise.all(
        Array.from({ length: IN_FLIGHT }, (_, i) => donation(i, i % 2 === 0 ? '2025-03-01' : '2026-01-02')),
      );
      for (const res of answers) expect(res.statusCode, res.body).toBe(201);
      const made = answers.map((r) => r.json() as { code: string; receiptNo: string });
      expect(
        sorted(
          serials(
            made.map((m) => m.code),
            'SL-A-JZ',
          ),
        ),
      ).toEqual(oneTo(IN_FLIGHT));
      for (const year of ['2025', '2026']) {
        const receipts = made.map((m) => m.receiptNo).filter((r) => r.includes(`-${year}-`));
        expect(sorted(serials(receipts, `SL-A-${year}-`))).toEqual(oneTo(IN_FLIGHT / 2));
      }
      expect(await auditCount('donation')).toBe(IN_FLIGHT);
    });

    it(`creates funds, grants, posts, venues and outreach events, ${IN_FLIGHT} at once, without a failure`, async () => {
      const kinds = {
        fund: (i: number) =>
          post('/api/funds', {
            program: '助学',
            source: '财政拨款',
            amount: 10 + i,
            receivedOn: '2026-01-05',
            orgCode: 'SL-A',
          }),
        grant: () =>
          post('/api/aid/grants', {
            idNumber: student,
            amount: 10,
            grantedOn: '2026-01-05',
            program: '助学',
            orgCode: 'SL-A',
            reason: '家庭经济困难',
            school: '县第一中学',
          }),
        internship_post: (i: number) =>
          post('/api/internships/posts', {
            title: `岗位${i}`,
            employer: '一镇团委',
            program: '扬帆计划',
            slots: 1,
            startsOn: '2030-07-01',
            orgCode: 'SL-A',
          }),
        venue: (i: number) =>
          post('/api/venues', {
            name: `青年之家${i}`,
            kind: 'youth_home',
            regionCode: '419901001',
            orgCode: 'SL-A',
          }),
        outreach_event: (i: number) =>
          post('/api/counselling/outreach', {
            title: `讲座${i}`,
            heldOn: '2026-01-05',
            regionCode: '419901001',
            orgCode: 'SL-A',
            reach: 10,
          }),
      } as const;
      const prefixes = { fund: 'JF', grant: 'ZZ', internship_post: 'SX', venue: 'ZD', outreach_event: 'XL' };
      const names = Object.keys(kinds) as (keyof typeof kinds)[];
      const jobs = Array.from({ length: IN_FLIGHT }, (_, i) => names[i % names.length]!);
      const answers = await Promise.all(jobs.map((kind, i) => kinds[kind](i)));
      for (const res of answers) expect(res.statusCode, res.body).toBe(201);
      for (const kind of names) {
        const codes = answers.filter((_, i) => jobs[i] === kind).map((r) => r.json().code as string);
        expect(sorted(serials(codes, `SL-A-${prefixes[kind]}`)), kind).toEqual(oneTo(codes.length));
        expect(await auditCount(kind), kind).toBe(codes.length);
      }
    });

    it('skips a number an import or a typed code took, and refuses a typed code twice in Chinese', async () => {
      const county = await ctx.db
        .selectFrom('orgs')
        .select(['id', 'path'])
        .where('code', '=', 'SL-A')
        .executeTakeFirstOrThrow();
      const funds = await ctx.db
        .selectFrom('funds')
        .select('code')
        .where('code', 'like', 'SL-A-JF%')
        .execute();
      const next = funds.length + 1;
      const now = nowIso();
      // As an import writes it: the code the counter would give next.
      await ctx.db
        .insertInto('funds')
        .values({
          code: `SL-A-JF${String(next).padStart(4, '0')}`,
          program: '助学',
          source: '其他',
          amount_fen: 100,
          received_on: '2026-01-06',
          purpose: null,
          org_id: county.id,
          org_path: county.path,
          created_at: now,
          updated_at: now,
        })
        .execute();
      const after = await post('/api/funds', {
        program: '助学',
        source: '其他',
        amount: 1,
        receivedOn: '2026-01-06',
        orgCode: 'SL-A',
      });
      expect(after.statusCode, after.body).toBe(201);
      expect(after.json().code).toBe(`SL-A-JF${String(next + 1).padStart(4, '0')}`);

      const typed = await Promise.all(
        Array.from({ length: 8 }, () =>
          post('/api/counselling/outreach', {
            code: 'SL-A-XL9000',
            title: '手填编号的讲座',
            heldOn: '2026-01-06',
            regionCode: '419901001',
            orgCode: 'SL-A',
            reach: 5,
          }),
        ),
      );
      expect(typed.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
      for (const r of typed.filter((t) => t.statusCode === 409))
        expect(r.json().error.message).toBe('活动编号 SL-A-XL9000 已存在');
    });

    it('numbers an imported donation’s receipt once when it is printed many times at once', async () => {
      const county = await ctx.db
        .selectFrom('orgs')
        .select(['id', 'path'])
        .where('code', '=', 'SL-A')
        .executeTakeFirstOrThrow();
      const now = nowIso();
      const { id } = await ctx.db
        .insertInto('donations')
        .values({
          code: 'SL-A-IMP01',
          donor: '导入单位',
          donor_kind: '单位',
          amount_fen: 100,
          donated_on: '2024-05-01',
          program: '其他',
          note: null,
          receipt_no: null,
          org_id: county.id,
          org_path: county.path,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const prints = await Promise.all(
        Array.from({ length: 8 }, () =>
          sut.inject({
            method: 'GET',
            url: `/api/aid/donations/${id}/receipt`,
            headers: { cookie: admin.cookie },
          }),
        ),
      );
      for (const p of prints) {
        expect(p.statusCode, p.body).toBe(200);
        expect(p.body).toContain('SL-A-2024-00001');
      }
      const issued = await ctx.db
        .selectFrom('audit_log')
        .select('id')
        .where('summary', 'like', '开具捐赠收据%')
        .execute();
      expect(issued).toHaveLength(1);
      // The next receipt of that year follows without a gap.
      const later = await donation(999, '2024-06-01');
      expect(later.json().receiptNo).toBe('SL-A-2024-00002');
    });
  });
}
