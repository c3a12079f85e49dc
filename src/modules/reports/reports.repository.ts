import type { Db } from '../../db/create-db.ts';
import type { AnyQuery, Indicator, Source } from './indicator.ts';
import type { ReportScope } from './report-sources.ts';

export type { ReportScope } from './report-sources.ts';

const n = (value: unknown) => Number(value ?? 0);

/**
 * The figures of the given indicators. Indicators over the same source are aggregated in one query (one pass over
 * the volunteer records for 人次, 志愿者 and 时长); the queries are sent side by side: on PostgreSQL each takes a
 * connection of the pool (issue 14: 33 round trips one after another were most of a county's time on a loaded
 * server), SQLite's one connection takes them in turn. Derived figures (a ratio) come last, from the others.
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
  await Promise.all(
    [...bySource].map(async ([source, group]) => {
      const row = await aggregate(source.query(db, s), group).executeTakeFirstOrThrow();
      group.forEach((i, k) => {
        const value = n((row as Record<string, unknown>)[`f${k}`]);
        figures[i.key] = 'divisor' in i.figure ? value / i.figure.divisor : value;
      });
    }),
  );
  for (const i of indicators) if ('derive' in i.figure) figures[i.key] = i.figure.derive(figures);
  return figures;
}

function aggregate(q: AnyQuery, group: Indicator[]) {
  return q.select((eb) =>
    group.map((i, k) => {
      const f = i.figure;
      if ('derive' in f) throw new Error(`${i.key}: a derived figure has no aggregate`);
      if (f.aggregate === 'count') return eb.fn.countAll().as(`f${k}`);
      if (f.aggregate === 'count_distinct') return eb.fn.count(f.column).distinct().as(`f${k}`);
      return eb.fn.sum(f.column).as(`f${k}`);
    }),
  );
}
