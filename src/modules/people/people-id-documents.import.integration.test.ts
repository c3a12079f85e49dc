import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportRefusedError } from '../../lib/errors.ts';
import { makeIdNumber } from '../../lib/id-number.ts';
import { createTestContext, DIALECTS, type TestContext } from '../../test/db.ts';
import { dumpTables } from '../../test/dump.ts';
import { buildOrg } from '../../test/factories.ts';
import { systemActor } from '../auth/auth.policy.ts';
import { importFile, importTemplate } from '../imports/imports.service.ts';

const RESIDENT = makeIdNumber('419901', '2006-03-04', 11);
const RESIDENT_FOLDED = makeIdNumber('419901', '2007-08-09', 12);
const HONG_KONG = makeIdNumber('810000', '2005-01-02', 13);
const TAIWAN = makeIdNumber('830000', '2004-05-06', 14);
const PASSPORT = 'E12345678';

/** Issue 15 item 3: 证件类型 in the people import, checked by the admin entry's rule, sealed and masked alike. */
for (const dialect of DIALECTS) {
  describe(`people import with 证件类型 (${dialect})`, () => {
    let ctx: TestContext;
    let dir: string;
    const run = (name: string, lines: string[]) => {
      const file = path.join(dir, name);
      writeFileSync(file, `${lines.join('\n')}\n`);
      return importFile(ctx, systemActor(), 'people', { path: file, name }, { dryRun: false });
    };
    const people = () =>
      ctx.db
        .selectFrom('people')
        .select([
          'name',
          'id_type',
          'id_number_masked',
          'id_number_enc',
          'id_number_hash',
          'gender',
          'birth_date',
        ])
        .orderBy('name')
        .execute();
    const HEADER = '证件类型,身份证号,姓名,性别,出生日期,政治面貌';
    const FILE = [
      HEADER,
      `,${RESIDENT},甲,,,群众`,
      `身份证,${RESIDENT_FOLDED},乙,,,群众`,
      `港澳居民居住证,${HONG_KONG},丙,,,群众`,
      `台湾居民居住证,${TAIWAN},丁,,,群众`,
      `护照,${PASSPORT.toLowerCase()},戊,女,2003-07-08,群众`,
    ];

    beforeAll(async () => {
      ctx = await createTestContext(dialect);
      dir = mkdtempSync(path.join(tmpdir(), 'tuanwu-id-documents-'));
      await buildOrg(ctx, { code: 'SL-A', parentCode: null, kind: 'committee', level: 'county' });
    });
    afterAll(async () => {
      await ctx.dispose();
      rmSync(dir, { recursive: true, force: true });
    });

    it('imports every 证件类型 (blank is 居民身份证), folded names included, sealed and masked', async () => {
      const outcome = await run('documents.csv', FILE);
      expect(outcome).toMatchObject({ rows: 5, inserted: 5, errorCount: 0 });
      const rows = await people();
      expect(rows.map((p) => [p.name, p.id_type, p.id_number_masked, p.gender, p.birth_date])).toEqual([
        [
          '丁',
          'hkmt_residence_permit',
          `8300************${TAIWAN.slice(-2)}`,
          expect.any(String),
          '2004-05-06',
        ],
        [
          '丙',
          'hkmt_residence_permit',
          `8100************${HONG_KONG.slice(-2)}`,
          expect.any(String),
          '2005-01-02',
        ],
        [
          '乙',
          'resident_id',
          `4199************${RESIDENT_FOLDED.slice(-2)}`,
          expect.any(String),
          '2007-08-09',
        ],
        ['戊', 'passport', 'E************78', '女', '2003-07-08'],
        ['甲', 'resident_id', `4199************${RESIDENT.slice(-2)}`, expect.any(String), '2006-03-04'],
      ]);
      // The number is sealed and looked up by its hash, never stored in clear (upper case for the passport).
      for (const p of rows)
        for (const n of [RESIDENT, TAIWAN, PASSPORT]) expect(p.id_number_enc).not.toContain(n);
      const passport = rows.find((p) => p.name === '戊')!;
      expect(ctx.cipher.decrypt(passport.id_number_enc)).toBe(PASSPORT);
      expect(passport.id_number_hash).toBe(ctx.cipher.lookupHash(PASSPORT));

      // The same file again changes nothing.
      const before = await dumpTables(ctx, ['people']);
      expect(await run('again.csv', FILE)).toMatchObject({ inserted: 0, updated: 0, unchanged: 5 });
      expect(await dumpTables(ctx, ['people'])).toEqual(before);
    });

    it('refuses what the admin entry refuses, naming row and column, writing nothing', async () => {
      const before = await dumpTables(ctx, ['people']);
      const error = await run('bad.csv', [
        HEADER,
        `护照,G7654321,己,,,群众`,
        `居民身份证,${makeIdNumber('820000', '2005-02-03', 15)},庚,,,群众`,
        `港澳台居民居住证,${makeIdNumber('419901', '2005-02-03', 16)},辛,,,群众`,
        `护照,12,壬,男,2003-01-01,群众`,
        `军官证,${makeIdNumber('419901', '2005-02-04', 17)},癸,,,群众`,
      ]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImportRefusedError);
      expect((error as ImportRefusedError).details.errors.map((e) => [e.row, e.column, e.reason])).toEqual([
        [2, '性别', '持护照登记须填写性别'],
        [2, '出生日期', '持护照登记须填写出生日期'],
        [3, '证件号码', '以81、82、83开头的是港澳台居民居住证号码，请将证件类型选为“港澳台居民居住证”'],
        [4, '证件号码', '港澳台居民居住证号码应以81（香港）、82（澳门）或83（台湾）开头'],
        [5, '证件号码', '护照号码应为5至17位字母或数字'],
        [
          6,
          '证件类型',
          '不是可选值之一（可填 居民身份证 / 港澳台居民居住证 / 护照；也可写作 身份证、二代身份证 → 居民身份证；港澳居民居住证、台湾居民居住证 → 港澳台居民居住证；PASSPORT → 护照）',
        ],
      ]);
      expect(await dumpTables(ctx, ['people'])).toEqual(before);
    });

    // The template's notes said 性别 and 出生日期 「可不填，按证件号码」: a passport number says neither, and a
    // passport number under the default 证件类型 was refused only as a short 身份证号.
    it('tells in the template and in its refusals that a passport row needs 性别 and 出生日期', async () => {
      const template = new ExcelJS.Workbook();
      const { content } = await importTemplate(systemActor(), 'people');
      await template.xlsx.load(content as unknown as ArrayBuffer);
      const header = template.worksheets[0]!.getRow(1);
      const noteOf = (name: string) => {
        const cell = (header.values as unknown[]).indexOf(name);
        const note = header.getCell(cell).note as string | { texts: { text: string }[] };
        return typeof note === 'string' ? note : note.texts.map((t) => t.text).join('');
      };
      expect(noteOf('性别')).toBe(
        '选填：男 / 女。证件类型为护照时必填（护照号码不含性别）；居民身份证、港澳台居民居住证可不填，按号码识别，填写则须与号码一致',
      );
      expect(noteOf('出生日期')).toBe(
        '选填：日期。证件类型为护照时必填（护照号码不含出生日期）；居民身份证、港澳台居民居住证可不填，按号码识别，填写则须与号码一致',
      );
      const before = await dumpTables(ctx, ['people']);
      const error = await run('passport-untyped.csv', [HEADER, `,G7654321,己,,,群众`]).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ImportRefusedError);
      expect((error as ImportRefusedError).details.errors.map((e) => [e.row, e.column, e.reason])).toEqual([
        [
          2,
          '证件号码',
          '身份证号应为18位，最后一位可为X；如是护照号码，请将证件类型设为“护照”，并填写性别和出生日期',
        ],
      ]);
      expect(await dumpTables(ctx, ['people'])).toEqual(before);
    });
  });
}
