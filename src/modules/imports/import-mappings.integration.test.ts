import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber, maskIdNumber } from '../../lib/id-number.ts';
import type { App } from '../../server/app.ts';
import { buildTestApp, login, type Session } from '../../test/app.ts';
import { cli } from '../../test/cli-in-process.ts';
import { createTestContext, DIALECTS, type TestContext } from '../../test/db.ts';
import { dumpTables } from '../../test/dump.ts';
import { buildOrg, buildUser } from '../../test/factories.ts';

const ID_A = makeIdNumber('419901', '2006-03-04', 21);
const ID_B = makeIdNumber('419901', '2007-08-09', 22);

/** A multipart body: form fields first (as the admin sends the mapping), then the file. */
function form(fileName: string, content: string, fields: Record<string, string> = {}) {
  const boundary = `----tuanwu${Math.random().toString(16).slice(2)}`;
  const parts = Object.entries(fields).map(
    ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  const payload = Buffer.concat([
    Buffer.from(parts.join('')),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\n` +
        'Content-Type: application/octet-stream\r\n\r\n',
    ),
    Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

// As a county's own spreadsheet lays it out: a title row, other names and order, an extra column, and a
// header only like ours (出生年月 for 出生日期).
const COUNTY_CSV = [
  '示例县团员花名册（2026年）,,,,,,,',
  '序号,名字,证件,手机,出生年月,政治身份,入团年月,所在团组织编码',
  `1,甲,${ID_A},13800000001,2006-03-04,团员,2021年5月,SL-A-B01`,
  `2,乙,${ID_B},13800000002,2007-08-09,共青团员,2022.5.4,SL-A-B01`,
].join('\n');

const COUNTY_MAPPING = {
  序号: null,
  名字: '姓名',
  证件: '身份证号',
  手机: '手机号码',
  出生年月: '出生日期',
  政治身份: '政治面貌',
  入团年月: '入团日期',
  所在团组织编码: '所在团组织编码',
};
const COUNTY_HEADERS = Object.keys(COUNTY_MAPPING);

for (const dialect of DIALECTS) {
  describe(`suggested and saved header mappings (${dialect})`, () => {
    let ctx: TestContext;
    let app: App;
    let county: Session;
    let branch: Session;
    let other: Session;
    let dir: string;

    beforeAll(async () => {
      ctx = await createTestContext(dialect);
      app = await buildTestApp(ctx);
      dir = mkdtempSync(path.join(tmpdir(), 'tuanwu-mappings-'));
      await buildOrg(ctx, { code: 'SL-A', parentCode: null, kind: 'committee', level: 'county' });
      await buildOrg(ctx, { code: 'SL-A-B01', parentCode: 'SL-A' });
      const a = await buildUser(ctx, { username: 'county_a', orgCode: 'SL-A' });
      const b01 = await buildUser(ctx, { username: 'branch_a', orgCode: 'SL-A-B01' });
      const b = await buildUser(ctx, { username: 'county_b', orgCode: 'SL-B' });
      county = await login(app, a.username, a.password);
      branch = await login(app, b01.username, b01.password);
      other = await login(app, b.username, b.password);
    });
    afterAll(async () => {
      await app.close();
      await ctx.dispose();
      rmSync(dir, { recursive: true, force: true });
    });

    const suggest = (who: Session, content: string, fields?: Record<string, string>) => {
      const body = form('county.csv', content, fields);
      return app.inject({
        method: 'POST',
        url: '/api/imports/people/suggest',
        headers: { ...who.headers, ...body.headers },
        payload: body.payload,
      });
    };

    it('suggests a column for each of the file’s headers, with the reason and masked samples', async () => {
      const before = await dumpTables(ctx, ['people', 'import_mappings', 'imports']);
      const res = await suggest(county, COUNTY_CSV);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({
        kind: 'people',
        headerRow: 2,
        skipped: 1,
        missing: [],
        errors: [],
        saved: null,
      });
      expect(body.warnings.map((w: { reason: string }) => w.reason)).toEqual([
        '表头在第 2 行，上方 1 行标题不导入',
      ]);
      expect(
        body.columns.map(
          (c: { header: string; column: string | null; via: string | null; reason: string | null }) => [
            c.header,
            c.column,
            c.via,
            c.reason,
          ],
        ),
      ).toEqual([
        ['序号', null, null, null],
        ['名字', '姓名', 'synonym', '常见的其他写法'],
        ['证件', '证件号码', 'similar', '列名相近，请核对'],
        ['手机', '手机号码', 'synonym', '常见的其他写法'],
        ['出生年月', '出生日期', 'similar', '列名相近，请核对'],
        ['政治身份', '政治面貌', 'synonym', '常见的其他写法'],
        ['入团年月', '入团日期', 'synonym', '常见的其他写法'],
        ['所在团组织编码', '所在团组织编码', 'exact', '列名相同'],
      ]);
      const samples = Object.fromEntries(
        body.columns.map((c: { header: string; samples: string[] }) => [c.header, c.samples]),
      );
      // Nothing personal leaves whole: numbers masked, the birth date cut to its year.
      expect(samples.证件).toEqual([maskIdNumber(ID_A), maskIdNumber(ID_B)]);
      expect(samples.手机).toEqual(['138****0001', '138****0002']);
      expect(samples.出生年月).toEqual(['2006-**-**', '2007-**-**']);
      expect(samples.名字).toEqual(['甲', '乙']);
      // The folds of the chosen column are listed with it.
      expect(body.columns.find((c: { header: string }) => c.header === '政治身份').folds).toContain(
        '团员、中国共产主义青年团团员 → 共青团员',
      );
      expect(await dumpTables(ctx, ['people', 'import_mappings', 'imports'])).toEqual(before);
    });

    it('says in Chinese what a chosen mapping lacks or binds twice', async () => {
      const res = await suggest(county, COUNTY_CSV, {
        mapping: JSON.stringify({ ...COUNTY_MAPPING, 名字: null, 手机: '身份证号' }),
      });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body.missing).toEqual(['姓名']);
      expect(body.errors.map((e: { reason: string }) => e.reason)).toEqual([
        '列「证件」和「手机」都对应「证件号码」，只能保留一列',
        expect.stringMatching(/^缺少必填列「姓名」/),
      ]);
      const broken = await suggest(county, COUNTY_CSV, { mapping: '{"证件":' });
      expect(broken.statusCode).toBe(422);
      expect(broken.json().error.message).toBe('对应关系无效：不是有效的 JSON');
    });

    it('saves a named mapping for the organisation, audited, and refuses a bad one changing nothing', async () => {
      const before = await dumpTables(ctx, ['import_mappings', 'audit_log']);
      const bad = await app.inject({
        method: 'PUT',
        url: '/api/imports/people/mappings',
        headers: county.headers,
        payload: { name: '县花名册', mapping: { ...COUNTY_MAPPING, 手机: '电话' }, headers: COUNTY_HEADERS },
      });
      expect(bad.statusCode).toBe(422);
      expect(bad.json().error.message).toMatch(
        /^「手机」对应到「电话」，但人员信息没有这一列；可选的列：证件号码、姓名/,
      );
      const twice = await app.inject({
        method: 'PUT',
        url: '/api/imports/people/mappings',
        headers: county.headers,
        payload: { name: '县花名册', mapping: { ...COUNTY_MAPPING, 手机: '姓名' }, headers: COUNTY_HEADERS },
      });
      expect(twice.statusCode).toBe(422);
      expect(twice.json().error.message).toBe('「名字」和「手机」都对应到「姓名」，一列只能对应一个表头');
      const blank = await app.inject({
        method: 'PUT',
        url: '/api/imports/people/mappings',
        headers: county.headers,
        payload: { name: '  ', mapping: COUNTY_MAPPING, headers: COUNTY_HEADERS },
      });
      expect(blank.statusCode).toBe(422);
      expect(await dumpTables(ctx, ['import_mappings', 'audit_log'])).toEqual(before);

      const saved = await app.inject({
        method: 'PUT',
        url: '/api/imports/people/mappings',
        headers: county.headers,
        payload: { name: '县花名册', mapping: COUNTY_MAPPING, headers: COUNTY_HEADERS },
      });
      expect(saved.statusCode, saved.body).toBe(200);
      expect(saved.json()).toMatchObject({
        name: '县花名册',
        orgCode: 'SL-A',
        own: true,
        updatedBy: 'county_a',
      });
      const audit = await ctx.db
        .selectFrom('audit_log')
        .select(['action', 'entity', 'summary', 'org_code'])
        .where('entity', '=', 'import_mapping')
        .execute();
      expect(audit).toEqual([
        {
          action: 'create',
          entity: 'import_mapping',
          org_code: 'SL-A',
          summary: expect.stringMatching(
            /^保存人员信息表头对应关系「县花名册」：序号→不导入，名字→姓名，证件→身份证号/,
          ),
        },
      ]);
      // Saved again under the same name: replaced, not doubled.
      const again = await app.inject({
        method: 'PUT',
        url: '/api/imports/people/mappings',
        headers: county.headers,
        payload: { name: '县花名册', mapping: COUNTY_MAPPING, headers: COUNTY_HEADERS },
      });
      expect(again.json().id).toBe(saved.json().id);
      expect(await ctx.db.selectFrom('import_mappings').select('id').execute()).toHaveLength(1);
    });

    it('is seen by the organisation’s subtree and reused for a file with the same headers; not by another county', async () => {
      const list = (who: Session) =>
        app.inject({ method: 'GET', url: '/api/imports/people/mappings', headers: who.headers });
      expect((await list(county)).json().items.map((m: { name: string }) => m.name)).toEqual(['县花名册']);
      expect((await list(branch)).json().items).toMatchObject([{ name: '县花名册', own: false }]);
      expect((await list(other)).json().items).toEqual([]);

      // The same headers in another order: the saved mapping is chosen by itself.
      const reordered = [
        '政治身份,名字,证件,序号,手机,出生年月,入团年月,所在团组织编码',
        `团员,甲,${ID_A},1,13800000001,2006-03-04,2021年5月,SL-A-B01`,
      ].join('\n');
      const res = await suggest(branch, reordered);
      expect(res.json()).toMatchObject({
        saved: { name: '县花名册', orgCode: 'SL-A' },
        missing: [],
        errors: [],
      });
      expect(res.json().columns.map((c: { via: string }) => c.via)).toEqual(Array(8).fill('mapping'));
      expect((await suggest(other, reordered)).json().saved).toBeNull();

      const id = (await list(county)).json().items[0].id;
      const steal = await app.inject({
        method: 'DELETE',
        url: `/api/imports/people/mappings/${id}`,
        headers: other.headers,
      });
      expect(steal.statusCode).toBe(404);
      const fromBelow = await app.inject({
        method: 'DELETE',
        url: `/api/imports/people/mappings/${id}`,
        headers: branch.headers,
      });
      expect(fromBelow.statusCode).toBe(404);
      expect(await ctx.db.selectFrom('import_mappings').select('id').execute()).toHaveLength(1);
    });

    it('imports an upload with the mapping confirmed on the page, all or nothing', async () => {
      const body = form('county.csv', COUNTY_CSV, { mapping: JSON.stringify(COUNTY_MAPPING) });
      const res = await app.inject({
        method: 'POST',
        url: '/api/imports/people',
        headers: { ...county.headers, ...body.headers },
        payload: body.payload,
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ rows: 2, inserted: 2, errorCount: 0 });
      const people = await ctx.db
        .selectFrom('people')
        .select(['name', 'phone', 'birth_date'])
        .orderBy('name')
        .execute();
      expect(people.map((p) => ({ ...p }))).toEqual([
        { name: '乙', phone: '13800000002', birth_date: '2007-08-09' },
        { name: '甲', phone: '13800000001', birth_date: '2006-03-04' },
      ]);
    });

    it('takes --map <saved name> on the command line, and names the mapping it cannot find', async () => {
      const file = path.join(dir, 'county.csv');
      writeFileSync(file, COUNTY_CSV.replace('13800000001', '13800000011'));
      const taken = await cli(ctx, 'import', 'people', file, '--map', '县花名册');
      expect(taken.out).toContain('导入完成：people county.csv，共 2 行；新增 0，更新 1，未变化 1');
      expect(taken.code).toBe(0);
      const missing = await cli(ctx, 'import', 'people', file, '--map', '没有这个');
      expect(missing.out).toContain('没有名为「没有这个」的人员信息表头对应关系');
      expect(missing.code).not.toBe(0);
    });

    it('is deleted by its own organisation, audited', async () => {
      const { id } = await ctx.db.selectFrom('import_mappings').select('id').executeTakeFirstOrThrow();
      const res = await app.inject({
        method: 'DELETE',
        url: `/api/imports/people/mappings/${id}`,
        headers: county.headers,
      });
      expect(res.statusCode).toBe(204);
      expect(await ctx.db.selectFrom('import_mappings').select('id').execute()).toEqual([]);
      const last = await ctx.db
        .selectFrom('audit_log')
        .select(['action', 'summary'])
        .where('entity', '=', 'import_mapping')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      expect(last).toEqual({ action: 'revoke', summary: '删除人员信息表头对应关系「县花名册」' });
    });
  });
}
