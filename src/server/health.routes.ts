import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { Type } from 'typebox';
import type { AppContext } from '../context.ts';
import { pendingMigrations } from '../db/migrate.ts';

/** What the process tells its load balancer: set while it drains on SIGTERM (server/main.ts). */
export interface Lifecycle {
  draining: boolean;
}

/**
 * On SQLite the app's one connection is held for the whole of an import's transaction; health asks through a
 * read-only connection of its own (WAL lets it read beside the writer), so it answers while an import runs.
 */
function sqliteProbe(ctx: AppContext): { check(): void; close(): void } | null {
  const url = ctx.config.databaseUrl;
  if (!url.startsWith('sqlite:') || url === 'sqlite::memory:') return null;
  let connection: SQLite.Database | null = null;
  return {
    check() {
      connection ??= new SQLite(url.slice('sqlite:'.length), { readonly: true, fileMustExist: true });
      connection.prepare('select 1').get();
    },
    close() {
      connection?.close();
      connection = null;
    },
  };
}

const Problem = Type.Object({
  error: Type.Object({
    code: Type.String({ description: 'DB_UNAVAILABLE、MIGRATIONS_PENDING 或 DRAINING' }),
    message: Type.String(),
  }),
});

function problem(code: string, message: string) {
  return { error: { code, message } };
}

/**
 * Liveness (/api/health: the process answers and reaches its database; restart it when not) and readiness
 * (/api/ready: send it traffic; not before its migrations are done, nor once it drains on SIGTERM). Both are
 * public and answer nothing about the data.
 */
export function healthRoutes(ctx: AppContext, lifecycle: Lifecycle): FastifyPluginAsyncTypebox {
  return async (app) => {
    const probe = sqliteProbe(ctx);
    if (probe) app.addHook('onClose', async () => probe.close());
    const databaseAnswers = async () => {
      try {
        if (probe) probe.check();
        else await sql`select 1`.execute(ctx.db);
        return true;
      } catch {
        return false;
      }
    };
    // Once every migration of this build has run, it stays so (a newer build only adds its own).
    let migrated = false;

    app.get(
      '/health',
      {
        config: { permission: 'public' },
        schema: {
          tags: ['system'],
          summary: '存活检查',
          response: { 200: Type.Object({ status: Type.Literal('ok') }), 503: Problem },
        },
      },
      async (_request, reply) => {
        if (await databaseAnswers()) return { status: 'ok' as const };
        return reply.status(503).send(problem('DB_UNAVAILABLE', '数据库无法访问'));
      },
    );

    app.get(
      '/ready',
      {
        config: { permission: 'public' },
        schema: {
          tags: ['system'],
          summary: '就绪检查（是否可以接收请求）',
          response: { 200: Type.Object({ status: Type.Literal('ready') }), 503: Problem },
        },
      },
      async (_request, reply) => {
        if (lifecycle.draining) return reply.status(503).send(problem('DRAINING', '服务正在停止'));
        if (!(await databaseAnswers()))
          return reply.status(503).send(problem('DB_UNAVAILABLE', '数据库无法访问'));
        if (!migrated) {
          try {
            migrated = (await pendingMigrations(ctx.db)) === 0;
          } catch {
            return reply.status(503).send(problem('DB_UNAVAILABLE', '数据库无法访问'));
          }
          if (!migrated)
            return reply.status(503).send(problem('MIGRATIONS_PENDING', '数据库结构尚未升级完成'));
        }
        return { status: 'ready' as const };
      },
    );
  };
}
