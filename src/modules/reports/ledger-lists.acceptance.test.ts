import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../cli/main.ts';
import type { App } from '../../server/app.ts';
import { buildTestApp, login, type Session } from '../../test/app.ts';
import { createTestContext, DIALECTS, type TestContext } from '../../test/db.ts';
import { buildUser } from '../../test/factories.ts';
import { FIXTURE_SAMPLE, sampleFiles } from '../../test/sample-county.ts';

const SAMPLE = FIXTURE_SAMPLE;
const files = sampleFiles(SAMPLE);
const expected = JSON.parse(readFileSync(path.join(SAMPLE, 'expected-report.json'), 'utf8'))
  .indicators as Record<string, number>;

/** `tuanwu import …` in this process against the test database, as the report's acceptance test does. */
async function cliImport(ctx: TestContext, kind: string, file: string): Promise<void> {
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
  const error = vi
    .spyOn(console, 'error')
    .mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
  const saved = {
    db: process.env.TUANWU_DB,
    dir: process.env.TUANWU_DATA_DIR,
    secret: process.env.TUANWU_SECRET,
  };
  Object.assign(process.env, {
    TUANWU_DB: ctx.config.databaseUrl,
    TUANWU_DATA_DIR: ctx.config.dataDir,
    TUANWU_SECRET: ctx.config.secret,
  });
  try {
    const code = await main(['import', kind, file]);
    if (code !== 0) throw new Error(`import ${kind} refused:\n${lines.join('\n')}`);
  } finally {
    for (const [k, v] of [
      ['TUANWU_DB', saved.db],
      ['TUANWU_DATA_DIR', saved.dir],
      ['TUANWU_SECRET', saved.secret],
    ] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    log.mockRestore();
    error.mockRestore();
  }
}

const PERIOD = 'org=SL-A&from=2022-01-01&to=2023-12-31';

for (const dialect of DIALECTS) {
  describe(`service lists agree with the 青春答卷 after importing the sample (${dialect})`, () => {
    let ctx: TestContext;
    let sut: App;
    let admin: Session;

    beforeAll(async () => {
      ctx = await createTestContext(dialect);
      for (const f of files) await cliImport(ctx, f.kind, path.join(SAMPLE, f.file));
      sut = await buildTestApp(ctx);
      await buildUser(ctx, { username: 'sample-admin', orgCode: 'SL-A', roles: ['org_admin'] });
      admin = await login(sut, 'sample-admin', 'correct-horse-battery');
    }, 240_000);
    afterAll(async () => {
      await sut?.close();
      await ctx.dispose();
    });

    const get = async (url: string) => {
      const res = await sut.inject({ method: 'GET', url, headers: { cookie: admin.cookie } });
      expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
      return res.json();
    };

    it('cadres', async () => {
      const deputies = (await get(`/api/cadres?${PERIOD}&title=deputy_secretary`)).items as {
        mode: string;
        source: string | null;
        org: { level: string };
      }[];
      const count = (level: string, mode: string, student = false) =>
        deputies.filter(
          (p) => p.org.level === level && p.mode === mode && (!student || p.source === '大学生'),
        ).length;
      expect(count('county', 'seconded')).toBe(expected['cadre.county_seconded_deputies']);
      expect(count('county', 'part_time')).toBe(expected['cadre.county_parttime_deputies']);
      expect(count('township', 'part_time', true)).toBe(expected['cadre.township_student_deputies']);
      expect(await get(`/api/cadres/structure?${PERIOD}`)).toMatchObject({
        countySecondedDeputies: expected['cadre.county_seconded_deputies'],
        countyPartTimeDeputies: expected['cadre.county_parttime_deputies'],
        townshipStudentDeputies: expected['cadre.township_student_deputies'],
      });
    });

    it('funds', async () => {
      const funds = await get(`/api/funds?${PERIOD}`);
      expect(funds.amount).toBe(expected['fund.total']);
      expect(funds.byProgram.心理健康).toBe(expected['fund.mental_health']);
      expect((await get(`/api/funds?${PERIOD}&program=${encodeURIComponent('心理健康')}`)).amount).toBe(
        expected['fund.mental_health'],
      );
    });

    it('student aid', async () => {
      const program = (p: string) => `${PERIOD}&program=${encodeURIComponent(p)}`;
      expect((await get(`/api/aid/donations?${program('助学')}`)).amount).toBe(expected['aid.raised']);
      const grants = await get(`/api/aid/grants?${program('助学')}`);
      expect(grants.amount).toBe(expected['aid.granted']);
      expect(grants.students).toBe(expected['aid.students']);
      expect((await get(`/api/aid/beneficiaries?${program('助学')}`)).total).toBe(expected['aid.students']);
      expect((await get(`/api/aid/donations?${program('心理健康')}`)).amount).toBe(
        expected['mental.donations'],
      );
    });

    it('mental health', async () => {
      expect((await get(`/api/counselling/counsellors?${PERIOD}`)).total).toBe(
        expected['mental.counsellors'],
      );
      const outreach = await get(`/api/counselling/outreach?${PERIOD}`);
      expect(outreach.total).toBe(expected['mental.events']);
      expect(outreach.reach).toBe(expected['mental.reach']);
      expect((await get(`/api/counselling/consultations?${PERIOD}`)).total).toBe(
        expected['mental.consultations'],
      );
      expect(await get(`/api/counselling/statistics?${PERIOD}`)).toMatchObject({
        counsellors: expected['mental.counsellors'],
        events: expected['mental.events'],
        reach: expected['mental.reach'],
        consultations: expected['mental.consultations'],
      });
    });

    it('venues and coverage', async () => {
      expect((await get(`/api/venues?${PERIOD}&kind=youth_home&status=active`)).total).toBe(
        expected['venue.youth_homes'],
      );
      expect((await get(`/api/venues?${PERIOD}&kind=qingyi_home&status=active`)).total).toBe(
        expected['venue.qingyi'],
      );
      expect(await get(`/api/venues/coverage?${PERIOD}`)).toMatchObject({
        townships: expected['venue.townships'],
        covered: expected['venue.townships_covered'],
        coverage: expected['venue.township_coverage'],
      });
    });

    it('internships', async () => {
      expect((await get(`/api/internships/posts?${PERIOD}`)).slots).toBe(expected['internship.posts']);
      expect((await get(`/api/internships/placements?${PERIOD}`)).placed).toBe(expected['internship.placed']);
    });
  });
}
