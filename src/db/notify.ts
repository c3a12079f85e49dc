import { sql } from 'kysely';
import pg from 'pg';
import { type Db, dialect } from './create-db.ts';

/**
 * Messages between the processes of one deployment, over PostgreSQL's LISTEN/NOTIFY (issue 14: no home-made
 * clustering). SQLite is one process by design, so announcing there is a no-op and nobody listens.
 */

/** Channel names are identifiers: fixed here, never built from input. */
export type Channel = 'tuanwu_pages';

/** Tells every listening process of `channel`; on SQLite nothing to do. */
export async function announce(db: Db, channel: Channel, payload = ''): Promise<void> {
  if (dialect(db) !== 'postgres') return;
  await sql`select pg_notify(${channel}, ${payload})`.execute(db);
}

export interface Listener {
  /** Resolves once the first LISTEN is in place (tests wait for it; the server need not). */
  ready: Promise<void>;
  close(): Promise<void>;
}

export interface ListenOptions {
  /** Heard for each notification. */
  onMessage(payload: string): void;
  /**
   * Heard after a reconnection: notifications sent while the connection was down are lost, so whatever they
   * would have invalidated must be treated as invalidated.
   */
  onReconnect?(): void;
  /** Told of a lost connection (the message only: the URL may hold a password). */
  onError?(message: string): void;
  /** First wait before reconnecting; doubles to maxRetryMs. */
  retryMs?: number;
  maxRetryMs?: number;
}

/**
 * LISTENs on `channel` through a client of its own, outside the pool: a pooled connection is handed to other
 * queries and its LISTEN would be lost with it. A dropped connection (restart, failover, pg_terminate_backend)
 * is reopened, waiting longer after each failure, until close().
 */
export function listen(connectionString: string, channel: Channel, options: ListenOptions): Listener {
  const retryMs = options.retryMs ?? 250;
  const maxRetryMs = options.maxRetryMs ?? 5_000;
  let closed = false;
  let client: pg.Client | null = null;
  let timer: NodeJS.Timeout | null = null;
  let wait = retryMs;
  let connectedOnce = false;
  let resolveReady!: () => void;
  const ready = new Promise<void>((resolve) => {
    resolveReady = resolve;
  });

  const scheduleReconnect = () => {
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = null;
      void open();
    }, wait);
    timer.unref();
    wait = Math.min(maxRetryMs, wait * 2);
  };

  const open = async () => {
    if (closed) return;
    const c = new pg.Client({ connectionString });
    client = c;
    let failed = false;
    const fail = (error?: Error) => {
      if (failed) return;
      failed = true;
      if (client === c) client = null;
      c.removeAllListeners('notification');
      c.end().catch(() => {});
      if (closed) return;
      options.onError?.(error?.message ?? 'connection ended');
      scheduleReconnect();
    };
    c.on('error', fail);
    c.on('end', () => fail());
    c.on('notification', (message) => {
      if (message.channel === channel) options.onMessage(message.payload ?? '');
    });
    try {
      await c.connect();
      await c.query(`listen ${channel}`);
    } catch (error) {
      fail(error as Error);
      return;
    }
    if (closed) {
      await c.end().catch(() => {});
      return;
    }
    wait = retryMs;
    if (connectedOnce) options.onReconnect?.();
    connectedOnce = true;
    resolveReady();
  };

  void open();
  return {
    ready,
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = null;
      const c = client;
      client = null;
      resolveReady();
      if (c) await c.end().catch(() => {});
    },
  };
}
