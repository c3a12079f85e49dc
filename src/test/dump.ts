import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { TestContext } from './db.ts';

/** Every table of the database as it stands (migrations' own tables included, the import queue not), found by asking it. */
export async function allTables(ctx: TestContext): Promise<string[]> {
  const rows =
    ctx.dialect === 'postgres'
      ? await sql<{ name: string }>`select table_name as name from information_schema.tables
          where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(ctx.db)
      : await sql<{ name: string }>`select name from sqlite_master
          where type = 'table' and name not like 'sqlite_%'`.execute(ctx.db);
  // The import queue's rows are its bookkeeping of uploads (on SQLite they live in a file of their own), not data.
  return rows.rows
    .map((r) => r.name)
    .filter((name) => name !== 'import_jobs')
    .sort();
}

/** Every row of a table, every column, in a stable order. */
export async function dumpTable(ctx: TestContext, table: string): Promise<Record<string, unknown>[]> {
  const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(ctx.db);
  const keyed = rows.map((r) => [typeof r.id === 'number' ? r.id : JSON.stringify(r), r] as const);
  keyed.sort(([a], [b]) =>
    typeof a === 'number' && typeof b === 'number'
      ? a - b
      : String(a) < String(b)
        ? -1
        : String(a) > String(b)
          ? 1
          : 0,
  );
  return keyed.map(([, r]) => r);
}

/** Full dumps of the named tables, or of every table when none are named. */
export async function dumpTables(
  ctx: TestContext,
  tables?: readonly string[],
): Promise<Record<string, Record<string, unknown>[]>> {
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const t of tables ?? (await allTables(ctx))) out[t] = await dumpTable(ctx, t);
  return out;
}

/** Row counts of every table. */
export async function countRows(ctx: TestContext): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of await allTables(ctx)) {
    const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(t)}`.execute(
      ctx.db,
    );
    out[t] = Number(rows[0]!.n);
  }
  return out;
}

/** A digest of the full contents of the tables: equal digests, equal data. */
export async function tablesChecksum(ctx: TestContext, tables: readonly string[]): Promise<string> {
  return createHash('sha256')
    .update(JSON.stringify(await dumpTables(ctx, tables)))
    .digest('hex');
}

/** A multipart/form-data body with one file field, built by hand for app.inject. */
export function multipartFile(
  fileName: string,
  content: Buffer,
  field = 'file',
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----tuanwu${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\n` +
        'Content-Type: application/octet-stream\r\n\r\n',
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
