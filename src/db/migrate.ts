import { type Migration, type MigrationProvider, Migrator } from 'kysely';
import type { Db } from './create-db.ts';
import * as foundation from './migrations/20261128000100_foundation.ts';
import * as ledgers from './migrations/20261128000200_ledgers.ts';

/** Listed here rather than read from the folder, so the same code runs under tsx, a bundle or tests. */
const MIGRATIONS: Record<string, Migration> = {
  '20261128000100_foundation': foundation,
  '20261128000200_ledgers': ledgers,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

export async function migrateToLatest(db: Db): Promise<string[]> {
  // Modules land their migrations independently; one written earlier may reach a database after a later one.
  const migrator = new Migrator({ db, provider, allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
