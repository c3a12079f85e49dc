import type { AppContext } from '../context.ts';
import { listenForPageChanges } from '../modules/newsroom/page-cache.ts';
import { buildApp } from './app.ts';

/** Serves until SIGINT/SIGTERM, then stops taking requests, lets those in flight finish and closes the database. */
export async function serve(ctx: AppContext): Promise<void> {
  const app = await buildApp({ ctx, logger: true, loginRateLimit: ctx.config.loginRateLimit });
  // Another process's publish empties this one's pages (PostgreSQL; null on SQLite).
  const pageChanges = listenForPageChanges(ctx, app.log);
  await app.listen({ port: ctx.config.port, host: ctx.config.host });
  const shutdown = async (signal: string) => {
    app.log.info(`${signal}: shutting down`);
    await app.close();
    await pageChanges?.close();
    await ctx.db.destroy();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}
