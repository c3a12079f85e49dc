import type { AppContext } from '../../context.ts';
import { nowIso } from '../../db/create-db.ts';
import { isPostgres } from '../../db/dialect-helpers.ts';
import { uppercaseAmount } from '../../lib/chinese-amount.ts';
import { today } from '../../lib/dates.ts';
import { attachment, xlsxOf } from '../../lib/downloads.ts';
import { ValidationError } from '../../lib/errors.ts';
import { fenOf, fenToYuan } from '../../lib/money.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, assertCan, findInReach } from '../auth/auth.policy.ts';
import { nextCodeOf, nextLedgerCode } from '../numbering/numbering.service.ts';
import { requireLedgerOrg } from '../orgs/orgs.service.ts';
import { requireReferencedPerson } from '../people/people.service.ts';
import { resolveLedgerScope } from '../reports/reports.service.ts';
import {
  findBalanceHolder,
  findDonation,
  findDonations,
  findGrants,
  findProgramBalances,
  findReceiptNumbers,
  insertDonation,
  insertGrant,
  isReceiptNoTaken,
  lockReceiptNo,
  programBalance,
  setReceiptNo,
} from './aid.repository.ts';
import type { AidQuery, NewDonation, NewGrant } from './aid.schemas.ts';

type DonationRow = Awaited<ReturnType<ReturnType<typeof findDonations>['execute']>>[number];
type GrantRow = Awaited<ReturnType<ReturnType<typeof findGrants>['execute']>>[number];

function presentDonation(r: DonationRow) {
  return {
    id: r.id,
    code: r.code,
    donor: r.donor,
    donorKind: r.donor_kind,
    amount: fenToYuan(Number(r.amount_fen)),
    donatedOn: r.donated_on,
    program: r.program,
    note: r.note,
    receiptNo: r.receipt_no,
    org: { code: r.org_code, name: r.org_name },
  };
}

function presentGrant(r: GrantRow) {
  return {
    id: r.id,
    code: r.code,
    student: { id: r.person_id, name: r.person_name, idNumberMasked: r.id_number_masked },
    amount: fenToYuan(Number(r.amount_fen)),
    grantedOn: r.granted_on,
    program: r.program,
    reason: r.reason,
    school: r.school,
    org: { code: r.org_code, name: r.org_name },
  };
}

async function donationRows(ctx: AppContext, actor: Actor, q: AidQuery) {
  const { org, scope } = await resolveLedgerScope(ctx, actor, 'aid.read', q);
  let query = findDonations(ctx.db, scope);
  if (q.program) query = query.where('donations.program', '=', q.program);
  return { org, rows: await query.execute() };
}

async function grantRows(ctx: AppContext, actor: Actor, q: AidQuery) {
  const { org, scope } = await resolveLedgerScope(ctx, actor, 'aid.read', q);
  let query = findGrants(ctx.db, scope);
  if (q.program) query = query.where('grants.program', '=', q.program);
  return { org, rows: await query.execute() };
}

const sumFen = (rows: { amount_fen: number }[]) => rows.reduce((s, r) => s + Number(r.amount_fen), 0);

export async function listDonations(ctx: AppContext, actor: Actor, q: AidQuery) {
  const { rows } = await donationRows(ctx, actor, q);
  return { total: rows.length, amount: fenToYuan(sumFen(rows)), items: rows.map(presentDonation) };
}

export async function listGrants(ctx: AppContext, actor: Actor, q: AidQuery) {
  const { rows } = await grantRows(ctx, actor, q);
  return {
    total: rows.length,
    amount: fenToYuan(sumFen(rows)),
    students: new Set(rows.map((r) => r.person_id)).size,
    items: rows.map(presentGrant),
  };
}

/** The donors of the period: one line per donor with how often and how much he gave. */
export async function listDonors(ctx: AppContext, actor: Actor, q: AidQuery) {
  const { rows } = await donationRows(ctx, actor, q);
  const byDonor = new Map<
    string,
    { donor: string; donorKind: string; donations: number; fen: number; lastDonatedOn: string }
  >();
  for (const r of rows) {
    const key = `${r.donor_kind}\u0000${r.donor}`;
    const d = byDonor.get(key) ?? {
      donor: r.donor,
      donorKind: r.donor_kind,
      donations: 0,
      fen: 0,
      lastDonatedOn: r.donated_on,
    };
    d.donations++;
    d.fen += Number(r.amount_fen);
    if (r.donated_on > d.lastDonatedOn) d.lastDonatedOn = r.donated_on;
    byDonor.set(key, d);
  }
  const items = [...byDonor.values()]
    .sort((a, b) => b.fen - a.fen)
    .map(({ fen, ...d }, i) => ({ id: i + 1, ...d, amount: fenToYuan(fen) }));
  return { total: items.length, items };
}

