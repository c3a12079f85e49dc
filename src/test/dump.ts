import { createHash } from 'node:crypto';
import type { Database } from '../db/schema.ts';
import type { TestContext } from './db.ts';

export const ALL_TABLES = [
  'regions',
  'orgs',
  'people',
  'users',
  'user_roles',
  'sessions',
  'audit_log',
  'imports',
] as const satisfies ReadonlyArray<keyof Database>;
export type TableName = (typeof ALL_TABLES)[number];

const ORDER: Record<TableName, string[]> = {
  regions: ['id'],
  orgs: ['id'],
  people: ['id'],
  users: ['id'],
  user_roles: ['user_id', 'role'],
  sessions: ['id'],
  audit_log: ['id'],
  imports: ['id'],
};

/** Every row of a table, every column, in key order. */
export async function dumpTable(ctx: TestContext, table: TableName): Promise<Record<string, unknown>[]> {
  // biome-ignore lint/suspicious/noExplicitAny: a dump reads every table the same way
  let q = (ctx.db as any).selectFrom(table).selectAll();
  for (const column of ORDER[table]) q = q.orderBy(column);
  return q.execute();
}

export async function dumpTables(
  ctx: TestContext,
  tables: readonly TableName[] = ALL_TABLES,
): Promise<Record<string, Record<string, unknown>[]>> {
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const t of tables) out[t] = await dumpTable(ctx, t);
  return out;
}

export async function countRows(ctx: TestContext): Promise<Record<TableName, number>> {
  const out = {} as Record<TableName, number>;
  for (const t of ALL_TABLES) {
    const { n } = await ctx.db
      .selectFrom(t)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    out[t] = Number(n);
  }
  return out;
}

/** A digest of the full contents of the tables: equal digests, equal data. */
export async function tablesChecksum(ctx: TestContext, tables: readonly TableName[]): Promise<string> {
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
