import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENUM_COLUMNS, hasLabel } from '../db/enum-columns.ts';
import { ageOn } from '../lib/dates.ts';
import { parseIdNumber } from '../lib/id-number.ts';
import { ORG_DOMAINS, ORG_KINDS, ORG_LEVELS } from '../modules/orgs/orgs.labels.ts';
import type { App } from '../server/app.ts';
import { buildTestApp, login } from '../test/app.ts';
import { createTestContext, DIALECTS, type TestContext } from '../test/db.ts';
import { DEMO_PASSWORD } from './accounts.ts';
import { buildOrgTree } from './org-tree.ts';
import { buildPeople } from './people.ts';
import { buildPlaces } from './places.ts';
import { createRandom } from './random.ts';
import { type DemoSeedOutcome, seedDemoIfEmpty } from './seed.ts';

describe('demo generator', () => {
  it('is the same on every run', () => {
    const generate = () => {
      const random = createRandom(7);
      return buildPeople(random, buildOrgTree(random, buildPlaces(random)));
    };
    expect(generate()).toEqual(generate());
  });
});

for (const dialect of DIALECTS) {
  describe(`demo seed (${dialect})`, () => {
    let ctx: TestContext;
    let sut: App;
    let outcome: DemoSeedOutcome | null;
    const lines: string[] = [];

    const counts = async () => {
      const count = (table: 'regions' | 'orgs' | 'people' | 'users' | 'audit_log' | 'imports') =>
        ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
          .then((r) => Number(r.n));
      return {
        regions: await count('regions'),
        orgs: await count('orgs'),
        people: await count('people'),
        users: await count('users'),
        audit: await count('audit_log'),
        imports: await count('imports'),
      };
    };

    beforeAll(async () => {
      ctx = await createTestContext(dialect);
      outcome = await seedDemoIfEmpty(ctx, (line) => lines.push(line));
      sut = await buildTestApp(ctx);
      // The whole demo county goes through the imports: a minute or more on a busy machine's PostgreSQL.
    }, 300_000);
    afterAll(async () => {
      await sut?.close();
      await ctx.dispose();
    });

    it('stores no code without its label in src/shared/labels.ts (the server and the admin show them by it)', async () => {
      const unlabelled: string[] = [];
      for (const { table, column, labels } of ENUM_COLUMNS) {
        const { rows } = await sql<{
          v: string;
        }>`select distinct ${sql.ref(column)} as v from ${sql.table(table)} where ${sql.ref(column)} is not null`.execute(
          ctx.db,
        );
        for (const { v } of rows) if (!hasLabel(labels, v)) unlabelled.push(`${table}.${column} = ${v}`);
      }
      expect(unlabelled).toEqual([]);
    });

    it('loads through the imports without a warning and reports what it loaded', () => {
      expect(outcome).toMatchObject({ warnings: 0, users: 6 });
      expect(lines[0]).toMatch(/^已载入演示数据：行政区划 \d+ 个，团组织 \d+ 个/);
      expect(lines).toContain(`演示账号（密码均为 ${DEMO_PASSWORD}）：`);
      for (const name of ['admin', 'city_admin', 'donghu_admin', 'xiling_admin', 'branch_sec', 'dh_school']) {
        expect(lines.some((l) => l.trim().startsWith(`${name} `))).toBe(true);
      }
    });

    it('builds regions from the province down to villages with codes that nest', async () => {
      const regions = await ctx.db
        .selectFrom('regions')
        .select(['id', 'code', 'level', 'parent_id'])
        .execute();
      const byId = new Map(regions.map((r) => [r.id, r]));
      const of = (level: string) => regions.filter((r) => r.level === level);
      expect(of('province')).toHaveLength(1);
      expect(of('city')).toHaveLength(1);
      expect(of('county').map((r) => r.code)).toEqual(['419801', '419802']);
      const length = { province: 6, city: 6, county: 6, township: 9, village: 12 } as Record<string, number>;
      for (const r of regions) {
        expect(r.code).toHaveLength(length[r.level]!);
        const parent = r.parent_id == null ? null : byId.get(r.parent_id)!;
        if (r.level === 'township' || r.level === 'village')
          expect(r.code.startsWith(parent!.code)).toBe(true);
      }
      for (const county of of('county')) {
        const townships = of('township').filter((t) => t.parent_id === county.id);
        expect(townships.length).toBeGreaterThanOrEqual(6);
        expect(townships.length).toBeLessThanOrEqual(9);
        for (const t of townships) {
          const villages = of('village').filter((v) => v.parent_id === t.id).length;
          expect(villages).toBeGreaterThanOrEqual(2);
          expect(villages).toBeLessThanOrEqual(4);
        }
      }
    });

    it('has organisations of every kind, level and domain, 150 to 250 in each county', async () => {
      const orgs = await ctx.db
        .selectFrom('orgs')
        .select(['id', 'code', 'kind', 'level', 'domain', 'path', 'status', 'parent_id'])
        .execute();
      expect(new Set(orgs.map((o) => o.kind))).toEqual(new Set(Object.keys(ORG_KINDS)));
      expect(new Set(orgs.map((o) => o.level))).toEqual(new Set(Object.keys(ORG_LEVELS)));
      expect(new Set(orgs.map((o) => o.domain))).toEqual(new Set(ORG_DOMAINS));
      const counties = orgs.filter((o) => o.level === 'county');
      expect(counties.map((o) => o.code).sort()).toEqual(['DH-A', 'DH-B']);
      for (const county of counties) {
        const inside = orgs.filter((o) => o.path.startsWith(county.path)).length;
        expect(inside).toBeGreaterThanOrEqual(150);
        expect(inside).toBeLessThanOrEqual(250);
      }
      const revoked = orgs.filter((o) => o.status === 'revoked');
      expect(revoked.length).toBeGreaterThanOrEqual(2);
      for (const r of revoked)
        expect(orgs.some((o) => o.parent_id === r.id && o.status === 'active')).toBe(false);
    });

    it('registers thousands of people with valid identity numbers and consistent league records', async () => {
      const people = await ctx.db
        .selectFrom('people')
        .leftJoin('orgs', 'orgs.id', 'people.org_id')
        .select([
          'people.id_number_enc',
          'people.id_number_hash',
          'people.id_number_masked',
          'people.gender',
          'people.birth_date',
          'people.political_status',
          'people.joined_on',
          'people.member_no',
          'people.phone',
          'orgs.status as org_status',
          'orgs.kind as org_kind',
        ])
        .execute();
      expect(people.length).toBeGreaterThanOrEqual(3000);
      expect(people.length).toBeLessThanOrEqual(4000);
      const statuses = new Map<string, number>();
      const problems: string[] = [];
      const check = (ok: boolean, what: string, p: (typeof people)[number]) => {
        if (!ok) problems.push(`${p.id_number_masked} ${p.birth_date} ${p.political_status}: ${what}`);
      };
      for (const p of people) {
        statuses.set(p.political_status, (statuses.get(p.political_status) ?? 0) + 1);
        const idNumber = ctx.cipher.decrypt(p.id_number_enc);
        const parsed = parseIdNumber(idNumber);
        check(parsed.ok, 'identity number invalid', p);
        if (!parsed.ok) continue;
        check(['419801', '419802'].includes(parsed.info.regionCode), 'region is not a demo county', p);
        check(parsed.info.birthDate === p.birth_date, 'birth date differs from the number', p);
        check(parsed.info.gender === p.gender, 'gender differs from the number', p);
        check(ctx.cipher.lookupHash(idNumber) === p.id_number_hash, 'lookup hash', p);
        check(p.birth_date >= '1996-01-01' && p.birth_date <= '2012-12-31', 'born outside 1996–2012', p);
        check(p.org_kind === 'branch' && p.org_status === 'active', 'not in an active branch', p);
        check(!p.phone || /^1\d{10}$/.test(p.phone), 'phone', p);
        if (p.political_status === 'league_member') {
          const age = ageOn(p.birth_date, p.joined_on ?? '0000-01-01');
          check(age >= 14 && age <= 18, `joined at ${age}`, p);
        } else check(p.joined_on == null, 'join date of a non-member', p);
        if (p.political_status === 'young_pioneer') {
          check(ageOn(p.birth_date, '2026-09-01') < 14, 'young pioneer of 14 or more', p);
        }
        check(!p.member_no || p.member_no.slice(0, 4) === p.joined_on?.slice(0, 4), 'member number year', p);
      }
      expect(problems).toEqual([]);
      expect(new Set(people.map((p) => p.id_number_hash)).size).toBe(people.length);
      const members = statuses.get('league_member') ?? 0;
      expect(members).toBeGreaterThan(people.length / 2);
      // The demo city is seeded (src/demo/random.ts): the same people on every machine.
      expect(Object.fromEntries(statuses)).toEqual({
        league_member: 2023,
        masses: 1194,
        party_member: 245,
        probationary_party_member: 68,
        young_pioneer: 33,
      });
      const numbered = people.filter((p) => p.member_no).length;
      expect(numbered).toBe(1411);
      expect(numbered).toBeLessThan(members);
      expect(new Set(people.filter((p) => p.member_no).map((p) => p.member_no)).size).toBe(numbered);
    });

    it('lets every demo user log in and see his own subtree only', async () => {
      const expected = {
        admin: 'DH',
        city_admin: 'DH',
        donghu_admin: 'DH-A',
        xiling_admin: 'DH-B',
        branch_sec: /^DH-A-T\d\d-V\d$/,
      };
      for (const [username, org] of Object.entries(expected)) {
        const session = await login(sut, username, DEMO_PASSWORD);
        const me = await sut.inject({
          method: 'GET',
          url: '/api/auth/me',
          headers: { cookie: session.cookie },
        });
        expect(me.statusCode).toBe(200);
        expect(me.json().user.org.code).toMatch(org);
      }
      const donghu = await login(sut, 'donghu_admin', DEMO_PASSWORD);
      const own = await sut.inject({ method: 'GET', url: '/api/people', headers: { cookie: donghu.cookie } });
      expect(own.json().total).toBeGreaterThan(1000);
      const other = await sut.inject({
        method: 'GET',
        url: '/api/orgs/DH-B',
        headers: { cookie: donghu.cookie },
      });
      expect(other.statusCode).toBe(404); // another county's org answers as a missing one (no oracle)
    });

    it('changes nothing when run again, and still shows the demo logins', async () => {
      const before = await counts();
      const again: string[] = [];
      // npm start listens on every interface unless told otherwise: the public password then needs the hint.
      const host = ctx.config.host;
      ctx.config.host = '0.0.0.0';
      expect(await seedDemoIfEmpty(ctx, (line) => again.push(line))).toBeNull();
      ctx.config.host = host;
      expect(await counts()).toEqual(before);
      expect(again[0]).toBe(`演示账号（密码均为 ${DEMO_PASSWORD}）：`);
      // The header, the nine accounts, the service ledgers' four (src/demo/ledgers.ts), the
      // volunteering demo's organiser, and the hint to keep the demo on this machine (issue 17 item 14).
      expect(again).toHaveLength(16);
      expect(again.some((l) => l.trim().startsWith('volunteer_org '))).toBe(true);
      expect(again.at(-1)).toContain('HOST=127.0.0.1');
    });

    it('names each account after its county and has someone past 100 hours on the honour roll (issue 17 item 14)', async () => {
      const accounts = await ctx.db
        .selectFrom('users as u')
        .innerJoin('orgs as o', 'o.id', 'u.org_id')
        .innerJoin('user_roles as r', 'r.user_id', 'u.id')
        .select(['u.username', 'o.code', 'o.name', 'r.role'])
        .where('u.username', 'in', ['dh_supervisor', 'dh_school', 'volunteer_org', 'xl_supervisor'])
        .orderBy('u.username')
        .execute();
      expect(accounts.map((a) => [a.username, a.code, a.role])).toEqual([
        ['dh_school', 'DH-A', 'school_staff'],
        ['dh_supervisor', 'DH-A', 'counselling_supervisor'],
        ['volunteer_org', 'DH-A', 'volunteer_organiser'],
      ]);
      const roll = await sut.inject({ method: 'GET', url: '/public/volunteering/honour-roll/DH-A' });
      expect(roll.statusCode).toBe(200);
      const stars = roll.json().items as { hours: number; level: number }[];
      expect(stars.length).toBeGreaterThanOrEqual(2);
      expect(stars.every((s) => s.hours >= 100 && s.level >= 1)).toBe(true);
      const student = await ctx.db
        .selectFrom('users as u')
        .innerJoin('volunteer_records as v', 'v.person_id', 'u.person_id')
        .select((eb) => eb.fn.sum<number>('v.hours_hundredths').as('h'))
        .where('u.username', '=', 'student')
        .executeTakeFirstOrThrow();
      expect(Number(student.h)).toBeGreaterThanOrEqual(100_00);
    });
  });
}
