import type { AppContext } from '../../context.ts';
import { nowIso } from '../../db/create-db.ts';
import { addMonthsToMonth, monthRange, today } from '../../lib/dates.ts';
import { ConflictError, type Problem, ValidationError } from '../../lib/errors.ts';
import { fenToYuan, parseYuan } from '../../lib/money.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, assertCan } from '../auth/auth.policy.ts';
import { requireOrgInScope } from '../orgs/orgs.service.ts';
import {
  findBases,
  findPaymentsOfPeople,
  findPaymentsOfPeopleBetween,
  findPaymentsUnder,
  insertPayments,
  upsertBasis,
} from './dues.repository.ts';
import { monthlyDuesFen } from './dues.rules.ts';
import type { ArrearsQuery, BasisInput, DuesQuery, PaymentsInput } from './dues.schemas.ts';
import { findMembersOfOrg, findMembersUnder } from './members.repository.ts';
import {
  assertDate,
  requireBranchInScope,
  requireMember,
  requirePersonInScope,
  xlsxOf,
} from './membership.common.ts';
import { DUES_CATEGORIES, type DuesCategory } from './membership.labels.ts';

const thisMonth = () => today().slice(0, 7);

/** Sets a member's 缴费类别 (and net income when salaried); the monthly amount follows from the rule. */
export async function setDuesBasis(ctx: AppContext, actor: Actor, personId: number, input: BasisInput) {
  assertCan(actor, 'person.write');
  const category = input.category as DuesCategory;
  let incomeFen: number | null = null;
  if (category === 'salaried') {
    if (!input.monthlyIncome) throw ValidationError.field('monthlyIncome', null, '工薪团员请填写月净收入');
    const parsed = parseYuan(input.monthlyIncome);
    if (!parsed.ok) throw ValidationError.field('monthlyIncome', input.monthlyIncome, parsed.reason);
    if (parsed.fen < 0)
      throw ValidationError.field('monthlyIncome', input.monthlyIncome, '月净收入不能为负数');
    incomeFen = parsed.fen;
  }
  const amount = monthlyDuesFen(category, incomeFen);
  await ctx.db.transaction().execute(async (trx) => {
    const person = requireMember(await requirePersonInScope(trx, actor, personId));
    await upsertBasis(
      trx,
      { person_id: person.id, category, monthly_income_fen: incomeFen, amount_fen: amount },
      nowIso(),
    );
    await recordAudit(trx, actor, {
      action: 'update',
      entity: 'dues_basis',
      entityId: person.id,
      org: { path: person.scope_path, code: person.org_code ?? '' },
      summary: `核定团费：${person.name} ${DUES_CATEGORIES[category]}，每月 ${fenToYuan(amount)} 元`,
    });
  });
  return { personId, category, monthlyIncomeFen: incomeFen, amountFen: amount };
}

/** The members of a subtree with their monthly amount and whether the month is paid. */
export async function listDues(ctx: AppContext, actor: Actor, query: DuesQuery) {
  assertCan(actor, 'person.read');
  const org = await requireOrgInScope(ctx.db, actor, query.org);
  const month = query.month ?? thisMonth();
  const members = await findMembersUnder(ctx.db, org.path);
  const bases = new Map(
    (
      await findBases(
        ctx.db,
        members.map((m) => m.id),
      )
    ).map((b) => [b.person_id, b]),
  );
  const paid = new Map(
    (await findPaymentsUnder(ctx.db, org.path, month, month)).map((p) => [p.person_id, p]),
  );
  return {
    month,
    items: members.map((m) => {
      const basis = bases.get(m.id);
      const payment = paid.get(m.id);
      return {
        personId: m.id,
        name: m.name,
        branch: { code: m.org_code, name: m.org_name },
        category: basis?.category ?? null,
        amountFen: basis?.amount_fen ?? null,
        paidFen: payment?.amount_fen ?? null,
        paidOn: payment?.paid_on ?? null,
      };
    }),
  };
}

