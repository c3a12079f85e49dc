import type { Problem } from '../../lib/errors.ts';
import type { RawCell } from '../../lib/spreadsheet.ts';
import { foldWidth } from '../../lib/text.ts';
import type { Column } from './columns.ts';
import { echoValue } from './problems.ts';

/**
 * Header names other systems' exports use for our columns: 智慧团建's团员 and 团干部 exports, the volunteer
 * systems' (志愿汇, 中国志愿服务网) service records, and the county spreadsheets we were given. A name here binds
 * by itself (it means the same column in every file we have seen); anything else is only suggested.
 * Keyed by our column header; a kind uses the entries of the columns it has.
 */
export const HEADER_SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  // 身份证号 itself, IMPORT-SPEC.md's name, is the column's former header (Column.formerHeaders): no warning.
  证件号码: [
    '身份证号码',
    '公民身份号码',
    '公民身份证号码',
    '证件号',
    '身份证',
    '身份证件号码',
    '志愿者证件号码',
  ],
  姓名: ['名字', '团员姓名', '志愿者姓名', '人员姓名', '学生姓名'],
  出生日期: ['出生年月日', '生日'],
  手机号码: ['手机', '手机号', '联系电话', '电话号码', '移动电话', '联系手机', '手机号码（11位）'],
  政治面貌: ['政治身份'],
  所在团组织编码: ['团组织编码', '所在组织编码', '所属团组织编码', '所在团支部编码'],
  入团日期: ['入团年月', '入团时间'],
  团员编号: ['团员证号', '团员证编号'],
  学历: ['文化程度', '最高学历', '全日制学历'],
  工作单位或学校: ['工作单位', '就读学校', '所在单位或学校', '工作单位（学校）', '工作（学习）单位'],
  组织编码: ['团组织编码', '所属组织编码'],
  组织名称: ['团组织名称'],
  上级组织编码: ['上级团组织编码'],
  职务: ['团内职务', '担任职务'],
  任职日期: ['任职时间', '任职年月'],
  离任日期: ['离任时间'],
  活动编号: ['活动编码', '项目编号'],
  // 中国志愿服务网 calls an activity a 项目 (志愿服务项目); 志愿汇 calls it 活动.
  活动名称: ['项目名称'],
  服务类别: ['服务类型', '服务领域', '活动类型', '项目类型'],
  开始时间: ['活动开始时间', '项目开始时间', '服务开始时间'],
  结束时间: ['活动结束时间', '项目结束时间', '服务结束时间'],
  地点: ['活动地点', '服务地点', '项目地点'],
  服务时长: [
    '志愿服务时长',
    '服务时长（小时）',
    '志愿服务时长（小时）',
    '志愿时长',
    '时长（小时）',
    '服务小时数',
  ],
  签到时间: ['开始服务时间'],
  签退时间: ['结束服务时间'],
  金额: ['金额（元）'],
};

/** The form a header is compared in: half-width, no spaces, no required-field star (「*姓名」). */
export function headerKey(text: string): string {
  return foldWidth(text)
    .replace(/\s+/g, '')
    .replace(/^[*＊]+|[*＊]+$/g, '');
}

export function headerText(cell: RawCell): string {
  return cell == null ? '' : foldWidth(String(cell)).trim();
}

/** A mapping as the user confirmed it: the file's header text → our column header (or null: ignore the column). */
export type HeaderMapping = Readonly<Record<string, string | null>>;

export interface BoundColumn {
  column: Column;
  index: number;
}

export interface HeaderBinding {
  bound: BoundColumn[];
  errors: Problem[];
  warnings: Problem[];
}

/** The column's own name, or a name the contract gave it before (Column.formerHeaders), in headerKey form. */
export function isNamed(column: Column, key: string): boolean {
  return [column.header, ...(column.formerHeaders ?? [])].some((name) => headerKey(name) === key);
}

function synonymTarget(columns: readonly Column[], key: string): Column | undefined {
  return columns.find((c) => (HEADER_SYNONYMS[c.header] ?? []).some((s) => headerKey(s) === key));
}

/**
 * Binds a header row to the format's columns: by a confirmed mapping first, then by our own name, then by a
 * known synonym. A column bound twice, a mapping to no column of ours, or a required column left unbound refuses
 * the file; a header bound to nothing is a warning and ignored.
 */
