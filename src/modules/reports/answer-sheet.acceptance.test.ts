import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../cli/main.ts';
import { createTestContext, DIALECTS, type TestContext } from '../../test/db.ts';

const SAMPLE = path.resolve(import.meta.dirname, '../../../../shared/sample');
const files = JSON.parse(readFileSync(path.join(SAMPLE, 'files.json'), 'utf8')) as {
  kind: string;
  file: string;
  rows: number;
}[];
const expected = JSON.parse(readFileSync(path.join(SAMPLE, 'expected-report.json'), 'utf8'));

/** Runs `tuanwu …` in this process against the test database, as a clerk would from the shell. */
async function cli(ctx: TestContext, ...argv: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
  const error = vi
    .spyOn(console, 'error')
    .mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
  const env = {
    TUANWU_DATA_DIR: process.env.TUANWU_DATA_DIR,
    TUANWU_SECRET: process.env.TUANWU_SECRET,
  };
  Object.assign(process.env, { TUANWU_DATA_DIR: ctx.config.dataDir, TUANWU_SECRET: ctx.config.secret });
  try {
    // The database is named on the command line, as IMPORT-SPEC.md shows (`--db URL`).
    return { code: await main([...argv, '--db', ctx.config.databaseUrl]), out: lines.join('\n') };
  } finally {
    for (const [k, v] of Object.entries(env)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    log.mockRestore();
    error.mockRestore();
  }
}

for (const dialect of DIALECTS) {
  describe.skipIf(!existsSync(SAMPLE))(
    `青春答卷 acceptance: ../shared/sample through the CLI (${dialect})`,
    () => {
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

      it('changes nothing when every file is imported again', async () => {
        for (const f of files) {
          const { code, out } = await cli(ctx, 'import', f.kind, path.join(SAMPLE, f.file));
          expect(code).toBe(0);
          expect(out).toContain(`新增 0，更新 0，未变化 ${f.rows}`);
        }
      }, 180_000);

      it('refuses every invalid sample file whole, naming each problem', async () => {
        const cases: [string, string, string[]][] = [
          [
            'people',
            'people-bad-checksum.csv',
            ['第2行 「身份证号」', '校验位错误', '第3行 「性别」', '不符'],
          ],
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
    },
  );
}
