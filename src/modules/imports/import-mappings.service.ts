import type { AppContext } from '../../context.ts';
import { nowIso } from '../../db/create-db.ts';
import { NotFoundError, ValidationError } from '../../lib/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, findInReach, reaches, seesFromBelow } from '../auth/auth.policy.ts';
import { type HeaderMapping, headerKey, isNamed } from './header-mapping.ts';
import {
  deleteImportMapping,
  findImportMapping,
  findImportMappingAt,
  findImportMappings,
  insertImportMapping,
  updateImportMapping,
} from './import-mappings.repository.ts';
import { importKindOf } from './kinds.ts';
import { parseMapping } from './mapping-file.ts';

const MAX_NAME = 40;

/** A file's headers as a saved mapping remembers them: folded, blanks dropped, sorted (order does not matter). */
export function headerKeysOf(headers: readonly string[]): string[] {
  return [...new Set(headers.map(headerKey).filter((k) => k !== ''))].sort();
}

export interface SavedMapping {
  id: number;
  kind: string;
  name: string;
  orgCode: string;
  /** Saved by the caller's own organisation (it may change or delete it); else by one above or below. */
  own: boolean;
  mapping: HeaderMapping;
  headers: string[];
  updatedBy: string | null;
  updatedAt: string;
}

type Row = Awaited<ReturnType<typeof findImportMappings>>[number];

function toSaved(actor: Actor, row: Row): SavedMapping {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    orgCode: row.org_code,
    own: row.org_path === actor.orgPath,
    mapping: JSON.parse(row.mapping) as HeaderMapping,
    headers: JSON.parse(row.header_keys) as string[],
    updatedBy: row.updated_by,
    updatedAt: row.updated_at,
  };
}

/** Saved by the caller's organisation, by one above it (its subtree uses them) or by one below (he reaches it). */
export async function listImportMappings(
  ctx: AppContext,
  actor: Actor,
  kind: string,
): Promise<SavedMapping[]> {
  importKindOf(actor, kind);
  const rows = await findImportMappings(ctx.db, kind);
  return rows.filter((r) => seesFromBelow(actor, r.org_path)).map((r) => toSaved(actor, r));
}

/** Nearest first: one's own organisation's, then those above, closest first, then those below. */
function nearest(actor: Actor, found: SavedMapping[], rows: Row[]): SavedMapping[] {
  const pathOf = new Map(rows.map((r) => [r.id, r.org_path]));
  const rank = (m: SavedMapping) => {
    const path = pathOf.get(m.id) ?? '';
    if (path === actor.orgPath) return [0, 0];
    if (actor.orgPath.startsWith(path)) return [1, -path.length];
    return [2, path.length];
  };
  return [...found].sort((a, b) => {
    const [x, y] = [rank(a), rank(b)];
    return x[0]! - y[0]! || x[1]! - y[1]!;
  });
}

/**
 * The saved mapping `--map <name>` names: the nearest of that name. Two at the same distance (two counties'
 * of one name, seen from the province or the command line) are refused, naming their organisations.
 */
export async function findImportMappingByName(
  ctx: AppContext,
  actor: Actor,
  kind: string,
  name: string,
): Promise<SavedMapping> {
  const found = importKindOf(actor, kind);
  const rows = (await findImportMappings(ctx.db, kind)).filter(
    (r) => r.name === name.trim() && seesFromBelow(actor, r.org_path),
  );
  const mappings = nearest(
    actor,
    rows.map((r) => toSaved(actor, r)),
    rows,
  );
  if (mappings.length === 0) {
    throw new NotFoundError(
      `没有名为「${name}」的${found.label}表头对应关系（可在导入页面保存，或用 --map 指定 JSON 文件）`,
    );
  }
  // One's own or one above is one of a kind (one per organisation and name); below, several may share a name.
  const first = rows.find((r) => r.id === mappings[0]!.id)!;
  const below = first.org_path !== actor.orgPath && !actor.orgPath.startsWith(first.org_path);
  if (below && mappings.length > 1) {
    throw new ValidationError(
      `有 ${mappings.length} 个名为「${name}」的对应关系（组织编码 ${mappings.map((m) => m.orgCode).join('、')}），请改用 JSON 文件，或由该组织的账号导入`,
    );
  }
  return mappings[0]!;
}

