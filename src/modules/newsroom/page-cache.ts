import type { AppContext } from '../../context.ts';

interface Entry {
  /** Encoded once: a reader's request then costs no UTF-8 encoding of a 20 KB page. */
  body: Buffer;
  type: string;
}

/**
 * Rendered public pages, kept in memory per process. Emptied when anything a page shows changes
 * (publish, withdraw, edit of a published piece, settings, channels, columns) and when the next scheduled
 * piece falls due, so a reader never waits for an expiry to see news. Several processes each hold their
 * own copy; an edit in one reaches the others' readers when their next scheduled expiry or restart comes,
 * bounded by MAX_AGE_MS.
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

export function invalidatePages(ctx: AppContext): void {
  caches.get(ctx)?.clear();
}
