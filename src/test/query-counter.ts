import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult } from 'kysely';
import type { Db } from '../db/create-db.ts';

/**
 * The database with every statement counted: one count per round trip to the server (or per call into
 * SQLite), whether Kysely built the query or it was compiled once and run raw. Transactions opened on the
 * returned handle are counted too; their begin and commit are not.
 */
export function countingQueries(db: Db): { db: Db; count(): number; reset(): void } {
  let count = 0;
  const plugin: KyselyPlugin = {
    transformQuery: (args: PluginTransformQueryArgs) => args.node,
    transformResult: async (args: PluginTransformResultArgs): Promise<QueryResult<never>> => {
      count++;
      return args.result as QueryResult<never>;
    },
  };
  return {
    db: db.withPlugin(plugin),
    count: () => count,
    reset: () => {
      count = 0;
    },
  };
}
