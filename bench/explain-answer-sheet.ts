/**
 * Where the county answer sheet spends its time on PostgreSQL (issue 14): runs `answerSheet` once on a database
 * kept by `npm run bench:province -- --keep`, catches every statement it sends, and runs each again under
 * EXPLAIN (ANALYZE, BUFFERS). Prints the statements by buffers touched (a loaded machine makes timings noisy;
 * buffers and rows are what a plan costs), with the plan of the heaviest.
 *
 *   node --import tsx bench/explain-answer-sheet.ts --db postgres://…/tuanwu_province_<pid> [--org C0] [--top 5]
 */
import { parseArgs } from 'node:util';
import { CompiledQuery, type KyselyPlugin } from 'kysely';
import { closeContext, openContext } from '../src/bootstrap.ts';
import { loadConfig } from '../src/config.ts';
import { systemActor } from '../src/modules/auth/auth.policy.ts';
import { answerSheet } from '../src/modules/reports/reports.service.ts';
import { loadAverage } from './harness.ts';

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    org: { type: 'string', default: 'C0' },
    top: { type: 'string', default: '5' },
    from: { type: 'string', default: '2022-01-01' },
    to: { type: 'string', default: '2023-12-31' },
  },
});
if (!values.db) throw new Error('--db postgres://…/tuanwu_province_<pid> (bench:province -- --keep)');

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows': number;
  'Actual Loops': number;
  'Shared Hit Blocks': number;
  'Shared Read Blocks': number;
  Plans?: PlanNode[];
}

function outline(node: PlanNode, depth = 0): string[] {
  const what = [node['Node Type'], node['Relation Name'], node['Index Name'] && `using ${node['Index Name']}`]
    .filter(Boolean)
    .join(' ');
  const line = `${'  '.repeat(depth)}${what}: rows ${node['Actual Rows']}×${node['Actual Loops']}, buffers ${node['Shared Hit Blocks'] + node['Shared Read Blocks']}`;
  return [line, ...(node.Plans ?? []).flatMap((p) => outline(p, depth + 1))];
}

const statements: CompiledQuery[] = [];
const catcher: KyselyPlugin = {
  transformQuery: (args) => args.node,
  transformResult: async (args) => args.result,
};
const ctx = await openContext(
  loadConfig({
    TUANWU_DB: values.db,
    TUANWU_SECRET: 'bench-secret-0123456789abcdef',
    TUANWU_DATA_DIR: '/tmp',
  }),
);
try {
  // Every executor (a transaction's too) runs statements through its base class's executeQuery.
  let base = Object.getPrototypeOf(ctx.db.getExecutor());
  while (!Object.hasOwn(base, 'executeQuery')) base = Object.getPrototypeOf(base);
  const original = base.executeQuery;
  base.executeQuery = function (this: unknown, query: CompiledQuery) {
    statements.push(query);
    return original.call(this, query);
  };
  const actor = systemActor('基准测试');
  const request = { org: values.org!, from: values.from!, to: values.to! };
  await answerSheet({ ...ctx, db: ctx.db.withPlugin(catcher) }, actor, request);
  statements.length = 0;
  await answerSheet({ ...ctx, db: ctx.db.withPlugin(catcher) }, actor, request);
  base.executeQuery = original;
  const measured = [];
  for (const query of statements) {
    if (!/^\s*(select|with)/i.test(query.sql)) continue;
    const { rows } = await ctx.db.executeQuery<{
      'QUERY PLAN': [{ Plan: PlanNode; 'Execution Time': number }];
    }>(CompiledQuery.raw(`explain (analyze, buffers, format json) ${query.sql}`, [...query.parameters]));
    const plan = rows[0]!['QUERY PLAN'][0];
    const buffers = plan.Plan['Shared Hit Blocks'] + plan.Plan['Shared Read Blocks'];
    measured.push({
      sql: query.sql,
      buffers,
      ms: plan['Execution Time'],
      rows: plan.Plan['Actual Rows'],
      plan,
    });
  }
  measured.sort((a, b) => b.buffers - a.buffers);
  const total = measured.reduce((a, m) => a + m.buffers, 0);
  console.log(
    `${measured.length} statements, ${total} buffers, ${measured.reduce((a, m) => a + m.ms, 0).toFixed(1)} ms executing (load ${loadAverage()})`,
  );
  for (const m of measured.slice(0, Number(values.top))) {
    console.log(
      `\n${m.buffers} buffers, ${m.rows} rows, ${m.ms.toFixed(1)} ms: ${m.sql.replace(/\s+/g, ' ').slice(0, 400)}`,
    );
    console.log(outline(m.plan.Plan).join('\n'));
  }
} finally {
  await closeContext(ctx);
}
