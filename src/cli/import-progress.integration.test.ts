import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../lib/id-number.ts';
import { cli, FAULT_DIALECTS, type Place, place, ROOT } from '../test/processes.ts';
import { FIXTURE_SAMPLE } from '../test/sample-county.ts';

// The project's own copy of the sample county: this test must run in a clone without ../shared (issue 16, item 4).
const SAMPLE = FIXTURE_SAMPLE;
const ROWS = 3_000;
const hasScript = spawnSync('script', ['--version']).status === 0;

/** `n` 群众 (registered at the top of the sample's tree), numbered from `from`. */
function peopleCsv(file: string, from: number, n: number): void {
  const lines = ['身份证号,姓名,政治面貌'];
  for (let i = from; i < from + n; i++)
    lines.push(
      `${makeIdNumber('419904', `2004-04-${String(1 + Math.floor(i / 1000)).padStart(2, '0')}`, i % 1000)},终端${i},群众`,
    );
  writeFileSync(file, `${lines.join('\n')}\n`);
}

const quoted = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;

for (const dialect of FAULT_DIALECTS) {
  describe(`tuanwu import's progress line (${dialect})`, () => {
    let where: Place;
    beforeAll(async () => {
      where = await place(dialect);
      for (const file of ['01-regions.csv', '02-orgs.csv']) {
        const r = await cli(['import', file.slice(3, -4), path.join(SAMPLE, file)], where.env);
        expect(r.code).toBe(0);
      }
    }, 120_000);
    afterAll(() => where.dispose());

    it('prints only the result when the output is piped: no progress line, no carriage return', async () => {
      const file = path.join(where.dataDir, 'piped.csv');
      peopleCsv(file, 0, ROWS);
      const r = await cli(['import', 'people', file], where.env);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(`导入完成：people piped.csv，共 ${ROWS} 行；新增 ${ROWS}，更新 0，未变化 0\n`);
      expect(r.stderr).toBe('');
    }, 120_000);

    it.skipIf(!hasScript)(
      'rewrites a progress line in place on a terminal, then clears it for the result',
      () => {
        const file = path.join(where.dataDir, 'terminal.csv');
        peopleCsv(file, ROWS, ROWS);
        const command = [process.execPath, path.join(ROOT, 'bin/tuanwu.js'), 'import', 'people', file]
          .map(quoted)
          .join(' ');
        // `script` runs the command on a pseudo-terminal, as a clerk's shell would.
        const r = spawnSync('script', ['-qec', command, '/dev/null'], {
          cwd: ROOT,
          env: { ...process.env, ...where.env },
          encoding: 'utf8',
          timeout: 120_000,
        });
        expect(r.status).toBe(0);
        const out = r.stdout;
        expect(out).toContain('\r\x1b[K读取文件：已读取 0 行');
        expect(out).toContain(`检查并写入 0%：已读取 0 / 约 3,000 行`);
        expect(out).toContain(`\r\x1b[K提交 100%：已读取 3,000 / 约 3,000 行，已检查 3,000，已写入 3,000`);
        // The line is cleared before the result, which stands alone on its line.
        expect(out).toContain(
          `\r\x1b[K导入完成：people terminal.csv，共 ${ROWS} 行；新增 ${ROWS}，更新 0，未变化 0`,
        );
      },
    );
  });
}