/** The students helped in the period: one line per student with what he received and why. */
export async function listBeneficiaries(ctx: AppContext, actor: Actor, q: AidQuery) {
  const { rows } = await grantRows(ctx, actor, q);
  const byStudent = new Map<number, ReturnType<typeof presentGrant>[]>();
  for (const r of rows) byStudent.set(r.person_id, [...(byStudent.get(r.person_id) ?? []), presentGrant(r)]);
  const items = [...byStudent.values()].map((grants) => {
    const last = grants[grants.length - 1]!;
    return {
      student: last.student,
      school: last.school,
      reason: last.reason,
      grants: grants.length,
      amount: fenToYuan(grants.reduce((s, g) => s + Math.round(g.amount * 100), 0)),
      lastGrantedOn: last.grantedOn,
    };
  });
  return { total: items.length, items };
}

/**
 * Each county committee's balance per programme (DOMAIN.md "Services"); below county level, the caller's own
 * subtree. Up to `to` (default today).
 */
export async function listBalances(ctx: AppContext, actor: Actor, q: AidQuery) {
  const { org, scope } = await resolveLedgerScope(ctx, actor, 'aid.read', q);
  let rows = await findProgramBalances(ctx.db, org.path, scope.to);
  if (rows.length === 0 && org.level !== 'county')
    rows = await findProgramBalances(ctx.db, org.path, scope.to, true);
  if (q.program) rows = rows.filter((r) => r.program === q.program);
  return {
    asOf: scope.to,
    items: rows.map((r) => ({
      org: { code: r.code, name: r.name },
      program: r.program,
      raised: fenToYuan(r.raised),
      granted: fenToYuan(r.granted),
      balance: fenToYuan(r.balance),
    })),
  };
}

async function issueReceiptNo(db: AppContext['db'], donatedOn: string, orgCode: string) {
  // 收据编号: the receiving org's code, the year, and a running number within them, without gaps.
  const prefix = `${orgCode}-${donatedOn.slice(0, 4)}-`;
  return nextCodeOf(db, 'receipt_no', prefix, 5, {
    used: () => findReceiptNumbers(db, prefix),
    isTaken: (no) => isReceiptNoTaken(db, no),
  });
}

export async function createDonation(ctx: AppContext, actor: Actor, input: NewDonation) {
  assertCan(actor, 'aid.write');
  const amountFen = fenOf('amount', input.amount);
  if (input.donatedOn > today())
    throw ValidationError.field('donatedOn', input.donatedOn, '捐赠日期不能晚于今天');
  return ctx.db.transaction().execute(async (trx) => {
    const org = await requireLedgerOrg(trx, actor, input.orgCode);
    const prefix = `${org.code}-JZ`;
    const code = await nextLedgerCode(trx, 'donations', prefix);
    const receiptNo = await issueReceiptNo(trx, input.donatedOn, org.code);
    const now = nowIso();
    const id = await insertDonation(trx, {
      code,
      donor: input.donor,
      donor_kind: input.donorKind,
      amount_fen: amountFen,
      donated_on: input.donatedOn,
      program: input.program,
      note: input.note ?? null,
      receipt_no: receiptNo,
      receipt_issued_on: today(),
      receipt_issuer: actor.displayName,
      org_id: org.id,
      org_path: org.path,
      created_at: now,
      updated_at: now,
    });
    await recordAudit(trx, actor, {
      action: 'create',
      entity: 'donation',
      entityId: id,
      org: { path: org.path, code: org.code },
      summary: `登记捐赠 ${code}：${input.donor} ${input.amount} 元（${input.program}），收据 ${receiptNo}`,
    });
    return { id, code, receiptNo };
  });
}

/**
 * A grant is paid only from what the programme holds: the balance of the county committee over its subtree
 * (DOMAIN.md) must stay ≥ 0. On PostgreSQL the committee's row is locked, so two grants cannot both spend
 * the same last yuan.
 */
export async function createGrant(ctx: AppContext, actor: Actor, input: NewGrant) {
  assertCan(actor, 'aid.write');
  const amountFen = fenOf('amount', input.amount);
  if (input.grantedOn > today())
    throw ValidationError.field('grantedOn', input.grantedOn, '发放日期不能晚于今天');
  const student = await requireReferencedPerson(ctx, actor, input);
  return ctx.db.transaction().execute(async (trx) => {
    const org = await requireLedgerOrg(trx, actor, input.orgCode);
    const holder = (await findBalanceHolder(trx, org.path)) ?? {
      id: org.id,
      code: org.code,
      name: org.name,
      path: org.path,
    };
    if (isPostgres(trx))
      await trx.selectFrom('orgs').select('id').where('id', '=', holder.id).forUpdate().execute();
    const balance = await programBalance(trx, holder.path, input.program);
    if (balance - amountFen < 0) {
      throw ValidationError.field(
        'amount',
        input.amount,
        `${holder.name}「${input.program}」项目结余不足：当前结余 ${fenToYuan(balance)} 元，本次发放 ${input.amount} 元，发放后将为负数，不能发放`,
      );
    }
    const prefix = `${org.code}-ZZ`;
    const code = await nextLedgerCode(trx, 'grants', prefix);
    const now = nowIso();
    const id = await insertGrant(trx, {
      code,
      person_id: student.id,
      amount_fen: amountFen,
      granted_on: input.grantedOn,
      program: input.program,
      reason: input.reason,
      school: input.school,
      org_id: org.id,
      org_path: org.path,
      created_at: now,
      updated_at: now,
    });
    await recordAudit(trx, actor, {
      action: 'create',
      entity: 'grant',
      entityId: id,
      org: { path: org.path, code: org.code },
      summary: `发放资助 ${code}：${student.name}（${student.id_number_masked}）${input.amount} 元（${input.program}）`,
    });
    return { id, code, balance: fenToYuan(balance - amountFen) };
  });
}

