import { type Db, dialect } from '../../db/create-db.ts';
import type { AnyQuery, Indicator, Source } from './indicator.ts';
import type { ReportScope } from './report-sources.ts';

export type { ReportScope } from './report-sources.ts';

const n = (value: unknown) => Number(value ?? 0);

/** How many statements carry the PostgreSQL sheet's reads that are not sent alone. */
const TOGETHER = 2;

/**
 * The figures of the given indicators. Indicators over the same source are aggregated in one query (one pass over
 * the volunteer records for 人次, 志愿者 and 时长). On PostgreSQL the sources' one-row aggregates go out joined
 * into three statements side by side, on three connections of the pool: the slowest source alone (Source.alone),
 * the others split in two (`select * from (q0) q0, (q1) q1, …`). Building, sending and reading 30 statements
 * was most of the Node CPU of a county's sheet (11 → 6.6 ms, bench:report's county at load 4); all in one
 * statement halved it too but ran every read one after another in one backend, twice the wall time under load.
 * SQLite's one connection takes the queries in turn, one by one as before. Derived figures (a ratio) come last,
 * from the others.
 */
export async function computeFigures(
  db: Db,
  s: ReportScope,
  indicators: readonly Indicator[],
): Promise<Record<string, number>> {
  const bySource = new Map<Source, Indicator[]>();
  for (const i of indicators) {
    if ('derive' in i.figure) continue;
    bySource.set(i.source, [...(bySource.get(i.source) ?? []), i]);
  }
  const figures: Record<string, number> = {};
  const queries = [...bySource].map(([source, group], j) => ({
    source,
    group,
    prefix: `s${j}_`,
    query: aggregate(source.query(db, s), s, group, `s${j}_`),
  }));
  const statements: (typeof queries)[] = [];
  if (dialect(db) === 'postgres') {
    const together: (typeof queries)[] = Array.from({ length: TOGETHER }, () => []);
    for (const q of queries) {
      if (q.source.alone) statements.push([q]);
      else together[together.reduce((m, t, k) => (t.length < together[m]!.length ? k : m), 0)]!.push(q);
    }
    statements.push(...together.filter((t) => t.length > 0));
  } else statements.push(...queries.map((q) => [q]));
  await Promise.all(
    statements.map(async (part) => {
      const row = (
        part.length === 1
          ? await part[0]!.query.executeTakeFirstOrThrow()
          : await db
              .selectFrom(part.map((q, k) => q.query.as(`q${k}`)))
              .selectAll()
              .executeTakeFirstOrThrow()
      ) as Record<string, unknown>;
      for (const { group, prefix } of part)
        group.forEach((i, k) => {
          const value = n(row[`${prefix}${k}`]);
          figures[i.key] = 'divisor' in i.figure ? value / i.figure.divisor : value;
        });
    }),
  );
  for (const i of indicators) if ('derive' in i.figure) figures[i.key] = i.figure.derive(figures);
  return figures;
}

function aggregate(q: AnyQuery, s: ReportScope, group: Indicator[], prefix: string) {
  return q.select((eb) =>
    group.map((i, k) => {
      const f = i.figure;
      if ('derive' in f) throw new Error(`${i.key}: a derived figure has no aggregate`);
      if (f.aggregate === 'count') return eb.fn.countAll().as(`${prefix}${k}`);
      if (f.aggregate === 'count_distinct') return eb.fn.count(f.column).distinct().as(`${prefix}${k}`);
      if (f.aggregate === 'expression') return f.of(s).as(`${prefix}${k}`);
      return eb.fn.sum(f.column).as(`${prefix}${k}`);
    }),
  );
}