/** The saved mapping a file with these headers reuses by itself: the nearest saved from the same headers. */
export async function matchImportMapping(
  ctx: AppContext,
  actor: Actor,
  kind: string,
  headers: readonly string[],
): Promise<SavedMapping | null> {
  const keys = JSON.stringify(headerKeysOf(headers));
  const rows = (await findImportMappings(ctx.db, kind)).filter(
    (r) => r.header_keys === keys && seesFromBelow(actor, r.org_path),
  );
  return (
    nearest(
      actor,
      rows.map((r) => toSaved(actor, r)),
      rows,
    )[0] ?? null
  );
}

/**
 * Saves (or replaces) a named mapping for the caller's organisation: every target must be a column of the kind,
 * and no column may be named twice. Audited.
 */
export async function saveImportMapping(
  ctx: AppContext,
  actor: Actor,
  kind: string,
  input: { name: string; mapping: unknown; headers: string[] },
): Promise<SavedMapping> {
  const found = importKindOf(actor, kind);
  const name = input.name.trim();
  if (name === '' || name.length > MAX_NAME)
    throw ValidationError.field('name', input.name, `名称不能为空，且不超过 ${MAX_NAME} 个字`);
  const mapping = parseMapping(input.mapping);
  const byColumn = new Map<string, string>();
  for (const [from, to] of Object.entries(mapping)) {
    if (to == null) continue;
    const column = found.columns.find((c) => isNamed(c, headerKey(to)) || c.key === to);
    if (!column)
      throw ValidationError.field(
        'mapping',
        to,
        `「${from}」对应到「${to}」，但${found.label}没有这一列；可选的列：${found.columns.map((c) => c.header).join('、')}`,
      );
    const earlier = byColumn.get(column.header);
    if (earlier != null)
      throw ValidationError.field(
        'mapping',
        from,
        `「${earlier}」和「${from}」都对应到「${column.header}」，一列只能对应一个表头`,
      );
    byColumn.set(column.header, from);
  }
  const headers = headerKeysOf(input.headers.length > 0 ? input.headers : Object.keys(mapping));
  const now = nowIso();
  return ctx.db.transaction().execute(async (trx) => {
    const existing = await findImportMappingAt(trx, kind, actor.orgPath, name);
    const row = {
      mapping: JSON.stringify(mapping),
      header_keys: JSON.stringify(headers),
      updated_by: actor.username,
      updated_at: now,
    };
    let id: number;
    if (existing) {
      id = existing.id;
      await updateImportMapping(trx, id, row);
    } else {
      id = await insertImportMapping(trx, {
        ...row,
        kind,
        name,
        org_path: actor.orgPath,
        org_code: actor.orgCode,
        created_at: now,
      });
    }
    const pairs = Object.entries(mapping)
      .map(([from, to]) => `${from}→${to ?? '不导入'}`)
      .join('，');
    await recordAudit(trx, actor, {
      action: existing ? 'update' : 'create',
      entity: 'import_mapping',
      entityId: id,
      org: actor.orgId > 0 ? { path: actor.orgPath, code: actor.orgCode } : null,
      summary: `${existing ? '修改' : '保存'}${found.label}表头对应关系「${name}」：${pairs}`,
    });
    return toSaved(actor, (await findImportMapping(trx, id))!);
  });
}

/** Deletes one of the caller's reach (one saved above him is not his to delete: 404 as if missing). Audited. */
export async function removeImportMapping(
  ctx: AppContext,
  actor: Actor,
  kind: string,
  id: number,
): Promise<void> {
  const found = importKindOf(actor, kind);
  const row = await findInReach(
    actor,
    findImportMapping(ctx.db, id),
    (r) => r.kind === kind && reaches(actor, r.org_path),
    '没有这个表头对应关系',
  );
  await ctx.db.transaction().execute(async (trx) => {
    await deleteImportMapping(trx, id);
    await recordAudit(trx, actor, {
      action: 'revoke',
      entity: 'import_mapping',
      entityId: id,
      org: actor.orgId > 0 ? { path: row.org_path, code: row.org_code } : null,
      summary: `删除${found.label}表头对应关系「${row.name}」`,
    });
  });
}
