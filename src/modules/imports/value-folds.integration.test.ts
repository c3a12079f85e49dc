import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportRefusedError } from '../../lib/errors.ts';
import { type RawCell, readSheet } from '../../lib/spreadsheet.ts';
import { createTestContext, DIALECTS, type TestContext } from '../../test/db.ts';
import { dumpTables } from '../../test/dump.ts';
import { FIXTURE_SAMPLE, sampleFiles } from '../../test/sample-county.ts';
import { systemActor } from '../auth/auth.policy.ts';
import type { Column } from './columns.ts';
import { headerKey } from './header-mapping.ts';
import { importFile } from './imports.service.ts';
import { findImportKind } from './kinds.ts';
import { DATE_FOLDS, DATE_TIME_FOLDS, HOURS_FOLDS, MONEY_FOLDS, MONTH_FOLDS } from './value-folds.ts';

const FILES = sampleFiles(FIXTURE_SAMPLE);
/** The import's own bookkeeping grows with every attempt; the rest is the data compared. */
const BOOKKEEPING = new Set(['imports', 'audit_log']);

const pad = (n: number) => String(n).padStart(2, '0');

/** The other spellings a column lists for each label (「团员、党员 → 中共党员」 → 中共党员: [团员, 党员]). */
function labelSpellings(column: Column): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const fold of column.folds ?? []) {
    const [written, label] = fold.split(' → ');
    if (written && label) out.set(label, written.split('、'));
  }
  return out;
}

/**
 * The cell written another way the column lists, turn by turn across rows (`n`), so every spelling is met; the
 * value read must stay the same. Cells of columns that fold nothing are kept as they are.
 */
function folded(column: Column, cell: RawCell, n: number): RawCell {
  const read = column.read(cell);
  if (!read.ok || read.value == null) return cell;
  const folds = column.folds ?? [];
  if (folds.includes(DATE_FOLDS[0])) {
    const [y, m, d] = String(read.value).split('-').map(Number) as [number, number, number];
    const forms = [`${y}/${m}/${d}`, `${y}.${m}.${d}`, `${y}年${m}月${d}日`, `${y}${pad(m)}${pad(d)}`];
    if (folds.includes(MONTH_FOLDS[0]) && d === 1) forms.push(`${y}年${m}月`, `${y}.${m}`, `${y}${pad(m)}`);
    return forms[n % forms.length]!;
  }
  if (folds.includes(DATE_TIME_FOLDS[0])) {
    const local = new Date(Date.parse(String(read.value)) + 8 * 3_600_000).toISOString();
    const [y, m, d, h, mi] = [
      local.slice(0, 4),
      local.slice(5, 7),
      local.slice(8, 10),
      local.slice(11, 13),
      local.slice(14, 16),
    ].map(Number) as [number, number, number, number, number];
    const forms = [`${y}/${m}/${d} ${h}:${pad(mi)}`, `${y}年${m}月${d}日 ${pad(h)}:${pad(mi)}:00`];
    return forms[n % forms.length]!;
  }
  if (folds.includes(MONEY_FOLDS[0])) {
    const fen = Number(read.value);
    const yuan = (fen / 100).toFixed(2);
    const grouped = yuan.replace(/\B(?=(\d{3})+\.)/g, ',');
    return [`￥${grouped}`, `${yuan}元`, `¥${yuan}`][n % 3]!;
  }
  if (folds.includes(HOURS_FOLDS[0]))
    return [`${read.value}小时`, `${read.value}h`, `${read.value} 学时`][n % 3]!;
  const label = typeof cell === 'string' ? cell.trim() : String(cell);
  const spellings = labelSpellings(column).get(label);
  return spellings ? spellings[n % spellings.length]! : cell;
}

