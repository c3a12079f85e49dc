import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
type AnyDb = Kysely<any>;

/**
 * Numbers given in the platform (团员编号, ledger codes, receipt numbers) come from a counter row per series,
 * bumped inside the writing transaction (src/db/number-sequences.ts), instead of max + 1 read beside it, which
 * gave two people one 团员编号 on PostgreSQL. A unique index makes that impossible from now on; numbers already
 * given twice are first made unique.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('number_sequences')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('last_value', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('number_sequences_pkey', ['name', 'scope'])
    .execute();
  await renumberDuplicateMemberNos(db);
  await db.schema
    .createIndex('admissions_member_no_key')
    .on('admissions')
    .column('member_no')
    .unique()
    .execute();
  // Checking that a number is free looks people up by it.
  await db.schema.createIndex('people_member_no').on('people').column('member_no').execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('people_member_no').execute();
  await db.schema.dropIndex('admissions_member_no_key').execute();
  await db.schema.dropTable('number_sequences').execute();
}

const yearOf = (memberNo: string) => memberNo.slice(0, 4);

/** The highest serial of a year's 团员编号 among people and admissions. */
async function highestSerial(db: AnyDb, year: string): Promise<number> {
  let highest = 0;
  for (const table of ['people', 'admissions']) {
    const rows = await db
      .selectFrom(table)
      .select('member_no')
      .where('member_no', 'like', `${year}%`)
      .execute();
    for (const { member_no: n } of rows)
      if (/^\d{12}$/.test(n)) highest = Math.max(highest, Number(n.slice(4)));
  }
  return highest;
}

/**
 * Every 团员编号 given to more than one admission: the earliest approval keeps it, each later one gets the next
 * free number of its year, and its person follows. Each change is written to the audit log.
 */
export async function renumberDuplicateMemberNos(db: AnyDb): Promise<void> {
  const doubled = db
    .selectFrom('admissions')
    .select('member_no')
    .where('member_no', 'is not', null)
    .groupBy('member_no')
    .having((eb) => eb.fn.countAll(), '>', 1);
  const rows = await db
    .selectFrom('admissions')
    .innerJoin('orgs', 'orgs.id', 'admissions.org_id')
    .select([
      'admissions.id',
      'admissions.person_id',
      'admissions.member_no',
      'admissions.org_path',
      'orgs.code as org_code',
    ])
    .where('admissions.member_no', 'in', doubled)
    .orderBy('admissions.member_no')
    .orderBy('admissions.approved_on')
    .orderBy('admissions.id')
    .execute();
  const highest = new Map<string, number>();
  const at = new Date().toISOString();
  let previous: string | null = null;
  for (const a of rows) {
    const old = a.member_no as string;
    const keeps = old !== previous;
    previous = old;
    if (keeps) continue;
    const year = yearOf(old);
    const serial = (highest.get(year) ?? (await highestSerial(db, year))) + 1;
    highest.set(year, serial);
    const renewed = `${year}${String(serial).padStart(8, '0')}`;
    await db
      .updateTable('admissions')
      .set({ member_no: renewed, updated_at: at })
      .where('id', '=', a.id)
      .execute();
    await db
      .updateTable('people')
      .set({ member_no: renewed, updated_at: at })
      .where('id', '=', a.person_id)
      .where('member_no', '=', old)
      .execute();
    await db
      .insertInto('audit_log')
      .values({
        at,
        user_id: null,
        username: null,
        action: 'update',
        entity: 'admission',
        entity_id: String(a.id),
        org_path: a.org_path,
        org_code: a.org_code,
        summary: `团员编号 ${old} 重复，改为 ${renewed}（数据库升级）`,
        detail: null,
        ip: null,
      })
      .execute();
  }
}
