import type { AppContext } from '../context.ts';
import { listenForPageChanges } from '../modules/newsroom/page-cache.ts';
import { JOBS } from '../modules/scheduler/scheduler.jobs.ts';
import { Scheduler } from '../modules/scheduler/scheduler.service.ts';
import { buildApp } from './app.ts';
import type { Lifecycle } from './health.routes.ts';
import { exitOnUncaughtError, flushLog, logDestination } from './logging.ts';

/**
 * Serves until SIGINT/SIGTERM, then drains: /api/ready answers 503, the listening socket closes, requests in
 * flight finish (an import's transaction runs within its request, so it commits or rolls back whole), the
 * scheduled job under way finishes, the listener and the pool close, the log's buffer is written, and the process
 * exits 0. A second signal ends it at once (the handlers are `once`).
 */
export async function serve(ctx: AppContext): Promise<void> {
  const lifecycle: Lifecycle = { draining: false };
  const log = logDestination();
  const app = await buildApp({
    ctx,
    logger: { stream: log },
    loginRateLimit: ctx.config.loginRateLimit,
    lifecycle,
  });
  exitOnUncaughtError(app.log, log);
  // Another process's publish empties this one's pages (PostgreSQL; null on SQLite).
  const pageChanges = listenForPageChanges(ctx, app.log);
  // The only timers of the server; each due job runs in one process of the deployment.
  const scheduler = new Scheduler(ctx, JOBS, { tickMs: ctx.config.schedulerTickMs ?? 30_000, log: app.log });
  await scheduler.start();
  await app.listen({ port: ctx.config.port, host: ctx.config.host });
  const shutdown = async (signal: string) => {
    lifecycle.draining = true;
    app.log.info({ signal }, '正在停止：不再接受新请求，等待进行中的请求完成');
    let code = 0;
    try {
      await Promise.all([app.close(), scheduler.stop()]);
      await pageChanges?.close();
      await ctx.db.destroy();
      app.log.info({ signal }, '已停止');
    } catch (error) {
      app.log.error({ err: error }, '停止过程中出错');
      code = 1;
    }
    flushLog(log);
    process.exit(code);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}
