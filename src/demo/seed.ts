import type { AppContext } from '../context.ts';

/** Loads the demo city into an empty database; prints the demo logins. */
export async function seedDemoIfEmpty(_ctx: AppContext, _log: (line: string) => void): Promise<void> {}
