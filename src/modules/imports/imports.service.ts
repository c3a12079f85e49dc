import type { AppContext } from '../../context.ts';
import { createDb, dialect, nowIso } from '../../db/create-db.ts';
import { DomainError, ImportRefusedError } from '../../lib/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, assertCan, can } from '../auth/auth.policy.ts';
import { type ImportOutcome, type ImportRecorder, runImport } from './engine.ts';
import { HEADER_SYNONYMS, type HeaderMapping } from './header-mapping.ts';
import type { ImportQueue } from './import-queue.ts';
import { findImportRecords, insertImportRecord } from './imports.repository.ts';
import { importableKinds, importKindOf } from './kinds.ts';
import type { ProgressSink } from './progress.ts';

export function listImportKinds(actor: Actor) {
  return {
    items: importableKinds(actor).map((k) => ({
      kind: k.kind,
      label: k.label,
      columns: k.columns.map((c) => ({
        header: c.header,
        key: c.key,
        required: c.required,
        naturalKey: c.naturalKey ?? false,
        format: c.format,
        folds: c.folds ?? [],
        synonyms: [...(c.formerHeaders ?? []), ...(HEADER_SYNONYMS[c.header] ?? [])],
      })),
    })),
  };
}

/** The template users download: the header row and one example row, every cell formatted as text. */
export async function importTemplate(
  actor: Actor,
  kind: string,
): Promise<{ fileName: string; content: Buffer }> {
  const found = importKindOf(actor, kind);
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(found.label);
  sheet.columns = found.columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: Math.max(12, c.header.length * 2 + 4),
    style: { numFmt: '@' },
  }));
  sheet.addRow(Object.fromEntries(found.columns.map((c) => [c.key, c.example])));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  found.columns.forEach((c, i) => {
    header.getCell(i + 1).note = `${c.required ? '必填' : '选填'}：${c.format}`;
  });
  return { fileName: `${found.label}导入模板.xlsx`, content: Buffer.from(await workbook.xlsx.writeBuffer()) };
}

/** A name is the uploader's to choose: control characters (NUL breaks PostgreSQL) go before it is stored. */
function storableFileName(name: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  return name.replace(/[\u0000-\u001F\u007F-\u009F]/g, '') || '未命名文件';
}

export interface ImportSummary extends Omit<ImportOutcome, 'errors'> {
  importId: number;
}

/**
 * Imports a file for the actor; every attempt, refused ones included, is recorded and audited
 * (who, when, kind, file name, checksum, rows inserted / updated).
 */
export async function importFile(
  ctx: AppContext,
  actor: Actor,
  kind: string,
  file: { path: string; name: string },
  options: {
    dryRun: boolean;
    worker?: boolean;
    lockWaitMs?: number;
    mapping?: HeaderMapping;
    progress?: ProgressSink;
  },
): Promise<ImportSummary> {
  const found = importKindOf(actor, kind);
  file = { ...file, name: storableFileName(file.name) };
  const record: ImportRecorder = async (db, outcome) => {
    const refused = outcome.errorCount > 0;
    const status = refused ? 'refused' : options.dryRun ? 'checked' : 'imported';
    const importId = await insertImportRecord(db, {
      kind,
      file_name: file.name,
      checksum: outcome.checksum,
      user_id: actor.userId > 0 ? actor.userId : null,
      username: actor.username,
      org_path: actor.orgPath,
      dry_run: options.dryRun ? 1 : 0,
      status,
      rows: outcome.rows,
      inserted: refused ? 0 : outcome.inserted,
      updated: refused ? 0 : outcome.updated,
      unchanged: refused ? 0 : outcome.unchanged,
      error_count: outcome.errorCount,
      warning_count: outcome.warningCount,
      created_at: nowIso(),
    });
    await recordAudit(db, actor, {
      action: 'import',
      entity: kind,
      entityId: importId,
      org: actor.orgId > 0 ? { path: actor.orgPath, code: actor.orgCode } : null,
      summary: importAuditSummary(found.label, file.name, outcome, options.dryRun),
      detail: { checksum: outcome.checksum, dryRun: options.dryRun },
    });
    return importId;
  };
  const outcome = await runImport(ctx, actor, found, file, { ...options, record });
  const refused = outcome.errorCount > 0;
  if (refused) throw new ImportRefusedError(outcome.errors, outcome.warnings, outcome.errorCount);
  const { errors: _errors, ...rest } = outcome;
  return rest;
}

/**
 * The audit line of one attempt (issue 17 item 13): a dry run is a 试导入 that passed or did not, with the counts
 * it would have written; a refused import wrote nothing and says so; a finished one says what it wrote.
 */