export function bindHeader(
  columns: readonly Column[],
  names: readonly string[],
  rowNumber: number,
  mapping?: HeaderMapping,
): HeaderBinding {
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const mapped = new Map<string, string | null>();
  for (const [from, to] of Object.entries(mapping ?? {}))
    mapped.set(headerKey(from), to ? headerKey(to) : null);
  const bound: BoundColumn[] = [];
  const boundBy = new Map<Column, string>();
  const bind = (column: Column, index: number, name: string) => {
    const earlier = boundBy.get(column);
    if (earlier != null) {
      errors.push({
        row: rowNumber,
        column: echoValue(name),
        value: null,
        reason:
          earlier === name
            ? `列「${echoValue(name)}」重复出现`
            : `列「${echoValue(earlier)}」和「${echoValue(name)}」都对应「${column.header}」，只能保留一列`,
      });
      return;
    }
    boundBy.set(column, name);
    bound.push({ column, index });
  };
  const byKey = (key: string) => columns.find((c) => isNamed(c, key) || c.key === key);
  // Our own names and the mapping's choices first, so a synonym never takes a column the file names exactly.
  const later: { index: number; name: string; key: string }[] = [];
  names.forEach((name, index) => {
    if (!name) return;
    const key = headerKey(name);
    if (mapped.has(key)) {
      const to = mapped.get(key);
      if (to == null) return;
      const column = byKey(to);
      if (column) bind(column, index, name);
      else
        errors.push({
          row: rowNumber,
          column: echoValue(name),
          value: null,
          reason: `对应关系把「${echoValue(name)}」对应到「${echoValue(to)}」，但没有这一列；可选的列：${columns.map((c) => c.header).join('、')}`,
        });
      return;
    }
    const own = columns.find((c) => isNamed(c, key));
    if (own) bind(own, index, name);
    else later.push({ index, name, key });
  });
  for (const { index, name, key } of later) {
    const column = synonymTarget(columns, key);
    if (column && !boundBy.has(column)) {
      bind(column, index, name);
      warnings.push({
        row: rowNumber,
        column: echoValue(name),
        value: null,
        reason: `列「${echoValue(name)}」按「${column.header}」读取`,
      });
    } else {
      const shown = echoValue(name);
      warnings.push({ row: rowNumber, column: shown, value: null, reason: `未知的列「${shown}」，已忽略` });
    }
  }
  for (const column of columns) {
    if (column.required && !boundBy.has(column)) {
      errors.push({
        row: rowNumber,
        column: column.header,
        value: null,
        reason: `缺少必填列「${column.header}」：第 ${rowNumber} 行表头中没有这一列，也没有能对应到它的列（可在导入页面或用 --map 指定对应关系）`,
      });
    }
  }
  return { bound, errors, warnings };
}

/** Rows looked at for the header: title rows above it (a sheet title, a unit and date line) are skipped. */
export const HEADER_SCAN_ROWS = 10;

export interface HeaderRow {
  /** Index, within the rows scanned, of the first data row. */
  dataStart: number;
  /** The spreadsheet's number of the (last) header row. */
  rowNumber: number;
  names: string[];
  binding: HeaderBinding;
  /** Rows above the header that were skipped. */
  skipped: number;
}

const isText = (cell: RawCell) => cell == null || typeof cell === 'string';

/**
 * Finds the header among the first rows: the row (or pair of rows, for a header whose group titles are merged
 * cells above the column names) that binds the most of our columns. A pair's lower row names a column where it
 * has text, the upper row where a cell merged down over both leaves the lower one empty.
 */
export function findHeaderRow(
  columns: readonly Column[],
  rows: readonly { rowNumber: number; cells: RawCell[] }[],
  mapping?: HeaderMapping,
): HeaderRow | null {
  let best: (HeaderRow & { score: number; pair: boolean }) | null = null;
  // The most columns bound wins; on a tie one row over a pair (the pair's upper row added nothing), then the first.
  const consider = (at: number, names: string[], rowNumber: number, dataStart: number, pair = false) => {
    const binding = bindHeader(columns, names, rowNumber, mapping);
    const score = binding.bound.length;
    if (best == null || score > best.score || (score === best.score && best.pair && !pair))
      best = { dataStart, rowNumber, names, binding, skipped: at, score, pair };
  };
  const scan = Math.min(rows.length, HEADER_SCAN_ROWS);
  for (let at = 0; at < scan; at++) {
    const top = rows[at]!;
    if (top.cells.every((c) => c == null || String(c).trim() === '')) continue;
    consider(at, top.cells.map(headerText), top.rowNumber, at + 1);
    const below = rows[at + 1];
    if (below && below.rowNumber === top.rowNumber + 1 && below.cells.every(isText)) {
      const width = Math.max(top.cells.length, below.cells.length);
      const names = Array.from(
        { length: width },
        (_, i) => headerText(below.cells[i] ?? null) || headerText(top.cells[i] ?? null),
      );
      consider(at, names, below.rowNumber, at + 2, true);
    }
  }
  if (best == null) return null;
  const { score, pair: _pair, ...found } = best as HeaderRow & { score: number; pair: boolean };
  // Nothing of ours anywhere: the first row is the header, and its missing columns are the errors to show.
  if (score === 0) {
    const first = rows.findIndex((r) => r.cells.some((c) => c != null && String(c).trim() !== ''));
    const names = rows[first]!.cells.map(headerText);
    return {
      dataStart: first + 1,
      rowNumber: rows[first]!.rowNumber,
      names,
      binding: bindHeader(columns, names, rows[first]!.rowNumber, mapping),
      skipped: first,
    };
  }
  return found;
}

