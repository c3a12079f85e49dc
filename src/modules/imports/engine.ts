import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/create-db.ts';
import { ConflictError, type Problem, ValidationError } from '../../lib/errors.ts';
import { SheetRefusedError } from '../../lib/sheet-limits.ts';
import { detectFormat, UnreadableSheetError } from '../../lib/spreadsheet.ts';
import { xlsxDimensionRows } from '../../lib/xlsx-rows.ts';
import type { Actor } from '../auth/auth.policy.ts';
import type { HeaderMapping } from './header-mapping.ts';
import type { ImportKind, ImportSession, ParsedRow } from './import-kind.ts';
import { lockImportKind } from './imports.repository.ts';
import { ProblemList } from './problems.ts';
import { ProgressMeter, type ProgressSink } from './progress.ts';
import { sheetRows } from './sheet-rows-source.ts';

export interface ImportOutcome {
  kind: string;
  fileName: string;
  checksum: string;
  dryRun: boolean;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** The errors listed (at most MAX_LISTED_PROBLEMS, then a line saying how many more). */
  errors: Problem[];
  warnings: Problem[];
  /** All errors and warnings found, listed or not. */
  errorCount: number;
  warningCount: number;
}

/**
 * Writes the record of an attempt (the imports row and its audit entry) through `db` and returns its id. An
 * import that is taken is recorded inside its own transaction, so the data never lands without its record.
 */
export type ImportRecorder = (db: Db, outcome: ImportOutcome) => Promise<number>;

/** How long an import waits for another import of the same kind to finish before it is refused. */
export const IMPORT_LOCK_WAIT_MS = 30_000;

/**
 * Rows written between two turns of the event loop. better-sqlite3 answers synchronously, so every `await` of a
 * SQLite import resolves at once and a reader's chunk of thousands of rows was written without the process
 * answering anything else: the page polling the import's progress got its answer only at the end (measured on
 * 10,000 rows: one poll held 3.2 s, the next ones 1.1 s, on an idle machine), and the bar never moved. A turn
 * costs microseconds; on PostgreSQL the writes wait on the network anyway.
 */
export const ROWS_PER_TURN = 200;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Thrown inside the transaction to roll it back once the file is known to be refused, or for a dry run. */
class Rollback extends Error {}

const NEWLINE = 0x0a;

/** The file's SHA-256, and its line feeds counted on the way (the row estimate of a CSV, for progress). */
async function fileChecksum(path: string): Promise<{ checksum: string; lines: number }> {
  const hash = createHash('sha256');
  let lines = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    for (let at = chunk.indexOf(NEWLINE); at >= 0; at = chunk.indexOf(NEWLINE, at + 1)) lines++;
  }
  return { checksum: hash.digest('hex'), lines };
}

/** Data rows the file probably holds (header excluded), for the time left; null when it cannot be told. */
async function estimateRows(path: string, lines: number): Promise<number | null> {
  const format = await detectFormat(path).catch(() => null);
  if (format === 'csv') return Math.max(0, lines - 1);
  if (format === 'xlsx') {
    const rows = await xlsxDimensionRows(path);
    return rows == null ? null : Math.max(0, rows - 1);
  }
  return null;
}

/**
 * Runs one import inside one transaction: all or nothing (IMPORT-SPEC.md). Rows stream through in batches,
 * so memory stays flat however long the file; every error is collected, and any error rolls the whole file back.
 * `worker` forces reading on a worker thread (true) or inline (false); by default the file's size decides.
 */
