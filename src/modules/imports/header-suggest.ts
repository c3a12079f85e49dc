import type { AppContext } from '../../context.ts';
import { dateFromSheetCell } from '../../lib/dates.ts';
import { type Problem, ValidationError } from '../../lib/errors.ts';
import { redact } from '../../lib/redact.ts';
import { SheetRefusedError } from '../../lib/sheet-limits.ts';
import { type RawCell, readSheet, type SheetRow, UnreadableSheetError } from '../../lib/spreadsheet.ts';
import type { Actor } from '../auth/auth.policy.ts';
import {
  findHeaderRow,
  HEADER_SCAN_ROWS,
  type HeaderMapping,
  type HeaderSuggestion,
  headerKey,
  isNamed,
  suggestMapping,
} from './header-mapping.ts';
import type { ImportKind } from './import-kind.ts';
import { matchImportMapping } from './import-mappings.service.ts';

/** Data rows shown under each of the file's columns. */
const SAMPLE_ROWS = 3;

const REASONS: Record<NonNullable<HeaderSuggestion['via']>, string> = {
  mapping: '已确认或已保存的对应关系',
  exact: '列名相同',
  synonym: '常见的其他写法',
  similar: '列名相近，请核对',
};

function sampleText(cell: RawCell): string | null {
  if (cell == null) return null;
  const text = cell instanceof Date ? dateFromSheetCell(cell) : String(cell).trim();
  return text === '' ? null : text;
}

/**
 * A sample as it may be shown: identity and mobile numbers masked wherever they stand, and a birth date cut to
 * its year (a masked number beside a whole birth date gives the number away, DESIGN.md).
 */
function shownSample(text: string, column: string | null): string {
  const masked = redact(text).slice(0, 60);
  if (column === '出生日期') return masked.replace(/^(\d{4}).*$/, '$1-**-**');
  return masked;
}

/** The first rows of a file: enough for its header (title rows above included) and a few data rows. */
async function firstRows(path: string): Promise<SheetRow[]> {
  const rows: SheetRow[] = [];
  try {
    for await (const batch of readSheet(path)) {
      rows.push(...batch);
      if (rows.length >= HEADER_SCAN_ROWS + 2 + SAMPLE_ROWS * 3) break;
    }
  } catch (error) {
    if (error instanceof SheetRefusedError) throw new ValidationError(error.reason);
    if (error instanceof UnreadableSheetError)
      throw new ValidationError('无法读取文件：请上传 .xlsx、.xls 或 .csv 格式的表格');
    throw error;
  }
  return rows;
}

export interface SuggestedColumn {
  index: number;
  header: string;
  samples: string[];
  column: string | null;
  via: HeaderSuggestion['via'];
  reason: string | null;
  /** The other ways of writing a value the chosen column reads (「团员 → 共青团员」). */
  folds: string[];
}

export interface HeaderSuggestionReply {
  kind: string;
  headerRow: number | null;
  skipped: number;
  columns: SuggestedColumn[];
  /** Required columns none of the file's headers is suggested for. */
  missing: string[];
  /** What the import would say of the header with the suggestions as they stand. */
  errors: Problem[];
  warnings: Problem[];
  saved: { id: number; name: string; orgCode: string } | null;
}

/**
 * What the import page shows after a file is chosen: the header row found (title rows above it skipped), each
 * of the file's columns with a few values and the column of ours it is suggested for, and why. A mapping given
 * (the clerk's corrections) goes first; failing one, a saved mapping made from the same headers is reused.
 */
export async function suggestHeaders(
  ctx: AppContext,
  actor: Actor,
  kind: ImportKind,
  path: string,
  given?: HeaderMapping,
): Promise<HeaderSuggestionReply> {
  const rows = await firstRows(path);
  let mapping = given;
  let header = findHeaderRow(kind.columns, rows, mapping);
  let saved: HeaderSuggestionReply['saved'] = null;
  if (header && given == null) {
    const match = await matchImportMapping(ctx, actor, kind.kind, header.names);
    if (match) {
      mapping = match.mapping;
      saved = { id: match.id, name: match.name, orgCode: match.orgCode };
      header = findHeaderRow(kind.columns, rows, mapping);
    }
  }
  if (header == null) {
    return {
      kind: kind.kind,
      headerRow: null,
      skipped: 0,
      columns: [],
      missing: kind.columns.filter((c) => c.required).map((c) => c.header),
      errors: [{ row: null, column: null, value: null, reason: '文件为空，没有表头行' }],
      warnings: [],
      saved: null,
    };
  }
  const suggestions = suggestMapping(kind.columns, header.names, mapping);
  // A header the mapping names keeps its choice as given, a column chosen twice included: that is an error to show.
  const named = new Map(Object.entries(mapping ?? {}).map(([k, v]) => [headerKey(k), v]));
  const ourHeader = (to: string | null) =>
    to == null ? null : (kind.columns.find((c) => isNamed(c, headerKey(to)))?.header ?? to);
  const data = rows
    .slice(header.dataStart)
    .filter((r) => r.cells.some((c) => sampleText(c) != null))
    .slice(0, SAMPLE_ROWS);
  const columns: SuggestedColumn[] = [];
  // suggestMapping answers the non-blank headers in their order.
  let next = 0;
  header.names.forEach((name, index) => {
    if (!name) return;
    const s = suggestions[next++];
    const key = headerKey(name);
    const column = named.has(key) ? ourHeader(named.get(key) ?? null) : (s?.column ?? null);
    columns.push({
      index,
      header: name,
      samples: data
        .map((r) => sampleText(r.cells[index] ?? null))
        .filter((t): t is string => t != null)
        .map((t) => shownSample(t, column)),
      column,
      via: named.has(key) ? 'mapping' : (s?.via ?? null),
      reason: named.has(key) ? REASONS.mapping : s?.via ? REASONS[s.via] : null,
      folds: kind.columns.find((c) => c.header === column)?.folds ?? [],
    });
  });
  // The binding the import would make from the suggestions as they stand (similar ones included).
  const chosen: Record<string, string | null> = {};
  for (const c of columns) chosen[c.header] = c.column;
  const binding = findHeaderRow(kind.columns, rows, chosen)?.binding;
  const bound = new Set(columns.map((c) => c.column).filter(Boolean));
  return {
    kind: kind.kind,
    headerRow: header.rowNumber,
    skipped: header.skipped,
    columns,
    missing: kind.columns.filter((c) => c.required && !bound.has(c.header)).map((c) => c.header),
    errors: binding?.errors ?? [],
    warnings:
      header.skipped > 0
        ? [
            {
              row: header.rowNumber,
              column: null,
              value: null,
              reason: `表头在第 ${header.rowNumber} 行，上方 ${header.skipped} 行标题不导入`,
            },
          ]
        : [],
    saved,
  };
}
