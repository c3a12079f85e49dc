import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportRefusedError, type Problem } from '../../lib/errors.ts';
import { makeIdNumber } from '../../lib/id-number.ts';
import type { App } from '../../server/app.ts';
import { buildTestApp, login, type Session } from '../../test/app.ts';
import { createTestContext, DIALECTS, type TestContext } from '../../test/db.ts';
import { countRows, dumpTables, multipartFile } from '../../test/dump.ts';
import { buildUser } from '../../test/factories.ts';
import { FIXTURE_SAMPLE } from '../../test/sample-county.ts';
import { systemActor } from '../auth/auth.policy.ts';
import { peopleImport } from '../people/people.import.ts';
import { importFile } from './imports.service.ts';

const SAMPLE = FIXTURE_SAMPLE;
const INVALID = path.join(SAMPLE, 'invalid');
const FILES = JSON.parse(readFileSync(path.join(SAMPLE, 'files.json'), 'utf8')) as {
  kind: string;
  file: string;
  rows: number;
}[];
const FOUNDATION = FILES.filter((f) => ['regions', 'orgs', 'people'].includes(f.kind));

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** The refusal an import ends in; fails the test when the import was taken. */
async function refusal(promise: Promise<unknown>): Promise<ImportRefusedError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ImportRefusedError) return error;
    throw error;
  }
  throw new Error('the import was taken, but should have been refused');
}

