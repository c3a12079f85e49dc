import type { PostgresPool, PostgresPoolClient } from 'kysely';
import pg from 'pg';
import { isConnectionLost } from './faults.ts';

/**
 * A connection the server ends (restart, failover, idle timeout, pg_terminate_backend) is reported as an
 * 'error' event; without a listener Node ends the process. The pool drops that client and the next query
 * opens a fresh one, so noting it is all there is to do.
 */
function survivePostgresDisconnects(pool: pg.Pool): void {
  const note = (error: Error) => {
    console.error(`数据库连接中断（将自动重连）：${error.message}`);
  };
  pool.on('error', note);
  // A client checked out of the pool has no listener of the pool's own; a drop between queries lands here.
  pool.on('connect', (client) => client.on('error', note));
}

interface Checkout {
  client: pg.PoolClient;
  /** A query on this checkout failed because the connection is gone. */
  lost: boolean;
}

/**
 * The pool Kysely draws from. A query that failed because its connection was ended returns the client to the
 * pool destroyed: Kysely releases clients without saying why, and pg would keep this one until its socket's
 * end arrives, handing it to the next request meanwhile.
 */
export function createPostgresPool(connectionString: string, { readOnly = false } = {}): PostgresPool {
  const pool = new pg.Pool({
    connectionString,
    max: 10,
    ...(readOnly
      ? {
          options: '-c default_transaction_read_only=on',
          allowExitOnIdle: true,
          connectionTimeoutMillis: 2_000,
        }
      : {}),
  });
  survivePostgresDisconnects(pool);
  // One wrapper per pg client, so Kysely (which keys its connections by client) keeps reusing its own.
  const wrappers = new WeakMap<pg.PoolClient, { checkout: Checkout; wrapper: PostgresPoolClient }>();
  return {
    end: () => pool.end(),
    async connect() {
      const client = await pool.connect();
      const known = wrappers.get(client);
      if (known) {
        known.checkout.lost = false;
        return known.wrapper;
      }
      const checkout: Checkout = { client, lost: false };
      const wrapper = {
        query(text: unknown, parameters?: unknown) {
          const result = client.query(text as string, parameters as unknown[]) as unknown;
          if (!(result instanceof Promise)) return result;
          return result.catch((error: unknown) => {
            if (isConnectionLost(error)) checkout.lost = true;
            throw error;
          });
        },
        release(destroy?: boolean) {
          client.release(destroy || checkout.lost);
        },
      } as PostgresPoolClient;
      wrappers.set(client, { checkout, wrapper });
      return wrapper;
    },
  };
}
