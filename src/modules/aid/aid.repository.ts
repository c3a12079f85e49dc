import { sql } from 'kysely';
import type { Db } from '../../db/create-db.ts';

/**
 * Each county committee's balance per programme over its subtree: donations received anywhere in it minus
 * grants paid anywhere in it (DOMAIN.md "Services").
 */
export async function findNegativeProgramBalances(db: Db, scopePath: string) {
  const rows = await sql<{ code: string; name: string; program: string; balance: number }>`
    select o.code, o.name, t.program, sum(t.amount) as balance
    from orgs o
    join (
      select org_path, program, amount_fen as amount from donations
      union all
      select org_path, program, -amount_fen as amount from grants
    ) t on t.org_path like o.path || '%'
    where o.level = 'county' and o.path like ${`${scopePath}%`}
    group by o.code, o.name, t.program
    having sum(t.amount) < 0`.execute(db);
  return rows.rows.map((r) => ({ ...r, balance: Number(r.balance) }));
}
