import { type Config, loadConfig } from './config.ts';
import type { AppContext } from './context.ts';
import { createDb } from './db/create-db.ts';
import { openDataKey } from './db/key-check.ts';
import { migrateToLatest } from './db/migrate.ts';

/**
 * Opens the configured database, brings its schema up to date, makes sure the data key opens it, and builds
 * the services' context. `onMigrated` hears which migrations this start applied.
 */
export async function openContext(
  config: Config = loadConfig(),
  onMigrated?: (applied: string[]) => void,
): Promise<AppContext> {
  const db = createDb(config.databaseUrl);
  try {
    const applied = await migrateToLatest(db);
    onMigrated?.(applied);
    const cipher = await openDataKey(db, config);
    // The standby follows the primary's schema by replication: nothing to migrate there.
    const readDb = config.readDatabaseUrl ? createDb(config.readDatabaseUrl, { readOnly: true }) : undefined;
    return { db, cipher, config, ...(readDb ? { readDb } : {}) };
  } catch (error) {
    await db.destroy();
    throw error;
  }
}

/** Closes what openContext opened: the database, and the standby's pool when there is one. */
export async function closeContext(ctx: AppContext): Promise<void> {
  await Promise.all([ctx.db.destroy(), ctx.readDb?.destroy()]);
}
