import ExcelJS from 'exceljs';
import type { AppContext } from '../../context.ts';
import { nowIso } from '../../db/create-db.ts';
import { ImportRefusedError, NotFoundError } from '../../lib/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, assertCan } from '../auth/auth.policy.ts';
import { type ImportOutcome, type ImportRecorder, runImport } from './engine.ts';
import { findImportRecords, insertImportRecord } from './imports.repository.ts';
import { findImportKind, IMPORT_KINDS } from './kinds.ts';

function requireKind(kind: string) {
  const found = findImportKind(kind);
  if (!found) {
    throw new NotFoundError(`未知的导入类型「${kind}」，可选：${IMPORT_KINDS.map((k) => k.kind).join('、')}`);
  }
  return found;
}

export function listImportKinds() {
  return {
    items: IMPORT_KINDS.map((k) => ({
      kind: k.kind,
      label: k.label,
      columns: k.columns.map((c) => ({
        header: c.header,
        key: c.key,
        required: c.required,
        naturalKey: c.naturalKey ?? false,
        format: c.format,
      })),
    })),
  };
}

/** The template users download: the header row and one example row, every cell formatted as text. */
export async function importTemplate(kind: string): Promise<{ fileName: string; content: Buffer }> {
  const found = requireKind(kind);
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
  options: { dryRun: boolean; worker?: boolean; lockWaitMs?: number },
): Promise<ImportSummary> {
  assertCan(actor, 'import.run');
  const found = requireKind(kind);
  // A name is the uploader's to choose: control characters (NUL breaks PostgreSQL) go before it is stored.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  file = { ...file, name: file.name.replace(/[\u0000-\u001F\u007F-\u009F]/g, '') || '未命名文件' };
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
    const verb = refused ? '被拒绝' : options.dryRun ? '校验通过（未写入）' : '完成';
    await recordAudit(db, actor, {
      action: 'import',
      entity: kind,
      entityId: importId,
      org: actor.orgId > 0 ? { path: actor.orgPath, code: actor.orgCode } : null,
      summary: `导入${found.label}「${file.name}」${verb}：${outcome.rows} 行，新增 ${outcome.inserted}，更新 ${outcome.updated}，错误 ${outcome.errorCount}，警告 ${outcome.warningCount}`,
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

export async function listImports(ctx: AppContext, actor: Actor, page: number, pageSize: number) {
  assertCan(actor, 'import.run');
  const { items, total } = await findImportRecords(ctx.db, actor.scopePath, pageSize, (page - 1) * pageSize);
  return {
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