/** Records the dues of one month for one or many members of a branch; all or nothing. */
export async function recordPayments(ctx: AppContext, actor: Actor, input: PaymentsInput) {
  assertCan(actor, 'person.write');
  assertDate('paidOn', input.paidOn);
  if (input.paidOn > today()) throw ValidationError.field('paidOn', input.paidOn, '缴纳日期不能晚于今天');
  return ctx.db.transaction().execute(async (trx) => {
    const branch = await requireBranchInScope(trx, actor, input.branchCode);
    const members = new Map((await findMembersOfOrg(trx, branch.id)).map((m) => [m.id, m]));
    const ids = input.items.map((i) => i.personId);
    const bases = new Map((await findBases(trx, ids)).map((b) => [b.person_id, b]));
    const already = new Set((await findPaymentsOfPeople(trx, ids, [input.month])).map((p) => p.person_id));
    const problems: Problem[] = [];
    const seen = new Set<number>();
    for (const [index, item] of input.items.entries()) {
      const m = members.get(item.personId);
      const fail = (reason: string) =>
        problems.push({ row: index + 1, column: 'personId', value: String(item.personId), reason });
      if (!m) {
        fail(`人员 ${item.personId} 不是 ${branch.name} 的在册团员`);
        continue;
      }
      if (seen.has(item.personId)) {
        fail(`${m.name} 重复`);
        continue;
      }
      seen.add(item.personId);
      if (already.has(item.personId)) {
        fail(`${m.name} ${input.month} 的团费已登记`);
        continue;
      }
      if (m.joined_on && input.month < m.joined_on.slice(0, 7)) {
        fail(`${m.name} ${input.month} 尚未入团`);
        continue;
      }
      if (item.amountFen == null && !bases.get(item.personId)) {
        fail(`${m.name} 尚未核定团费标准，请先核定或填写金额`);
      }
    }
    if (problems.length > 0) {
      const conflict = problems.every((p) => p.reason.endsWith('已登记'));
      if (conflict) throw new ConflictError(problems.map((p) => p.reason).join('；'), { problems });
      throw new ValidationError(problems.map((p) => p.reason).join('；'), problems);
    }
    const now = nowIso();
    const rows = input.items.map((item) => ({
      person_id: item.personId,
      org_id: branch.id,
      org_path: branch.path,
      month: input.month,
      amount_fen: item.amountFen ?? bases.get(item.personId)!.amount_fen,
      paid_on: input.paidOn,
      created_at: now,
      updated_at: now,
    }));
    await insertPayments(trx, rows);
    const total = rows.reduce((s, r) => s + r.amount_fen, 0);
    await recordAudit(trx, actor, {
      action: 'create',
      entity: 'dues_payment',
      org: { path: branch.path, code: branch.code },
      summary: `登记 ${branch.name} ${input.month} 团费 ${rows.length} 人，共 ${fenToYuan(total)} 元`,
      detail: input,
    });
    return { recorded: rows.length, totalFen: total };
  });
}

/** Members with unpaid months of a year, up to this month and from the month they joined. */
async function arrearsOf(ctx: AppContext, actor: Actor, query: ArrearsQuery) {
  assertCan(actor, 'person.read');
  const org = await requireOrgInScope(ctx.db, actor, query.org);
  const year = query.year ?? Number(today().slice(0, 4));
  // A month's dues fall due within the month: arrears run to the month before this one.
  const lastDue = addMonthsToMonth(thisMonth(), -1);
  const last = `${year}-12` < lastDue ? `${year}-12` : lastDue;
  const members = await findMembersUnder(ctx.db, org.path);
  const bases = new Map(
    (
      await findBases(
        ctx.db,
        members.map((m) => m.id),
      )
    ).map((b) => [b.person_id, b]),
  );
  const paid = new Set(
    // By person, not by path: months paid in a branch he has since left count too.
    (
      await findPaymentsOfPeopleBetween(
        ctx.db,
        members.map((m) => m.id),
        `${year}-01`,
        last,
      )
    ).map((p) => `${p.person_id}:${p.month}`),
  );
  const items = [];
  for (const m of members) {
    const first =
      m.joined_on && m.joined_on.slice(0, 7) > `${year}-01` ? m.joined_on.slice(0, 7) : `${year}-01`;
    const unpaid = monthRange(first, last).filter((month) => !paid.has(`${m.id}:${month}`));
    if (unpaid.length === 0) continue;
    const amount = bases.get(m.id)?.amount_fen ?? null;
    items.push({
      personId: m.id,
      name: m.name,
      branch: { code: m.org_code, name: m.org_name },
      unpaidMonths: unpaid,
      amountFen: amount,
      owedFen: amount == null ? null : amount * unpaid.length,
    });
  }
  return { org, year, items };
}

export async function listArrears(ctx: AppContext, actor: Actor, query: ArrearsQuery) {
  const { year, items } = await arrearsOf(ctx, actor, query);
  return { year, items };
}

export async function exportArrears(ctx: AppContext, actor: Actor, query: ArrearsQuery): Promise<Buffer> {
  const { org, year, items } = await arrearsOf(ctx, actor, query);
  const file = await xlsxOf(
    '欠缴团费',
    [
      { header: '姓名', key: 'name', width: 12 },
      { header: '团支部', key: 'branch', width: 30 },
      { header: '欠缴月份', key: 'months', width: 40 },
      { header: '月数', key: 'count', width: 8 },
      { header: '每月标准（元）', key: 'amount', width: 14 },
      { header: '欠缴金额（元）', key: 'owed', width: 14 },
    ],
    items.map((i) => ({
      name: i.name,
      branch: i.branch.name,
      months: i.unpaidMonths.join('、'),
      count: i.unpaidMonths.length,
      amount: i.amountFen == null ? '未核定' : fenToYuan(i.amountFen),
      owed: i.owedFen == null ? '未核定' : fenToYuan(i.owedFen),
    })),
  );
  await recordAudit(ctx.db, actor, {
    action: 'export',
    entity: 'dues_payment',
    org: { path: org.path, code: org.code },
    summary: `导出 ${org.name} ${year} 年欠缴团费名单 ${items.length} 人`,
  });
  return file;
}