/** The receipt of a donation; an imported donation gets its number the first time it is issued (audited). */
export async function donationReceipt(ctx: AppContext, actor: Actor, id: number) {
  assertCan(actor, 'aid.read');
  let found = await findInReach(actor, findDonation(ctx.db, id), (d) => d.org_path, '捐赠不存在');
  if (!found.receipt_no) {
    assertCan(actor, 'aid.write');
    await ctx.db.transaction().execute(async (trx) => {
      // Printed twice at once, the second waits here and prints the number the first gave.
      const given = await lockReceiptNo(trx, id);
      if (given) return given;
      const no = await issueReceiptNo(trx, found.donated_on, found.org_code);
      await setReceiptNo(trx, id, { no, issuedOn: today(), issuer: actor.displayName }, nowIso());
      await recordAudit(trx, actor, {
        action: 'update',
        entity: 'donation',
        entityId: id,
        org: { path: found.org_path, code: found.org_code },
        summary: `开具捐赠收据 ${no}（${found.code}）`,
      });
      return no;
    });
    // The number, day and 经办人 as stored, whichever of two simultaneous prints gave them.
    found = (await findDonation(ctx.db, id))!;
  }
  return {
    receiptNo: found.receipt_no!,
    issuedOn: found.receipt_issued_on,
    issuer: found.receipt_issuer,
    code: found.code,
    donor: found.donor,
    donorKind: found.donor_kind,
    amount: fenToYuan(Number(found.amount_fen)),
    amountInWords: uppercaseAmount(Number(found.amount_fen)),
    donatedOn: found.donated_on,
    program: found.program,
    note: found.note,
    org: { code: found.org_code, name: found.org_name },
  };
}

export async function exportAid(ctx: AppContext, actor: Actor, q: AidQuery, what: 'donations' | 'grants') {
  if (what === 'donations') {
    const { org, rows } = await donationRows(ctx, actor, q);
    const file = await xlsxOf(
      '捐赠',
      [
        { header: '捐赠编号', key: 'code' },
        { header: '收据编号', key: 'receiptNo', width: 20 },
        { header: '捐赠方', key: 'donor', width: 24 },
        { header: '捐赠方类型', key: 'donorKind' },
        { header: '金额（元）', key: 'amount' },
        { header: '捐赠日期', key: 'donatedOn' },
        { header: '项目', key: 'program' },
        { header: '接收组织', key: 'orgName', width: 24 },
      ],
      rows.map((r) => ({ ...presentDonation(r), orgName: r.org_name })),
    );
    await auditExport(ctx, actor, org, `导出 ${org.name} 捐赠 ${rows.length} 条`, q);
    return { file, disposition: attachment('捐赠.xlsx') };
  }
  const { org, rows } = await grantRows(ctx, actor, q);
  const file = await xlsxOf(
    '资助发放',
    [
      { header: '发放编号', key: 'code' },
      { header: '学生', key: 'name' },
      { header: '证件号码', key: 'idNumberMasked', width: 22 },
      { header: '学校', key: 'school', width: 20 },
      { header: '金额（元）', key: 'amount' },
      { header: '发放日期', key: 'grantedOn' },
      { header: '项目', key: 'program' },
      { header: '资助原因', key: 'reason', width: 20 },
      { header: '发放组织', key: 'orgName', width: 24 },
    ],
    rows.map((r) => ({
      ...presentGrant(r),
      name: r.person_name,
      idNumberMasked: r.id_number_masked,
      orgName: r.org_name,
    })),
  );
  await auditExport(ctx, actor, org, `导出 ${org.name} 资助发放 ${rows.length} 条`, q);
  return { file, disposition: attachment('资助发放.xlsx') };
}

async function auditExport(
  ctx: AppContext,
  actor: Actor,
  org: { path: string; code: string },
  summary: string,
  detail: unknown,
) {
  await recordAudit(ctx.db, actor, { action: 'export', entity: 'aid', org, summary, detail });
}
