import type { Insertable } from 'kysely';
import type { Db } from '../../db/create-db.ts';
import type { FundTable } from '../../db/ledger-schema.ts';
import { type ReportScope, sources } from '../reports/report-sources.ts';

/** Funds received in the period: the rows behind fund.total (and fund.mental_health by programme). */
export function findFunds(db: Db, s: ReportScope, program?: string) {
  return sources
    .funds(db, s, program)
    .innerJoin('orgs', 'orgs.id', 'funds.org_id')
    .select([
      'funds.id',
      'funds.code',
      'funds.program',
      'funds.source',
      'funds.amount_fen',
      'funds.received_on',
      'funds.purpose',
      'orgs.code as org_code',
      'orgs.name as org_name',
    ])
    .orderBy('funds.received_on')
    .orderBy('funds.id');
}

export async function insertFund(db: Db, row: Insertable<FundTable>): Promise<number> {
  return (await db.insertInto('funds').values(row).returning('id').executeTakeFirstOrThrow()).id;
}
