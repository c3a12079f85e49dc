import { type Config, loadConfig } from './config.ts';
import type { AppContext } from './context.ts';
import { createDb } from './db/create-db.ts';
import { migrateToLatest } from './db/migrate.ts';
import { createPersonalDataCipher } from './lib/crypto.ts';

/** Opens the configured database, brings its schema up to date, and builds the services' context. */
export async function openContext(config: Config = loadConfig()): Promise<AppContext> {
  const db = createDb(config.databaseUrl);
  await migrateToLatest(db);
  return { db, cipher: createPersonalDataCipher(config.secret), config };
}