export function importAuditSummary(
  kindLabel: string,
  fileName: string,
  outcome: Pick<ImportOutcome, 'rows' | 'inserted' | 'updated' | 'errorCount' | 'warningCount'>,
  dryRun: boolean,
): string {
  const tail = `错误 ${outcome.errorCount}，警告 ${outcome.warningCount}`;
  if (dryRun) {
    const result = outcome.errorCount > 0 ? '检查未通过' : '检查通过';
    return `试导入${kindLabel}「${fileName}」${result}（未写入）：${outcome.rows} 行，可新增 ${outcome.inserted}，可更新 ${outcome.updated}，${tail}`;
  }
  if (outcome.errorCount > 0)
    return `导入${kindLabel}「${fileName}」被拒绝（未写入）：${outcome.rows} 行，${tail}`;
  return `导入${kindLabel}「${fileName}」完成：${outcome.rows} 行，新增 ${outcome.inserted}，更新 ${outcome.updated}，${tail}`;
}

/**
 * An upload through the import queue (issue 12 finding 4): queued first (409 while another of the user's is
 * queued or running, before any of the body is read), then `receive` reads and spools the file, the job waits
 * for its turn in this process, runs, and ends with its outcome. The answer is the import's, as without a queue.
 */
export async function importUpload(
  ctx: AppContext,
  queue: ImportQueue,
  actor: Actor,
  kind: string,
  receive: () => Promise<{ path: string; name: string; mapping?: HeaderMapping }>,
  options: { dryRun: boolean; signal?: AbortSignal },
): Promise<ImportSummary> {
  // Refused (403) before the job is queued or a byte of the body read: a refusal leaves nothing behind.
  importKindOf(actor, kind);
  const jobId = await queue.enqueue(actor, kind, options.dryRun);
  let claimed = false;
  try {
    const file = await receive();
    await queue.nameFile(jobId, storableFileName(file.name));
    await queue.start(jobId, options.signal);
    claimed = true;
    // On the job row, where the page polling it finds it through whichever process it asks.
    const progress: ProgressSink = (p) => queue.progress(jobId, p);
    const summary = await onImportConnection(ctx, (importCtx) =>
      importFile(importCtx, actor, kind, file, {
        dryRun: options.dryRun,
        progress,
        mapping: file.mapping,
      }),
    );
    const verb = summary.dryRun ? '校验通过（未写入）' : '完成';
    await queue.finish(
      jobId,
      {
        state: 'done',
        summary: `${verb}：${summary.rows} 行，新增 ${summary.inserted}，更新 ${summary.updated}`,
        importId: summary.importId,
      },
      claimed,
    );
    return summary;
  } catch (error) {
    const summary =
      error instanceof ImportRefusedError
        ? error.message
        : error instanceof DomainError
          ? `未导入：${error.message}`
          : '未导入：服务器出错';
    await queue.finish(
      jobId,
      { state: error instanceof ImportRefusedError ? 'done' : 'failed', summary },
      claimed,
    );
    throw error;
  }
}

/**
 * On a SQLite file an import runs on a connection of its own: its transaction holds that connection from start
 * to end, and on the app's one connection it would hold up every request (sign-in included) meanwhile; beside
 * it, WAL lets the others read, and their writes wait for the import's commit as another process's would.
 */
async function onImportConnection<T>(ctx: AppContext, run: (ctx: AppContext) => Promise<T>): Promise<T> {
  const url = ctx.config.databaseUrl;
  if (dialect(ctx.db) === 'postgres' || !url.startsWith('sqlite:') || url === 'sqlite::memory:')
    return run(ctx);
  const db = createDb(url);
  try {
    return await run({ ...ctx, db });
  } finally {
    await db.destroy();
  }
}

export async function listImports(
  ctx: AppContext,
  queue: ImportQueue,
  actor: Actor,
  page: number,
  pageSize: number,
) {
  assertCan(actor, 'import.run');
  const { items, total } = await findImportRecords(ctx.db, actor.scopePath, pageSize, (page - 1) * pageSize);
  // Everyone sees his own recent imports; an administrator (who manages the accounts) those of his whole reach.
  const { jobs, recent } = await queue.visible(actor.scopePath, actor.userId, can(actor, 'user.manage'));
  return {
    jobs,
    recent,
    total,
    page,
    pageSize,
    items: items.map((r) => ({
      id: r.id,
      kind: r.kind,
      fileName: r.file_name,
      checksum: r.checksum,
      dryRun: r.dry_run === 1,
      status: r.status,
      rows: r.rows,
      inserted: r.inserted,
      updated: r.updated,
      unchanged: r.unchanged,
      errorCount: r.error_count,
      warningCount: r.warning_count,
      username: r.username,
      createdAt: r.created_at,
    })),
  };
}
