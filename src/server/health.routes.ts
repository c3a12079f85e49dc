import SQLite from 'better-sqlite3';
import type { FastifyPluginAsync } from 'fastify';
import { sql } from 'kysely';
import type { AppContext } from '../context.ts';

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

export function healthRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    const probe = sqliteProbe(ctx);
    if (probe) app.addHook('onClose', async () => probe.close());
    app.get(
      '/health',
      { config: { permission: 'public' }, schema: { tags: ['system'], summary: '健康检查' } },
      async (_request, reply) => {
        try {
          if (probe) probe.check();
          else await sql`select 1`.execute(ctx.db);
          return { status: 'ok' };
        } catch {
          return reply.status(503).send({ error: { code: 'DB_UNAVAILABLE', message: '数据库无法访问' } });
        }
      },
    );
  };
}
