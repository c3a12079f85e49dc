import type { AppContext } from '../../context.ts';
import { nowIso } from '../../db/create-db.ts';
import { today } from '../../lib/dates.ts';
import { attachment, xlsxOf } from '../../lib/downloads.ts';
import { ValidationError } from '../../lib/errors.ts';
import { fenOf, fenToYuan } from '../../lib/money.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, assertCan } from '../auth/auth.policy.ts';
import { nextLedgerCode } from '../numbering/numbering.service.ts';
import { requireLedgerOrg } from '../orgs/orgs.service.ts';
import { resolveLedgerScope } from '../reports/reports.service.ts';
import { findFunds, insertFund } from './funds.repository.ts';
import type { FundQuery, NewFund } from './funds.schemas.ts';

async function fundRows(ctx: AppContext, actor: Actor, q: FundQuery) {
  const { org, scope } = await resolveLedgerScope(ctx, actor, 'service.read', q);
  let query = findFunds(ctx.db, scope, q.program);
  if (q.source) query = query.where('funds.source', '=', q.source);
  return { org, rows: await query.execute() };
}

type FundRow = Awaited<ReturnType<typeof fundRows>>['rows'][number];

function present(r: FundRow) {
  return {
    id: r.id,
    code: r.code,
    program: r.program,
    source: r.source,
    amount: fenToYuan(Number(r.amount_fen)),
    receivedOn: r.received_on,
    purpose: r.purpose,
    org: { code: r.org_code, name: r.org_name },
  };
}

/** Funds received in the period, with their sums by programme and by source. */
export async function listFunds(ctx: AppContext, actor: Actor, q: FundQuery) {
  const { rows } = await fundRows(ctx, actor, q);
  const sumBy = (key: 'program' | 'source') => {
    const fen: Record<string, number> = {};
    for (const r of rows) fen[r[key]] = (fen[r[key]] ?? 0) + Number(r.amount_fen);
    return Object.fromEntries(Object.entries(fen).map(([k, v]) => [k, fenToYuan(v)]));
  };
  return {
    total: rows.length,
    amount: fenToYuan(rows.reduce((s, r) => s + Number(r.amount_fen), 0)),
    byProgram: sumBy('program'),
    bySource: sumBy('source'),
    items: rows.map(present),
  };
}

export async function createFund(ctx: AppContext, actor: Actor, input: NewFund) {
  assertCan(actor, 'service.write');
  const amountFen = fenOf('amount', input.amount);
  if (input.receivedOn > today())
    throw ValidationError.field('receivedOn', input.receivedOn, '到位日期不能晚于今天');
  return ctx.db.transaction().execute(async (trx) => {
    const org = await requireLedgerOrg(trx, actor, input.orgCode);
    const prefix = `${org.code}-JF`;
    const code = await nextLedgerCode(trx, 'funds', prefix);
    const now = nowIso();
    const id = await insertFund(trx, {
      code,
      program: input.program,
      source: input.source,
      amount_fen: amountFen,
      received_on: input.receivedOn,
      purpose: input.purpose ?? null,
      org_id: org.id,
      org_path: org.path,
      created_at: now,
      updated_at: now,
    });
    await recordAudit(trx, actor, {
      action: 'create',
      entity: 'fund',
      entityId: id,
      org: { path: org.path, code: org.code },
      summary: `登记经费 ${code}：${input.program}（${input.source}）${input.amount} 元`,
    });
    return { id, code };
  });
}

export async function exportFunds(ctx: AppContext, actor: Actor, q: FundQuery) {
  const { org, rows } = await fundRows(ctx, actor, q);
  const file = await xlsxOf(
    '经费',
    [
      { header: '经费编号', key: 'code' },
      { header: '项目', key: 'program' },
      { header: '来源', key: 'source' },
      { header: '金额（元）', key: 'amount' },
      { header: '到位日期', key: 'receivedOn' },
      { header: '用途', key: 'purpose', width: 24 },
      { header: '组织', key: 'org', width: 24 },
    ],
    rows.map((r) => ({ ...present(r), org: r.org_name })),
  );
  await recordAudit(ctx.db, actor, {
    action: 'export',
    entity: 'fund',
    org: { path: org.path, code: org.code },
    summary: `导出 ${org.name} 经费 ${rows.length} 条`,
    detail: q,
  });
  return { file, disposition: attachment('经费.xlsx') };
}
