import { ConflictError } from '../lib/errors.ts';

/** Whether a database error is a unique index refusing a duplicate (PostgreSQL 23505, SQLite's constraint). */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * A write whose duplicate the unique index refuses answers with the domain's own clash message: a check
 * before the insert cannot see a twin committed in between (two people typing one code at once).
 */
export async function refusingDuplicate<T>(write: Promise<T>, message: string): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError(message);
    throw error;
  }
}