for (const dialect of DIALECTS) {
  describe(`imports (${dialect})`, () => {
    let ctx: TestContext;
    let sut: App;
    let dir: string;
    let admin: Session;
    let countyB: Session;

    const sample = (file: string) => ({ path: path.join(SAMPLE, file), name: file });
    const write = (name: string, content: string | Buffer) => {
      const file = path.join(dir, name);
      writeFileSync(file, content);
      return { path: file, name };
    };
    const run = (kind: string, file: { path: string; name: string }, dryRun = false) =>
      importFile(ctx, systemActor(), kind, file, { dryRun });
    const personByNumber = async (idNumber: string) =>
      ctx.db
        .selectFrom('people')
        .selectAll()
        .where('id_number_hash', '=', ctx.cipher.lookupHash(idNumber))
        .executeTakeFirst();

    beforeAll(async () => {
      ctx = await createTestContext(dialect);
      sut = await buildTestApp(ctx);
      dir = mkdtempSync(path.join(tmpdir(), 'tuanwu-import-test-'));
    });
    afterAll(async () => {
      await sut.close();
      await ctx.dispose();
      rmSync(dir, { recursive: true, force: true });
    });

    it('imports the sample regions, orgs and people with exactly the row counts of files.json', async () => {
      expect(FOUNDATION.map((f) => f.kind)).toEqual(['regions', 'orgs', 'people']);
      for (const f of FOUNDATION) {
        const outcome = await run(f.kind, sample(f.file));
        expect(outcome, f.file).toMatchObject({
          kind: f.kind,
          fileName: f.file,
          dryRun: false,
          rows: f.rows,
          inserted: f.rows,
          updated: 0,
          unchanged: 0,
          checksum: sha256(path.join(SAMPLE, f.file)),
        });
      }
      const counts = await countRows(ctx);
      expect(counts).toMatchObject({ regions: 60, orgs: 201, people: 2025 });
      // Users and sessions for the HTTP cases come after the sample, on orgs it created.
      await buildUser(ctx, { username: 'a-admin', orgCode: 'SL-A', roles: ['org_admin'] });
      await buildUser(ctx, { username: 'b-admin', orgCode: 'SL-B', roles: ['org_admin'] });
      admin = await login(sut, 'a-admin', 'correct-horse-battery');
      countyB = await login(sut, 'b-admin', 'correct-horse-battery');
    });

    it('reads the sample faithfully: GB18030 names, xlsx date forms, tree paths', async () => {
      const slA = await ctx.db
        .selectFrom('orgs')
        .selectAll()
        .where('code', '=', 'SL-A')
        .executeTakeFirstOrThrow();
      const sl = await ctx.db
        .selectFrom('orgs')
        .selectAll()
        .where('code', '=', 'SL')
        .executeTakeFirstOrThrow();
      expect(slA).toMatchObject({
        name: '共青团示例县委员会',
        kind: 'committee',
        level: 'county',
        status: 'active',
      });
      expect(slA.path).toBe(`${sl.path}${slA.id}/`);
      // 03-people.xlsx row 2: 2005年2月10日 as text, 入团日期 2020.3.28.
      const dai = await personByNumber('419901200502100156');
      expect(dai).toMatchObject({
        name: '戴娴',
        gender: '男',
        birth_date: '2005-02-10',
        joined_on: '2020-03-28',
        political_status: 'league_member',
        id_number_masked: '4199************56',
      });
      const org = await ctx.db
        .selectFrom('orgs')
        .selectAll()
        .where('code', '=', 'SL-A-SO0002')
        .executeTakeFirstOrThrow();
      expect(dai).toMatchObject({ org_id: org.id, scope_org_id: org.id, scope_path: org.path });
    });

    it('imports the sample again: nothing inserted or updated, every table as it was', async () => {
      const before = await dumpTables(ctx);
      for (const f of FOUNDATION) {
        const outcome = await run(f.kind, sample(f.file));
        expect(outcome, f.file).toMatchObject({ rows: f.rows, inserted: 0, updated: 0, unchanged: f.rows });
        expect(
          outcome.warnings.filter((w) => w.row === 1),
          f.file,
        ).toEqual([]);
      }
      const after = await dumpTables(ctx);
      for (const table of Object.keys(before)) {
        if (table === 'imports' || table === 'audit_log') {
          // Every attempt is recorded: these two only grow, one row per import, the old rows untouched.
          expect(after[table]!.slice(0, before[table]!.length), table).toEqual(before[table]);
          expect(after[table]!.length - before[table]!.length, table).toBe(FOUNDATION.length);
        } else {
          expect(after[table], table).toEqual(before[table]);
        }
      }
    });

    it('refuses invalid/people-bad-checksum.csv whole, naming each problem, writing nothing', async () => {
      const before = await dumpTables(ctx, ['regions', 'orgs', 'people']);
      const error = await refusal(
        run('people', { path: path.join(INVALID, 'people-bad-checksum.csv'), name: 'x.csv' }),
      );
      expect(error.statusCode).toBe(422);
      expect(error.code).toBe('IMPORT_REFUSED');
      expect(error.message).toMatch(/文件未导入/);
      expect(error.details.errors).toEqual(
        expect.arrayContaining<Problem>([
          { row: 2, column: '证件号码', value: '411424200501010011', reason: '身份证号校验位错误' },
          expect.objectContaining({
            row: 3,
            column: '性别',
            value: '女',
            reason: expect.stringMatching(/性别与证件号码不符.*男/),
          }),
        ]),
      );
      expect(error.details.errors).toHaveLength(2);
      expect(await dumpTables(ctx, ['regions', 'orgs', 'people'])).toEqual(before);
    });

    it('refuses invalid/orgs-bad-parent-and-kind.csv whole, naming each problem, writing nothing', async () => {
      const before = await dumpTables(ctx, ['regions', 'orgs', 'people']);
      const error = await refusal(
        run('orgs', { path: path.join(INVALID, 'orgs-bad-parent-and-kind.csv'), name: 'o.csv' }),
      );
      expect(error.details.errors).toEqual([
        {
          row: 2,
          column: '上级组织编码',
          value: 'NO-SUCH-ORG',
          reason: expect.stringMatching(/NO-SUCH-ORG.*不存在/),
        },
        { row: 3, column: '组织类型', value: '团小组', reason: expect.stringMatching(/不是可选值之一/) },
      ]);
      expect(await dumpTables(ctx, ['regions', 'orgs', 'people'])).toEqual(before);
      expect(
        await ctx.db.selectFrom('orgs').select('id').where('code', 'in', ['SL-A-Z1', 'SL-A-Z2']).execute(),
      ).toEqual([]);
    });

    it('refuses a regions file with a wrong level and a missing parent, writing nothing', async () => {
      const before = await countRows(ctx);
      const file = write(
        'regions-bad.csv',
        '区划编码,区划名称,区划级别,上级区划编码\n419901099,新街道,乡镇,419901\n419901098,某地,街区,419901\n419901097,某镇,乡镇,\n419901096,某镇,乡镇,999999\n',
      );
      const error = await refusal(run('regions', file));
      expect(error.details.errors).toEqual([
        expect.objectContaining({
          row: 3,
          column: '区划级别',
          value: '街区',
          reason: expect.stringMatching(/不是可选值之一/),
        }),
        expect.objectContaining({
          row: 4,
          column: '上级区划编码',
          reason: expect.stringMatching(/必须填写上级区划编码/),
        }),
        expect.objectContaining({
          row: 5,
          column: '上级区划编码',
          value: '999999',
          reason: expect.stringMatching(/999999.*不存在/),
        }),
      ]);
      const after = await countRows(ctx);
      expect({ ...after, imports: 0, audit_log: 0 }).toEqual({ ...before, imports: 0, audit_log: 0 });
      expect(
        await ctx.db.selectFrom('regions').select('id').where('code', '=', '419901099').execute(),
      ).toEqual([]);
    });

    it('refuses the invalid files over HTTP with 422 IMPORT_REFUSED and the problems listed', async () => {
      const before = await countRows(ctx);
      for (const [kind, file] of [
        ['people', 'people-bad-checksum.csv'],
        ['orgs', 'orgs-bad-parent-and-kind.csv'],
      ] as const) {
        const { payload, headers } = multipartFile(file, readFileSync(path.join(INVALID, file)));
        const res = await sut.inject({
          method: 'POST',
          url: `/api/imports/${kind}`,
          headers: { ...admin.headers, ...headers },
          payload,
        });
        expect(res.statusCode, file).toBe(422);
        const body = res.json();
        expect(body.error.code).toBe('IMPORT_REFUSED');
        expect(body.error.message).toMatch(/文件未导入：共 2 处错误/);
        expect(body.error.details.errors.map((e: Problem) => [e.row, e.column])).toEqual(
          kind === 'people'
            ? [
                [2, '证件号码'],
                [3, '性别'],
              ]
            : [
                [2, '上级组织编码'],
                [3, '组织类型'],
              ],
        );
        for (const e of body.error.details.errors as Problem[]) expect(e.reason).toMatch(/[\u4e00-\u9fff]/);
      }
      const after = await countRows(ctx);
      expect(after).toEqual({ ...before, imports: before.imports! + 2, audit_log: before.audit_log! + 2 });
    });

    it('refuses a file missing a required column, naming the column', async () => {
      const file = write(
        'people-missing.csv',
        `身份证号,姓名,所在团组织编码\n${makeIdNumber('419901', '2005-01-01', 901)},王五,SL-A\n`,
      );
      const error = await refusal(run('people', file));
      expect(error.details.errors).toEqual([
        {
          row: 1,
          column: '政治面貌',
          value: null,
          reason:
            '缺少必填列「政治面貌」：第 1 行表头中没有这一列，也没有能对应到它的列（可在导入页面或用 --map 指定对应关系）',
        },
      ]);
      expect(await personByNumber(makeIdNumber('419901', '2005-01-01', 901))).toBeUndefined();
    });

    it('reports an unknown column as a warning and takes the file; headers may be padded and in any order', async () => {
      const idNumber = makeIdNumber('419901', '2004-06-01', 902);
      const file = write(
        'people-extra.csv',
        `  姓名 ,备注,政治面貌,身份证号\n赵六,随便写,群众,${idNumber}\n`,
      );
      const outcome = await run('people', file);
      expect(outcome).toMatchObject({ rows: 1, inserted: 1 });
      expect(outcome.warnings).toEqual([
        { row: 1, column: '备注', value: null, reason: '未知的列「备注」，已忽略' },
      ]);
      expect(await personByNumber(idNumber)).toMatchObject({
        name: '赵六',
        political_status: 'masses',
        gender: '女',
      });
    });

    it('accepts full-width digits and Ｘ in identity numbers', async () => {
      const toFull = (s: string) =>
        [...s].map((c) => String.fromCodePoint(c.codePointAt(0)! + 0xfee0)).join('');
      expect(toFull('41142420050101001X')).toBe('４１１４２４２００５０１０１００１Ｘ');
      const file = write(
        'people-fullwidth.csv',
        `身份证号,姓名,政治面貌,所在团组织编码,入团日期,手机号码\n${toFull('41142420050101001X')},钱七,共青团员,ＳＬ－Ａ,２０２０年５月４日,${toFull('13912344568')}\n`,
      );
      const outcome = await run('people', file);
      expect(outcome).toMatchObject({ rows: 1, inserted: 1, warnings: [] });
      const slA = await ctx.db
        .selectFrom('orgs')
        .select('id')
        .where('code', '=', 'SL-A')
        .executeTakeFirstOrThrow();
      const person = await personByNumber('41142420050101001X');
      expect(person).toMatchObject({
        name: '钱七',
        gender: '男',
        birth_date: '2005-01-01',
        joined_on: '2020-05-04',
        phone: '13912344568',
        org_id: slA.id,
        id_number_masked: '4114************1X',
      });
      expect(ctx.cipher.decrypt(person!.id_number_enc)).toBe('41142420050101001X');
    });

    it('imports xlsx date cells as the right dates, and refuses an identity number saved as a number', async () => {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('人员');
      sheet.addRow(['身份证号', '姓名', '出生日期', '政治面貌', '所在团组织编码', '入团日期']);
      const idNumber = makeIdNumber('419901', '2003-12-31', 903);
      sheet.addRow([
        idNumber,
        '孙八',
        new Date(Date.UTC(2003, 11, 31)),
        '共青团员',
        'SL-A',
        new Date(Date.UTC(2019, 4, 4)),
      ]);
      sheet.getColumn(3).numFmt = 'yyyy-mm-dd';
      sheet.getColumn(6).numFmt = 'yyyy"年"m"月"d"日"';
      const file = path.join(dir, 'dates.xlsx');
      await workbook.xlsx.writeFile(file);
      const outcome = await run('people', { path: file, name: 'dates.xlsx' });
      expect(outcome).toMatchObject({ rows: 1, inserted: 1 });
      expect(await personByNumber(idNumber)).toMatchObject({
        birth_date: '2003-12-31',
        joined_on: '2019-05-04',
      });

      const numeric = new ExcelJS.Workbook();
      const s2 = numeric.addWorksheet('人员');
      s2.addRow(['身份证号', '姓名', '政治面貌']);
      s2.addRow([419901200001010000, '周九', '群众']);
      const file2 = path.join(dir, 'numeric.xlsx');
      await numeric.xlsx.writeFile(file2);
      const error = await refusal(run('people', { path: file2, name: 'numeric.xlsx' }));
      expect(error.details.errors).toEqual([
        expect.objectContaining({
          row: 2,
          column: '证件号码',
          reason: expect.stringMatching(/数字.*文本格式/),
        }),
      ]);
    });

    it('dry-run reports the counts and writes nothing but the record of the attempt', async () => {
      const idNumber = makeIdNumber('419901', '2006-02-02', 904);
      const file = write('dry.csv', `身份证号,姓名,政治面貌\n${idNumber},吴十,少先队员\n`);
      const before = await dumpTables(ctx, ['regions', 'orgs', 'people', 'users', 'user_roles']);
      const outcome = await run('people', file, true);
      expect(outcome).toMatchObject({ dryRun: true, rows: 1, inserted: 1, updated: 0, unchanged: 0 });
      expect(await dumpTables(ctx, ['regions', 'orgs', 'people', 'users', 'user_roles'])).toEqual(before);
      const record = await ctx.db
        .selectFrom('imports')
        .selectAll()
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      expect(record).toMatchObject({ dry_run: 1, status: 'checked', rows: 1, inserted: 1 });
      const entry = await ctx.db
        .selectFrom('audit_log')
        .selectAll()
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      expect(entry.summary).toMatch(/^试导入.*「dry\.csv」检查通过/);
      expect(entry.summary).toMatch(/1 行，可新增 1，可更新 0/);

      const { payload, headers } = multipartFile('dry.csv', readFileSync(file.path));
      const res = await sut.inject({
        method: 'POST',
        url: '/api/imports/people?dryRun=true',
        headers: { ...admin.headers, ...headers },
        payload,
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ dryRun: true, rows: 1, inserted: 1 });
      expect(await dumpTables(ctx, ['regions', 'orgs', 'people', 'users', 'user_roles'])).toEqual(before);
    });

    it('logs a dry run that finds errors as 试导入 检查未通过 with its counts, not as a refusal (issue 17 item 13)', async () => {
      const good = makeIdNumber('419901', '2006-03-03', 905);
      const file = write(
        'dry-bad.csv',
        `身份证号,姓名,政治面貌\n${good},郑一,少先队员\n411424200501010011,郑二,少先队员\n`,
      );
      await refusal(run('people', file, true));
      const entry = await ctx.db
        .selectFrom('audit_log')
        .selectAll()
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      expect(entry.summary).toMatch(/^试导入.*「dry-bad\.csv」检查未通过/);
      expect(entry.summary).toMatch(/2 行.*错误 1/);
      expect(entry.summary).not.toMatch(/被拒绝/);
    });

    it('takes an org whose parent is defined further up the same file, and counts an update as updated', async () => {
      const file = write(
        'orgs-chain.csv',
        [
          '组织编码,组织名称,组织类型,组织层级,上级组织编码,所属领域,所在区划编码,成立日期',
          'SL-A-NEW1,新建团工委,团工委,乡镇,SL-A,乡镇街道,419901001,2023/5/4',
          'SL-A-NEW2,新建团支部,团支部,基层,SL-A-NEW1,非公企业,419901001,2023.5.4',
          'SL-A-NEW3,新建团支部二,团支部,基层,SL-A-NEW2,非公企业,419901001,',
          'SL-A,共青团示例县委员会（改名）,团委,县,SL,党政机关,419901,',
        ].join('\n'),
      );
      const outcome = await run('orgs', file);
      expect(outcome).toMatchObject({ rows: 4, inserted: 3, updated: 1, unchanged: 0 });
      const rows = await ctx.db
        .selectFrom('orgs')
        .selectAll()
        .where('code', 'in', ['SL-A', 'SL-A-NEW1', 'SL-A-NEW2', 'SL-A-NEW3'])
        .orderBy('id')
        .execute();
      const [slA, n1, n2, n3] = rows;
      // Full-width punctuation is folded in every cell (IMPORT-SPEC.md), names included.
      expect(slA!.name).toBe('共青团示例县委员会(改名)');
      expect(n1).toMatchObject({
        parent_id: slA!.id,
        path: `${slA!.path}${n1!.id}/`,
        established_on: '2023-05-04',
      });
      expect(n2).toMatchObject({
        parent_id: n1!.id,
        path: `${n1!.path}${n2!.id}/`,
        established_on: '2023-05-04',
      });
      expect(n3).toMatchObject({ parent_id: n2!.id, path: `${n2!.path}${n3!.id}/` });

      // A people row that changes one field counts as updated, an identical one as unchanged.
      const dai = await personByNumber('419901200502100156');
      const people = write(
        'people-update.csv',
        '身份证号,姓名,政治面貌,所在团组织编码,入团日期,手机号码\n' +
          `419901200502100156,戴娴,共青团员,SL-A-SO0002,2020-03-28,13800001111\n` +
          `41142420050101001X,钱七,共青团员,SL-A,2020-05-04,13912344568\n`,
      );
      expect(await run('people', people)).toMatchObject({ rows: 2, inserted: 0, updated: 1, unchanged: 1 });
      const after = await personByNumber('419901200502100156');
      expect(after).toMatchObject({ id: dai!.id, phone: '13800001111', id_number_enc: dai!.id_number_enc });
    });

    it('moves an org by import, to another parent or to the top, its subtree following, idempotently', async () => {
      const person = await ctx.db
        .insertInto('people')
        .values({
          id_number_hash: ctx.cipher.lookupHash(makeIdNumber('419901', '2005-09-09', 908)),
          id_number_enc: ctx.cipher.encrypt(makeIdNumber('419901', '2005-09-09', 908)),
          id_number_masked: 'x',
          name: '移动',
          gender: '男',
          birth_date: '2005-09-09',
          ethnicity: null,
          phone: null,
          political_status: 'masses',
          org_id: null,
          joined_on: null,
          member_no: null,
          education: null,
          workplace: null,
          scope_org_id: (
            await ctx.db
              .selectFrom('orgs')
              .select('id')
              .where('code', '=', 'SL-A-NEW3')
              .executeTakeFirstOrThrow()
          ).id,
          scope_path: (
            await ctx.db
              .selectFrom('orgs')
              .select('path')
              .where('code', '=', 'SL-A-NEW3')
              .executeTakeFirstOrThrow()
          ).path,
          created_at: '2024-01-01T00:00:00.000Z',
          updated_at: '2024-01-01T00:00:00.000Z',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const header = '组织编码,组织名称,组织类型,组织层级,上级组织编码,所属领域,所在区划编码,成立日期';
      const check = async (parentCode: string | null) => {
        const [n2, n3] = await Promise.all(
          ['SL-A-NEW2', 'SL-A-NEW3'].map((c) =>
            ctx.db.selectFrom('orgs').selectAll().where('code', '=', c).executeTakeFirstOrThrow(),
          ),
        );
        const parent = parentCode
          ? await ctx.db
              .selectFrom('orgs')
              .selectAll()
              .where('code', '=', parentCode)
              .executeTakeFirstOrThrow()
          : null;
        expect(n2).toMatchObject({ parent_id: parent?.id ?? null, path: `${parent?.path ?? '/'}${n2!.id}/` });
        expect(n3).toMatchObject({ parent_id: n2!.id, path: `${n2!.path}${n3!.id}/` });
        const p = await ctx.db
          .selectFrom('people')
          .selectAll()
          .where('id', '=', person.id)
          .executeTakeFirstOrThrow();
        expect(p.scope_path).toBe(n3!.path);
      };
      for (const parentCode of ['SL-A', '']) {
        const file = write(
          `orgs-move-${parentCode || 'top'}.csv`,
          `${header}\nSL-A-NEW2,新建团支部,团支部,基层,${parentCode},非公企业,419901001,2023-05-04\n`,
        );
        expect(await run('orgs', file)).toMatchObject({ rows: 1, updated: 1 });
        await check(parentCode || null);
        expect(await run('orgs', file)).toMatchObject({ rows: 1, updated: 0, unchanged: 1 });
        await check(parentCode || null);
      }
      // And back under SL-A-NEW1, where the earlier test put it.
      const back = write(
        'orgs-back.csv',
        `${header}\nSL-A-NEW2,新建团支部,团支部,基层,SL-A-NEW1,非公企业,419901001,2023-05-04\n`,
      );
      expect(await run('orgs', back)).toMatchObject({ updated: 1 });
      await check('SL-A-NEW1');
    });

    it("refuses SL-B's admin importing people into SL-A's orgs, writing nothing", async () => {
      const before = await dumpTables(ctx, ['regions', 'orgs', 'people']);
      const idNumber = makeIdNumber('419902', '2005-05-05', 905);
      const content = `身份证号,姓名,政治面貌,所在团组织编码,入团日期\n${idNumber},越界,共青团员,SL-A-T01,2021-05-04\n${makeIdNumber('419902', '2005-05-05', 906)},本县,共青团员,SL-B,2021-05-04\n`;
      const { payload, headers } = multipartFile('scope.csv', Buffer.from(content));
      const res = await sut.inject({
        method: 'POST',
        url: '/api/imports/people',
        headers: { ...countyB.headers, ...headers },
        payload,
      });
      expect(res.statusCode).toBe(422);
      expect(res.json().error.code).toBe('IMPORT_REFUSED');
      expect(res.json().error.details.errors).toEqual([
        { row: 2, column: '所在团组织编码', value: 'SL-A-T01', reason: '团组织 SL-A-T01 不在您的管理范围内' },
      ]);
      // Nor may he overwrite an SL-A person through his own org.
      const hijack = multipartFile(
        'hijack.csv',
        Buffer.from(
          '身份证号,姓名,政治面貌,所在团组织编码,入团日期\n419901200502100156,改名,共青团员,SL-B,2020-03-28\n',
        ),
      );
      const res2 = await sut.inject({
        method: 'POST',
        url: '/api/imports/people',
        headers: { ...countyB.headers, ...hijack.headers },
        payload: hijack.payload,
      });
      expect(res2.statusCode).toBe(422);
      expect(res2.json().error.details.errors).toEqual([
        expect.objectContaining({
          row: 2,
          column: '证件号码',
          reason: '该人员已由其他组织登记，不在您的管理范围内',
        }),
      ]);
      expect(JSON.stringify(res2.json())).not.toContain('419901200502100156');
      // Nor import orgs under SL-A.
      const orgs = multipartFile(
        'orgs.csv',
        Buffer.from(
          '组织编码,组织名称,组织类型,组织层级,上级组织编码,所属领域,所在区划编码\nSL-B-X,越界组织,团支部,基层,SL-A,其他,419901\n',
        ),
      );
      const res3 = await sut.inject({
        method: 'POST',
        url: '/api/imports/orgs',
        headers: { ...countyB.headers, ...orgs.headers },
        payload: orgs.payload,
      });
      expect(res3.statusCode).toBe(422);
      expect(res3.json().error.details.errors).toEqual([
        expect.objectContaining({
          row: 2,
          column: '上级组织编码',
          reason: '上级组织 SL-A 不在您的管理范围内',
        }),
      ]);
      expect(await dumpTables(ctx, ['regions', 'orgs', 'people'])).toEqual(before);
    });

    it('records every attempt, refused ones too, in the imports table and the audit log with the checksum', async () => {
      const content = readFileSync(path.join(INVALID, 'people-bad-checksum.csv'));
      const checksum = createHash('sha256').update(content).digest('hex');
      const { payload, headers } = multipartFile('bad.csv', content);
      const res = await sut.inject({
        method: 'POST',
        url: '/api/imports/people',
        headers: { ...admin.headers, ...headers },
        payload,
      });
      expect(res.statusCode).toBe(422);
      const record = await ctx.db
        .selectFrom('imports')
        .selectAll()
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      expect(record).toMatchObject({
        kind: 'people',
        file_name: 'bad.csv',
        checksum,
        username: 'a-admin',
        status: 'refused',
        rows: 2,
        inserted: 0,
        updated: 0,
        error_count: 2,
        dry_run: 0,
      });
      const entry = await ctx.db
        .selectFrom('audit_log')
        .selectAll()
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      expect(entry).toMatchObject({
        action: 'import',
        entity: 'people',
        entity_id: String(record.id),
        username: 'a-admin',
      });
      expect(entry.summary).toMatch(/^导入.*被拒绝/);
      // Nothing was written: a refusal does not claim rows were added.
      expect(entry.summary).not.toMatch(/新增/);
      expect(JSON.parse(entry.detail!)).toMatchObject({ checksum, dryRun: false });

      // All the attempts of this suite: every import row has its audit entry, refused ones included.
      const imports = await ctx.db.selectFrom('imports').selectAll().orderBy('id').execute();
      const audits = await ctx.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'import')
        .orderBy('id')
        .execute();
      expect(audits.map((a) => a.entity_id)).toEqual(imports.map((i) => String(i.id)));
      expect(audits.map((a) => JSON.parse(a.detail!).checksum)).toEqual(imports.map((i) => i.checksum));
      expect(imports.filter((i) => i.status === 'refused').length).toBeGreaterThanOrEqual(8);
      expect(imports.every((i) => /^[0-9a-f]{64}$/.test(i.checksum))).toBe(true);

      // The list of imports answers in the caller's scope: SL-B's admin sees only his own.
      const list = await sut.inject({
        method: 'GET',
        url: '/api/imports',
        headers: { cookie: countyB.cookie },
      });
      expect(list.statusCode).toBe(200);
      expect(list.json().items.every((i: { username: string }) => i.username === 'b-admin')).toBe(true);
      expect(list.json().total).toBe(3);
    });

    it('imports a good file over HTTP, with a Chinese file name', async () => {
      const idNumber = makeIdNumber('419901', '2007-07-07', 907);
      const { payload, headers } = multipartFile(
        '人员名单.csv',
        Buffer.from(
          `\ufeff身份证号,姓名,政治面貌,所在团组织编码,入团日期\n${idNumber},郑一,共青团员,SL-A-T01,2022-05-04\n`,
        ),
      );
      const res = await sut.inject({
        method: 'POST',
        url: '/api/imports/people',
        headers: { ...admin.headers, ...headers },
        payload,
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ kind: 'people', fileName: '人员名单.csv', rows: 1, inserted: 1 });
      expect(res.json()).not.toHaveProperty('errors');
      expect(await personByNumber(idNumber)).toMatchObject({ name: '郑一', joined_on: '2022-05-04' });
    });

    it('refuses a damaged xlsx with a Chinese reason (not a server error), and records the attempt', async () => {
      const damaged = readFileSync(path.join(SAMPLE, '03-people.xlsx')).subarray(0, 5000);
      const before = await countRows(ctx);
      const { payload, headers } = multipartFile('damaged.xlsx', damaged);
      const res = await sut.inject({
        method: 'POST',
        url: '/api/imports/people',
        headers: { ...admin.headers, ...headers },
        payload,
      });
      expect(res.statusCode).toBe(422);
      expect(res.json().error).toMatchObject({
        code: 'IMPORT_REFUSED',
        details: {
          errors: [
            {
              row: null,
              column: null,
              value: null,
              reason: '文件结构异常，无法作为 .xlsx 读取：请用 Excel 或 WPS 重新保存后再导入',
            },
          ],
        },
      });
      const after = await countRows(ctx);
      expect(after).toEqual({ ...before, imports: before.imports! + 1, audit_log: before.audit_log! + 1 });
      const record = await ctx.db
        .selectFrom('imports')
        .selectAll()
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      expect(record).toMatchObject({ file_name: 'damaged.xlsx', status: 'refused', error_count: 1 });
    });

    it('answers 404 for an unknown kind and 401 without a session', async () => {
      const { payload, headers } = multipartFile('x.csv', Buffer.from('a\n1\n'));
      const unknown = await sut.inject({
        method: 'POST',
        url: '/api/imports/nonsense',
        headers: { ...admin.headers, ...headers },
        payload,
      });
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().error.message).toMatch(/未知的导入类型/);
      const anonymous = await sut.inject({ method: 'POST', url: '/api/imports/people', headers, payload });
      expect(anonymous.statusCode).toBe(401);
    });

    it('serves the people template as an xlsx whose first row is the Chinese headers', async () => {
      const res = await sut.inject({
        method: 'GET',
        url: '/api/imports/kinds/people/template',
        headers: { cookie: admin.cookie },
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/spreadsheetml/);
      expect(res.headers['content-disposition']).toContain(encodeURIComponent('人员信息导入模板.xlsx'));
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0]!;
      const header = (sheet.getRow(1).values as unknown[]).slice(1);
      expect(header).toEqual(peopleImport.columns.map((c) => c.header));
      // 证件号码 above any 证件类型 (issue 17); IMPORT-SPEC.md's 身份证号 still reads as it (docs/imports.md).
      expect(header.slice(0, 2)).toEqual(['证件号码', '姓名']);
      // The example row is itself importable.
      const file = path.join(dir, 'template.xlsx');
      writeFileSync(file, res.rawPayload);
      const outcome = await run('people', { path: file, name: 'template.xlsx' }, true);
      expect(outcome).toMatchObject({ rows: 1 });
      expect(outcome.warnings).toEqual([]);
      // The same row under IMPORT-SPEC.md's header reads the same, without a warning.
      sheet.getRow(1).getCell(1).value = '身份证号';
      const contract = path.join(dir, 'contract.xlsx');
      await workbook.xlsx.writeFile(contract);
      const asContract = await run('people', { path: contract, name: 'contract.xlsx' }, true);
      expect(asContract).toMatchObject({ rows: 1, errorCount: 0 });
      expect(asContract.warnings).toEqual([]);
    });
  });
}
