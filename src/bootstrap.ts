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
    return { db, cipher, config };
  } catch (error) {
    await db.destroy();
    throw error;
  }
}
