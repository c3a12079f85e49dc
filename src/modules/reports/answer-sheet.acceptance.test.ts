import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login } from '../../test/app.ts';
import { cli } from '../../test/cli-in-process.ts';
import { createTestContext, DIALECTS, type TestContext } from '../../test/db.ts';
import { buildUser, TEST_PASSWORD } from '../../test/factories.ts';
import { contractSample, sampleFiles } from '../../test/sample-county.ts';
import { LISTINGS } from './report-records.ts';

const SAMPLE = contractSample() ?? '';
const files = SAMPLE ? sampleFiles(SAMPLE) : [];
const expected = SAMPLE ? JSON.parse(readFileSync(path.join(SAMPLE, 'expected-report.json'), 'utf8')) : {};

for (const dialect of DIALECTS) {
  describe.skipIf(!SAMPLE)(`青春答卷 acceptance: ../shared/sample through the CLI (${dialect})`, () => {
    let ctx: TestContext;

    beforeAll(async () => {
      ctx = await createTestContext(dialect);
      for (const f of files) {
        const { code, out } = await cli(ctx, 'import', f.kind, path.join(SAMPLE, f.file));
        if (code !== 0) throw new Error(`import ${f.kind} refused:\n${out}`);
        expect(out).toContain(`共 ${f.rows} 行；新增 ${f.rows}`);
      }
    }, 180_000);
    afterAll(async () => ctx.dispose());

    it('gives every indicator of expected-report.json exactly', async () => {
      const out = path.join(ctx.config.dataDir, 'report.json');
      const { code } = await cli(
        ctx,
        'report',
        '--org',
        'SL-A',
        '--from',
        '2022-01-01',
        '--to',
        '2023-12-31',
        '--out',
        out,
      );
      expect(code).toBe(0);
      const report = JSON.parse(readFileSync(out, 'utf8'));
      expect(report).toEqual(expected);
      expect(Object.keys(report.indicators)).toEqual(Object.keys(expected.indicators));
    });

    it('answers the same over HTTP, through the response schemas, and every drill-down keeps its columns', async () => {
      // The routes serialise through reports.schemas.ts: a key left out of a schema would vanish here.
      const sut = await buildTestApp(ctx);
      try {
        await buildUser(ctx, { username: 'acceptance-admin', orgCode: 'SL-A', roles: ['org_admin'] });
        const { cookie } = await login(sut, 'acceptance-admin', TEST_PASSWORD);
        const get = async (url: string) => {
          const res = await sut.inject({ method: 'GET', url, headers: { cookie } });
          expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
          return res.json();
        };
        const scope = 'org=SL-A&from=2022-01-01&to=2023-12-31';
        const sheet = await get(`/api/reports/answer-sheet?${scope}`);
        expect(sheet).toEqual(expected);
        expect(Object.keys(sheet.indicators)).toEqual(Object.keys(expected.indicators));
        expect((await get(`/api/reports/compare?${scope}`)).items).toEqual([expected]);

        const oneRowEach = [
          'admission.admitted',
          'member.total',
          'aid.students',
          'mental.consultations',
          'venue.townships_covered',
          'volunteer.participations',
          'volunteer.volunteers',
        ];
        for (const indicator of Object.keys(LISTINGS)) {
          const page = await get(`/api/reports/records?${scope}&indicator=${indicator}&pageSize=5`);
          // The sample's expected report fixes the totals of the one-row-each listings below; for the others the
          // guard is that the listing has rows to show, and a first page holds min(5, total) of them.
          expect(page.total, indicator).toBeGreaterThan(0);
          expect(page.items.length, indicator).toBe(Math.min(5, page.total));
          const keys = page.columns.map((c: { key: string }) => c.key).sort();
          for (const item of page.items) expect(Object.keys(item).sort(), indicator).toEqual(keys);
          if (oneRowEach.includes(indicator))
            expect(page.total, indicator).toBe(expected.indicators[indicator]);
        }
        const members = await get(`/api/reports/records?${scope}&indicator=member.total&pageSize=1`);
        expect(members.items[0].id_number).toMatch(/^\d{4}\*{12}[\dX]{2}$/);
        const hours = await get(`/api/reports/records?${scope}&indicator=volunteer.volunteers&pageSize=1`);
        expect(typeof hours.items[0].hours).toBe('number');
        expect(typeof hours.items[0].participations).toBe('number');

        const dashboard = await get(`/api/reports/dashboard?${scope}`);
        expect(dashboard.volunteerByMonth).toHaveLength(24);
        const sum = (rows: Record<string, number>[], key: string) => rows.reduce((t, r) => t + r[key]!, 0);
        expect(sum(dashboard.volunteerByMonth, 'participations')).toBe(
          expected.indicators['volunteer.participations'],
        );
        expect(sum(dashboard.admissionsByMonth, 'admitted')).toBe(expected.indicators['admission.admitted']);
        expect(Math.round(sum(dashboard.aidByMonth, 'raised') * 100)).toBe(
          Math.round(expected.indicators['aid.raised'] * 100),
        );
        expect(sum(dashboard.orgsByDomain, 'count')).toBe(expected.indicators['org.active']);
        expect(dashboard.townshipCoverage).toHaveLength(expected.indicators['venue.townships']);
        expect(Object.keys(dashboard.townshipCoverage[0]).sort()).toEqual(['code', 'name', 'youthHomes']);

        const article = await sut.inject({
          method: 'GET',
          url: `/api/reports/article?${scope}&format=md`,
          headers: { cookie },
        });
        expect(article.headers['content-type']).toContain('text/markdown');
        expect(article.body).toMatch(/^# 青春答卷 \| 共青团示例县委员会/);
        const docx = await sut.inject({
          method: 'GET',
          url: `/api/reports/article?${scope}&format=docx`,
          headers: { cookie },
        });
        expect(docx.statusCode).toBe(200);
        expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
        const indicators = (await get('/api/reports/indicators')).items;
        expect(indicators.map((i: { key: string }) => i.key)).toEqual(Object.keys(expected.indicators));
        expect(Object.keys(indicators[0]).sort()).toEqual(
          ['drillable', 'key', 'label', 'lead', 'leadLabel', 'unit'].sort(),
        );
      } finally {
        await sut.close();
      }
    });

    it('changes nothing when every file is imported again', async () => {
      for (const f of files) {
        const { code, out } = await cli(ctx, 'import', f.kind, path.join(SAMPLE, f.file));
        expect(code).toBe(0);
        expect(out).toContain(`新增 0，更新 0，未变化 ${f.rows}`);
      }
    }, 180_000);

    it('refuses every invalid sample file whole, naming each problem', async () => {
      const cases: [string, string, string[]][] = [
        ['people', 'people-bad-checksum.csv', ['第2行 「证件号码」', '校验位错误', '第3行 「性别」', '不符']],
        [
          'orgs',
          'orgs-bad-parent-and-kind.csv',
          ['第2行 「上级组织编码」', 'NO-SUCH-ORG', '第3行 「组织类型」', '团小组'],
        ],
        [
          'donations',
          'donations-bad-values.csv',
          [
            '第2行 「金额」',
            '2位小数',
            '第2行 「捐赠日期」',
            '第3行 「金额」',
            '大于0',
            '第3行 「项目」',
            '奖学金',
          ],
        ],
        ['internship-posts', 'internship-posts-missing-column.csv', ['缺少必填列「项目」']],
      ];
      for (const [kind, file, mentions] of cases) {
        const { code, out } = await cli(ctx, 'import', kind, path.join(SAMPLE, 'invalid', file));
        expect(code, out).toBe(1);
        for (const m of mentions) expect(out).toContain(m);
      }
    });

    it('drafts the article in Markdown with the figures written the Chinese way', async () => {
      const out = path.join(ctx.config.dataDir, 'report.md');
      await cli(
        ctx,
        'report',
        '--org',
        'SL-A',
        '--from',
        '2022-01-01',
        '--to',
        '2023-12-31',
        '--format',
        'md',
        '--out',
        out,
      );
      const md = readFileSync(out, 'utf8');
      expect(md).toMatch(/^# 青春答卷 \| 共青团示例县委员会/);
      for (const h of [
        '01坚持党建引领',
        '02坚持组织引领',
        '03坚持创新引领',
        '04坚持服务引领',
        '05坚持活动引领',
      ])
        expect(md).toContain(h);
      for (const f of ['发展团员70名', '12.05万元', '1873人次', '77.78%']) expect(md).toContain(f);
    });
  });
}