/** Character bigrams' Dice coefficient: 手机号码 ~ 手机号 0.8; unrelated names near 0. */
function similarity(a: string, b: string): number {
  const grams = (s: string) =>
    s.length < 2 ? [s] : Array.from({ length: s.length - 1 }, (_, i) => s.slice(i, i + 2));
  const x = grams(a);
  const y = grams(b);
  const pool = [...y];
  let shared = 0;
  for (const g of x) {
    const at = pool.indexOf(g);
    if (at >= 0) {
      shared++;
      pool.splice(at, 1);
    }
  }
  const dice = (2 * shared) / (x.length + y.length);
  // One name inside the other (「工作单位」 in 「工作单位或学校」) counts at least as half alike.
  return a.includes(b) || b.includes(a) ? Math.max(dice, 0.5) : dice;
}

/** Below this a header is not suggested for a column: the clerk chooses. */
const SUGGEST_AT = 0.5;

export interface HeaderSuggestion {
  header: string;
  column: string | null;
  via: 'mapping' | 'exact' | 'synonym' | 'similar' | null;
}

/**
 * What each header of a file would be read as: a saved or given mapping, our own name, a known synonym, and
 * failing those the most alike of the columns still free (each column suggested once, best pairs first).
 */
export function suggestMapping(
  columns: readonly Column[],
  names: readonly string[],
  mapping?: HeaderMapping,
): HeaderSuggestion[] {
  const mapped = new Map(Object.entries(mapping ?? {}).map(([k, v]) => [headerKey(k), v]));
  const taken = new Set<string>();
  const out: HeaderSuggestion[] = names.map((header) => ({ header, column: null, via: null }));
  const decide = (
    test: (s: HeaderSuggestion, key: string) => [string | null, HeaderSuggestion['via']] | null,
  ) => {
    for (const s of out) {
      if (!s.header || s.via != null) continue;
      const found = test(s, headerKey(s.header));
      if (found && (found[0] == null || !taken.has(found[0]))) {
        [s.column, s.via] = found;
        if (found[0]) taken.add(found[0]);
      }
    }
  };
  decide((_, key) => {
    if (!mapped.has(key)) return null;
    const to = mapped.get(key);
    const column = to ? columns.find((c) => isNamed(c, headerKey(to))) : null;
    return [column?.header ?? null, 'mapping'];
  });
  decide((_, key) => {
    const own = columns.find((c) => isNamed(c, key));
    return own ? [own.header, 'exact'] : null;
  });
  decide((_, key) => {
    const column = synonymTarget(columns, key);
    return column ? [column.header, 'synonym'] : null;
  });
  const pairs: { s: HeaderSuggestion; column: string; score: number }[] = [];
  for (const s of out) {
    if (!s.header || s.via != null) continue;
    for (const c of columns) {
      const names = [c.header, ...(c.formerHeaders ?? []), ...(HEADER_SYNONYMS[c.header] ?? [])].map(
        headerKey,
      );
      const score = Math.max(...names.map((n) => similarity(headerKey(s.header), n)));
      if (score >= SUGGEST_AT) pairs.push({ s, column: c.header, score });
    }
  }
  pairs.sort((a, b) => b.score - a.score);
  for (const { s, column } of pairs) {
    if (s.via != null || taken.has(column)) continue;
    s.column = column;
    s.via = 'similar';
    taken.add(column);
  }
  return out.filter((s) => s.header !== '');
}