const csvCell = (cell: RawCell) => {
  const text = cell == null ? '' : cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell);
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** A sample file as CSV, its folding columns' cells written other ways (or as `bad` in one row and column). */
async function rewrite(
  kind: string,
  file: string,
  change: (column: Column, cell: RawCell, n: number, row: number) => RawCell,
): Promise<string> {
  const columns = findImportKind(kind)!.columns;
  const lines: string[] = [];
  let header: (Column | undefined)[] = [];
  for await (const batch of readSheet(path.join(FIXTURE_SAMPLE, file))) {
    for (const row of batch) {
      if (row.rowNumber === 1) {
        header = row.cells.map((c) =>
          columns.find((col) => headerKey(col.header) === headerKey(String(c ?? ''))),
        );
        lines.push(row.cells.map(csvCell).join(','));
        continue;
      }
      lines.push(
        row.cells
          .map((cell, i) => {
            const column = header[i];
            return csvCell(column ? change(column, cell, row.rowNumber + i, row.rowNumber) : cell);
          })
          .join(','),
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Issue 15: every kind folds its columns' other spellings by their type, and refuses anything else. */
for (const dialect of DIALECTS) {
  describe(`value folds of every kind (${dialect})`, () => {
    let ctx: TestContext;
    let dir: string;
    const run = (kind: string, name: string, content: string) => {
      const file = path.join(dir, name);
      writeFileSync(file, content);
      return importFile(ctx, systemActor(), kind, { path: file, name }, { dryRun: false });
    };
    const data = async () => {
      const all = await dumpTables(ctx);
      for (const t of BOOKKEEPING) delete all[t];
      return all;
    };

    beforeAll(async () => {
      ctx = await createTestContext(dialect);
      dir = mkdtempSync(path.join(tmpdir(), 'tuanwu-value-folds-'));
    }, 300_000);
    afterAll(async () => {
      await ctx.dispose();
      rmSync(dir, { recursive: true, force: true });
    });

    it('every kind lists the folds of its date, date-time, money, hours and enumerated columns', () => {
      for (const { kind } of FILES) {
        for (const column of findImportKind(kind)!.columns) {
          const typed = column.format.includes('日期') || column.format.includes('金额');
          // A rule over every kind's columns, not a figure: each typed column says how it folds at least one spelling.
          if (typed && !/编码|编号|身份证/.test(column.header))
            expect(column.folds?.length, `${kind} ${column.header}`).toBeGreaterThan(0);
        }
      }
      const people = findImportKind('people')!.columns;
      expect(people.find((c) => c.header === '政治面貌')?.folds).toContain(
        '团员、中国共产主义青年团团员 → 共青团员',
      );
      expect(people.find((c) => c.header === '性别')?.folds).toContain('男性、M、MALE → 男');
      // One vocabulary folds the same in every kind that offers it: 区 is 县 for regions and for orgs alike.
      expect(
        findImportKind('regions')!
          .columns.find((c) => c.header === '区划级别')
          ?.read('区'),
      ).toEqual({
        ok: true,
        value: 'county',
      });
      expect(
        findImportKind('orgs')!
          .columns.find((c) => c.header === '组织层级')
          ?.read('区'),
      ).toEqual({
        ok: true,
        value: 'county',
      });
    });

    it('imports the sample written with folded spellings, then the canonical files change nothing', async () => {
      const foldedFiles = new Map<string, string>();
      for (const f of FILES) {
        const content = await rewrite(f.kind, f.file, folded);
        // Every sample file with a folding column (attendance has none) has values to write otherwise.
        if (findImportKind(f.kind)!.columns.some((c) => c.folds))
          expect(content, f.kind).not.toEqual(await rewrite(f.kind, f.file, (_, c) => c));
        foldedFiles.set(f.kind, content);
        const outcome = await run(f.kind, `folded-${f.kind}.csv`, content);
        expect(outcome, f.kind).toMatchObject({ rows: f.rows, inserted: f.rows, errorCount: 0 });
      }
      const fromFolded = await data();
      for (const f of FILES) {
        const outcome = await run(
          f.kind,
          `canonical-${f.kind}.csv`,
          await rewrite(f.kind, f.file, (_, c) => c),
        );
        expect(outcome, f.kind).toMatchObject({ inserted: 0, updated: 0, unchanged: f.rows, errorCount: 0 });
      }
      expect(await data()).toEqual(fromFolded);
      // The folded file again: idempotent.
      for (const f of FILES) {
        const outcome = await run(f.kind, `again-${f.kind}.csv`, foldedFiles.get(f.kind)!);
        expect(outcome, f.kind).toMatchObject({ inserted: 0, updated: 0, unchanged: f.rows });
      }
      expect(await data()).toEqual(fromFolded);
    }, 600_000);

    it('refuses a spelling no fold lists in any folding column, naming row, column and what is accepted', async () => {
      const before = await data();
      for (const f of FILES) {
        const columns = findImportKind(f.kind)!.columns.filter((c) => (c.folds ?? []).length > 0);
        for (const target of columns) {
          const content = await rewrite(f.kind, f.file, (column, cell, _n, row) =>
            row === 2 && column === target ? '未知写法' : cell,
          );
          const head = content.split('\n').slice(0, 3).join('\n');
          if (
            !head
              .split('\n')[0]!
              .split(',')
              .some((h) => headerKey(h) === headerKey(target.header))
          )
            continue;
          const error = await run(f.kind, `bad-${f.kind}.csv`, `${head}\n`).then(
            () => null,
            (e: unknown) => e,
          );
          expect(error, `${f.kind} ${target.header}`).toBeInstanceOf(ImportRefusedError);
          const problems = (error as ImportRefusedError).details.errors;
          expect(problems, `${f.kind} ${target.header}`).toContainEqual({
            row: 2,
            column: target.header,
            value: '未知写法',
            reason: expect.stringMatching(/可(填|写作)/),
          });
        }
      }
      expect(await data()).toEqual(before);
    }, 600_000);
  });
}
