import type { AppContext } from '../../context.ts';
import { dialect } from '../../db/create-db.ts';
import { announce, type Listener, listen } from '../../db/notify.ts';

interface Entry {
  /** Encoded once: a reader's request then costs no UTF-8 encoding of a 20 KB page. */
  body: Buffer;
  type: string;
}

/**
 * Rendered public pages, kept in memory per process. Emptied when anything a page shows changes
 * (publish, withdraw, edit of a published piece, settings, channels, columns) and when the next scheduled
 * piece falls due, so a reader never waits for an expiry to see news. Several processes on PostgreSQL each
 * hold their own copy, and a change in one is announced to the others (LISTEN/NOTIFY, listenForPageChanges),
 * which empty theirs within milliseconds; MAX_AGE_MS bounds what a lost notification could leave stale.
 */
const MAX_AGE_MS = 60_000;
const MAX_ENTRIES = 2_000;

class PageCache {
  private entries = new Map<string, Entry>();
  /** ISO instant at which the cache empties itself (the next scheduled piece, or MAX_AGE_MS). */
  private validUntil: string | null = null;

  get(key: string, now: string): Entry | undefined {
    if (this.validUntil && now >= this.validUntil) this.clear();
    return this.entries.get(key);
  }

  set(key: string, entry: Entry, now: string, nextScheduled: string | null): void {
    if (this.entries.size >= MAX_ENTRIES) this.clear();
    if (this.entries.size === 0) {
      const maxAge = new Date(Date.parse(now) + MAX_AGE_MS).toISOString();
      this.validUntil = nextScheduled && nextScheduled < maxAge ? nextScheduled : maxAge;
    }
    this.entries.set(key, entry);
  }

  clear(): void {
    this.entries.clear();
    this.validUntil = null;
  }
}

const caches = new WeakMap<AppContext, PageCache>();

export function pageCache(ctx: AppContext): PageCache {
  let cache = caches.get(ctx);
  if (!cache) {
    cache = new PageCache();
    caches.set(ctx, cache);
  }
  return cache;
}

const PAGES: 'tuanwu_pages' = 'tuanwu_pages';

/**
 * Empties this process's pages and tells every other process to empty theirs. Called after the change is
 * committed: a reader in between would otherwise cache the old page again. A failed announcement does not
 * undo the committed change; the others catch up on reconnecting, or at MAX_AGE_MS.
 */
export async function invalidatePages(ctx: AppContext): Promise<void> {
  caches.get(ctx)?.clear();
  try {
    await announce(ctx.db, PAGES);
  } catch (error) {
    console.error(`网页缓存失效通知未能发出：${(error as Error).message}`);
  }
}

/**
 * Empties this process's pages whenever another process announces a change (PostgreSQL), and after a lost
 * connection to the database comes back, since announcements made meanwhile were missed. Null on SQLite.
 */
export function listenForPageChanges(
  ctx: AppContext,
  log: { warn(message: string): void } = { warn: (m) => console.error(m) },
): Listener | null {
  if (dialect(ctx.db) !== 'postgres') return null;
  const clear = () => caches.get(ctx)?.clear();
  return listen(ctx.config.databaseUrl, PAGES, {
    onMessage: clear,
    onReconnect: clear,
    onError: (message) => log.warn(`网页缓存通知连接中断（将自动重连）：${message}`),
  });
}