export async function runImport(
  ctx: AppContext,
  actor: Actor,
  kind: ImportKind,
  file: { path: string; name: string },
  options: {
    dryRun: boolean;
    worker?: boolean;
    record: ImportRecorder;
    lockWaitMs?: number;
    /** The file's headers → our columns, as the user confirmed them. */
    mapping?: HeaderMapping;
    /** Told of rows read, checked and written at most every half second (progress.ts). */
    progress?: ProgressSink;
  },
): Promise<ImportOutcome & { importId: number }> {
  const errors = new ProblemList('处错误');
  const warnings = new ProblemList('条警告');
  const counts = { inserted: 0, updated: 0, unchanged: 0 };
  let rows = 0;
  const meter = new ProgressMeter(options.progress);
  meter.phase('reading');
  const { checksum, lines } = await fileChecksum(file.path);
  if (options.progress) meter.estimate(await estimateRows(file.path, lines));
  const headerOf = (key: string | null) =>
    key ? (kind.columns.find((c) => c.key === key)?.header ?? key) : null;
  const problem = (
    row: ParsedRow | null,
    key: string | null,
    reason: string,
    value?: string | null,
  ): Problem => ({
    row: row?.rowNumber ?? null,
    column: headerOf(key),
    value: value !== undefined ? value : key && row ? (row.raw[key] ?? null) : null,
    reason,
  });

  const outcome = (): ImportOutcome => ({
    kind: kind.kind,
    fileName: file.name,
    checksum,
    dryRun: options.dryRun,
    rows,
    ...counts,
    errors: errors.report(),
    warnings: warnings.report(),
    errorCount: errors.total,
    warningCount: warnings.total,
  });
  let importId: number | null = null;

  try {
    await ctx.db.transaction().execute(async (trx) => {
      // Two imports of one kind would both insert the same new keys; the second waits its turn.
      if (!(await lockImportKind(trx, kind.kind, options.lockWaitMs ?? IMPORT_LOCK_WAIT_MS))) {
        throw new ConflictError('另一导入正在进行，请稍后再试');
      }
      const session: ImportSession = {
        db: trx,
        ctx,
        actor,
        error: (row, key, reason, value) => errors.add(problem(row, key, reason, value)),
        warning: (row, key, reason, value) => warnings.add(problem(row, key, reason, value)),
        counted: (outcome) => {
          counts[outcome]++;
          meter.wrote();
        },
      };
      const writer = await kind.open(session);
      meter.phase('importing');
      for await (const chunk of sheetRows(ctx, kind, file.path, {
        worker: options.worker,
        mapping: options.mapping,
      })) {
        rows += chunk.read;
        meter.received(chunk.read);
        errors.addAll(chunk.errors);
        warnings.addAll(chunk.warnings);
        for (let i = 0; i < chunk.rows.length; i += ROWS_PER_TURN) {
          await writer.writeBatch(chunk.rows.slice(i, i + ROWS_PER_TURN));
          await nextTurn();
        }
        meter.batchDone(chunk.read);
        if (chunk.last?.headerUsable) {
          meter.phase('committing');
          await writer.finish?.();
        }
      }
      meter.phase('committing');
      if (errors.total > 0 || options.dryRun) throw new Rollback();
      importId = await options.record(trx, outcome());
    });
  } catch (error) {
    await meter.settle();
    if (!(error instanceof Rollback)) {
      if (error instanceof ValidationError) {
        errors.add({ row: null, column: null, value: null, reason: error.message });
      } else if (error instanceof SheetRefusedError) {
        errors.add({ row: error.row, column: null, value: null, reason: error.reason });
      } else if (isUnreadableFile(error)) {
        errors.add({
          row: null,
          column: null,
          value: null,
          reason: '无法读取文件：请上传 .xlsx、.xls 或 .csv 格式的表格',
        });
      } else throw error;
    }
  }
  await meter.settle();
  const result = outcome();
  // A refused or dry run wrote nothing, so its record stands alone.
  importId ??= await options.record(ctx.db, result);
  return { ...result, importId };
}

function isUnreadableFile(error: unknown): boolean {
  if (error instanceof UnreadableSheetError) return true;
  const message = error instanceof Error ? error.message : '';
  return /zip|end of central directory|Invalid|CSV|Quote|corrupt/i.test(message);
}
