import type { AppContext } from '../../context.ts';
import { type Db, nowIso } from '../../db/create-db.ts';
import { addDays, today } from '../../lib/dates.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../lib/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, assertCan, assertReaches, can, reaches } from '../auth/auth.policy.ts';
import { findOrgById, requireOrgByCode, requireOrgInScope } from '../orgs/orgs.service.ts';
import { findPersonById, findPersonByIdNumber, moveToOrg, type PersonRow } from '../people/people.service.ts';
import { findPersonIdOfUser } from '../users/users.service.ts';
import { requireBranchInScope, requireMember, xlsxOf } from './membership.common.ts';
import {
  TRANSFER_INITIATORS,
  TRANSFER_REASONS,
  TRANSFER_STATUSES,
  type TransferInitiator,
  type TransferStatus,
} from './membership.labels.ts';
import { presentTransfer, TRANSFER_OVERDUE_DAYS } from './transfers.presenter.ts';
import {
  countTransfers,
  findTransferById,
  findTransferInFlight,
  findTransfers,
  insertTransfer,
  type TransferFilter,
  type TransferRow,
  updateTransferFrom,
} from './transfers.repository.ts';
import type { NewTransfer, TransfersQuery } from './transfers.schemas.ts';

const IN_FLIGHT_MESSAGE = '该团员已有一笔正在办理的组织关系转接，请先办结或撤回';

function overdueBefore(): string {
  return addDays(today(), -TRANSFER_OVERDUE_DAYS);
}

/** Who starts the transfer, and whom it moves. */
async function resolveStart(
  db: Db,
  ctx: AppContext,
  actor: Actor,
  input: NewTransfer,
): Promise<{ person: PersonRow; initiator: TransferInitiator }> {
  if (input.personId != null) {
    const person = await findPersonById(db, input.personId);
    if (!person) throw new NotFoundError('人员不存在');
    // His own request comes first: a member's account may sit inside the very branch it would act for.
    if ((await findPersonIdOfUser(db, actor.userId)) === person.id && !can(actor, 'person.write'))
      return { person, initiator: 'member' };
    if (!reaches(actor, person.scope_path)) throw new NotFoundError('人员不存在');
    assertCan(actor, 'person.write');
    return { person, initiator: 'sender' };
  }
  // The receiving side names the member by what he shows it: his document (any 证件类型 person entry takes,
  // so that its "registered elsewhere: start a transfer-in" leads somewhere) and his name, both matching.
  assertCan(actor, 'person.write');
  if (!input.idNumber || !input.name)
    throw ValidationError.field('idNumber', null, '转入组织发起转接时，请填写团员的证件号码和姓名');
  const person = await findPersonByIdNumber(ctx, db, input.idNumber, 'idNumber', input.idType);
  // One answer for "no such person" and "name differs": the form must not tell whether a number is known.
  if (!person || person.name !== input.name.trim())
    throw new NotFoundError('未找到证件号码与姓名相符的在册团员，请核对后重试');
  return { person, initiator: 'receiver' };
}

export async function startTransfer(ctx: AppContext, actor: Actor, input: NewTransfer) {
  if (!(input.reason in TRANSFER_REASONS))
    throw ValidationError.field('reason', input.reason, '转接原因无效');
  const id = await ctx.db.transaction().execute(async (trx) => {
    const { person, initiator } = await resolveStart(trx, ctx, actor, input);
    const member = requireMember(person);
    const to =
      initiator === 'receiver'
        ? await requireOrgInScope(trx, actor, input.toOrgCode)
        : await requireOrgByCode(trx, input.toOrgCode);
    if (to.status !== 'active')
      throw ValidationError.field('toOrgCode', input.toOrgCode, `${to.name} 已撤销`);
    if (to.id === member.org_id)
      throw ValidationError.field('toOrgCode', input.toOrgCode, '转入组织与团员现所在组织相同');
    const from = (await findOrgById(trx, member.org_id))!;
    if (await findTransferInFlight(trx, member.id)) throw new ConflictError(IN_FLIGHT_MESSAGE);
    const now = nowIso();
    const status: TransferStatus = initiator === 'sender' ? 'pending_acceptance' : 'pending_release';
    let newId: number;
    try {
      newId = await insertTransfer(trx, {
        person_id: member.id,
        reason: input.reason,
        reason_note: input.reasonNote?.trim() || null,
        initiated_by: initiator,
        status,
        from_org_id: from.id,
        from_org_path: from.path,
        to_org_id: to.id,
        to_org_path: to.path,
        assigned_org_id: null,
        assigned_org_path: null,
        started_on: today(),
        released_on: status === 'pending_acceptance' ? today() : null,
        decided_on: null,
        decline_reason: null,
        started_by: actor.username,
        decided_by: null,
        created_at: now,
        updated_at: now,
      });
    } catch (error) {
      // Two starts racing: the partial unique index lets one through.
      if (/unique|duplicate/i.test(String(error))) throw new ConflictError(IN_FLIGHT_MESSAGE);
      throw error;
    }
    const side = initiator === 'receiver' ? to : from;
    await recordAudit(trx, actor, {
      action: 'create',
      entity: 'member_transfer',
      entityId: newId,
      org: { path: side.path, code: side.code },
      summary:
        initiator === 'receiver'
          ? `发起组织关系转入：${member.name}（${member.id_number_masked}）转入 ${to.name}`
          : `发起组织关系转出：${member.name}（${member.id_number_masked}）由 ${from.name} 转往 ${to.name}`,
    });
    return newId;
  });
  return getTransfer(ctx, actor, id);
}

/**
 * A transfer names a person: staff who read people on either side see it, and so does the member
 * himself. Anyone else hears what he would hear of a transfer that does not exist.
 */
async function requireTransferSeen(db: Db, actor: Actor, id: number): Promise<TransferRow> {
  const t = await findTransferById(db, id);
  const onEitherSide = (row: TransferRow) =>
    reaches(actor, row.from_org_path) || reaches(actor, row.to_org_path);
  if (t && can(actor, 'person.read') && onEitherSide(t)) return t;
  if (t && (await findPersonIdOfUser(db, actor.userId)) === t.person_id) return t;
  throw new NotFoundError('转接记录不存在');
}

export async function getTransfer(ctx: AppContext, actor: Actor, id: number) {
  const t = await requireTransferSeen(ctx.db, actor, id);
  return presentTransfer(t, actor, overdueBefore());
}

export async function listTransfers(ctx: AppContext, actor: Actor, query: TransfersQuery) {
  assertCan(actor, 'person.read');
  const org = await requireOrgInScope(ctx.db, actor, query.org);
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const rows = await findTransfers(
    ctx.db,
    transferFilter(org.path, query),
    pageSize + 1,
    (page - 1) * pageSize,
  );
  const before = overdueBefore();
  return {
    items: rows.slice(0, pageSize).map((t) => presentTransfer(t, actor, before)),
    page,
    pageSize,
    hasMore: rows.length > pageSize,
  };
}

function transferFilter(path: string, query: TransfersQuery): TransferFilter {
  return {
    direction: query.direction ?? 'outgoing',
    path,
    status: query.status,
    startedBefore: query.overdue ? overdueBefore() : undefined,
  };
}

/** How many transfers the list would show in the actor's whole reach (the to-do centre's count). */
export async function countTransfersInReach(
  ctx: AppContext,
  actor: Actor,
  query: Pick<TransfersQuery, 'direction' | 'status' | 'overdue'>,
): Promise<number> {
  assertCan(actor, 'person.read');
  return countTransfers(ctx.db, transferFilter(actor.scopePath, query));
}

type Side = 'from' | 'to';

async function decide(
  ctx: AppContext,
  actor: Actor,
  id: number,
  side: Side,
  expected: TransferStatus,
  apply: (trx: Db, t: TransferRow) => Promise<{ changes: Record<string, unknown>; summary: string }>,
) {
  assertCan(actor, 'person.write');
  await ctx.db.transaction().execute(async (trx) => {
    const t = await requireTransferSeen(trx, actor, id);
    const path = side === 'from' ? t.from_org_path : t.to_org_path;
    assertReaches(actor, path);
    if (t.status !== expected) {
      throw new ConflictError(`该转接当前状态为「${statusLabel(t.status)}」，不能办理此操作`);
    }
    const { changes, summary } = await apply(trx, t);
    const ok = await updateTransferFrom(trx, t.id, expected, { ...changes, updated_at: nowIso() });
    if (!ok) throw new ConflictError('该转接刚被他人办理，请刷新后查看');
    await recordAudit(trx, actor, {
      action: 'update',
      entity: 'member_transfer',
      entityId: t.id,
      org: { path, code: side === 'from' ? t.from_org_code : t.to_org_code },
      summary,
    });
  });
  return getTransfer(ctx, actor, id);
}

function statusLabel(status: string): string {
  return (
    (
      {
        pending_release: '待转出组织同意',
        pending_acceptance: '待转入组织接收',
        accepted: '已接收',
      } as Record<string, string>
    )[status] ?? (status === 'declined' ? '已退回' : '已撤回')
  );
}

/** The sending side lets the member go (a transfer the receiver or the member started). */
export async function releaseTransfer(ctx: AppContext, actor: Actor, id: number) {
  return decide(ctx, actor, id, 'from', 'pending_release', async (_trx, t) => ({
    changes: { status: 'pending_acceptance', released_on: today() },
    summary: `同意转出：${t.person_name} 转往 ${t.to_org_name}`,
  }));
}

/**
 * The receiver accepts and assigns a branch. The member's organisation changes here and only here, in
 * the same transaction as the status, so he is never in two branches or in none.
 */
export async function acceptTransfer(ctx: AppContext, actor: Actor, id: number, branchCode: string) {
  return decide(ctx, actor, id, 'to', 'pending_acceptance', async (trx, t) => {
    const branch = await requireBranchInScope(trx, actor, branchCode);
    if (!branch.path.startsWith(t.to_org_path))
      throw ValidationError.field(
        'branchCode',
        branchCode,
        `${branch.name} 不在转入组织 ${t.to_org_name} 之下`,
      );
    const person = requireMember((await findPersonById(trx, t.person_id))!);
    if (person.org_id !== t.from_org_id)
      throw new ConflictError('该团员的所在组织在转接发起后已变动，请退回后重新发起');
    await moveToOrg(trx, person, branch, nowIso());
    return {
      changes: {
        status: 'accepted',
        assigned_org_id: branch.id,
        assigned_org_path: branch.path,
        decided_on: today(),
        decided_by: actor.username,
      },
      summary: `接收组织关系：${t.person_name}（${t.person_id_number_masked}）转入 ${branch.name}`,
    };
  });
}

/** The receiver declines, or the sender refuses to release: the member stays where he is. */
export async function declineTransfer(ctx: AppContext, actor: Actor, id: number, reason: string) {
  const text = reason.trim();
  if (!text) throw ValidationError.field('reason', reason, '请填写退回原因');
  const t = await requireTransferSeen(ctx.db, actor, id);
  const side: Side = t.status === 'pending_release' ? 'from' : 'to';
  return decide(ctx, actor, id, side, t.status as TransferStatus, async () => ({
    changes: { status: 'declined', decline_reason: text, decided_on: today(), decided_by: actor.username },
    summary: `退回组织关系转接：${t.person_name}，原因：${text}`,
  }));
}

/** The side that started a transfer may withdraw it while it is pending. */
export async function cancelTransfer(ctx: AppContext, actor: Actor, id: number) {
  const t = await requireTransferSeen(ctx.db, actor, id);
  if (t.initiated_by === 'member') throw new ForbiddenError('团员本人发起的转接，请由转出组织退回');
  const side: Side = t.initiated_by === 'sender' ? 'from' : 'to';
  if (t.status !== 'pending_release' && t.status !== 'pending_acceptance')
    throw new ConflictError(`该转接当前状态为「${statusLabel(t.status)}」，不能撤回`);
  return decide(ctx, actor, id, side, t.status as TransferStatus, async () => ({
    changes: { status: 'cancelled', decided_on: today(), decided_by: actor.username },
    summary: `撤回组织关系转接：${t.person_name}`,
  }));
}

/** The list as xlsx, each row as this side sees it (the other county's part stays out); audited. */
export async function exportTransfers(ctx: AppContext, actor: Actor, query: TransfersQuery): Promise<Buffer> {
  const org = await requireOrgInScope(ctx.db, actor, query.org);
  const { items } = await listTransfers(ctx, actor, { ...query, page: 1, pageSize: 10_000 });
  const file = await xlsxOf(
    '组织关系转接',
    [
      { header: '姓名', key: 'name', width: 12 },
      { header: '证件号码', key: 'id', width: 22 },
      { header: '转出组织', key: 'from', width: 30 },
      { header: '转入组织', key: 'to', width: 30 },
      { header: '接收团支部', key: 'branch', width: 30 },
      { header: '原因', key: 'reason', width: 10 },
      { header: '发起方', key: 'initiator', width: 10 },
      { header: '状态', key: 'status', width: 14 },
      { header: '发起日期', key: 'startedOn', width: 12 },
      { header: '办结日期', key: 'decidedOn', width: 12 },
      { header: '退回原因', key: 'declineReason', width: 30 },
    ],
    items.map((t) => ({
      name: t.person.name,
      id: t.person.idNumberMasked,
      from: t.fromOrg.name,
      to: t.toOrg.name,
      branch: t.assignedBranch?.name ?? '',
      reason: TRANSFER_REASONS[t.reason as keyof typeof TRANSFER_REASONS],
      initiator: TRANSFER_INITIATORS[t.initiatedBy as TransferInitiator],
      status: TRANSFER_STATUSES[t.status as TransferStatus],
      startedOn: t.startedOn,
      decidedOn: t.decidedOn ?? '',
      declineReason: t.declineReason ?? '',
    })),
  );
  await recordAudit(ctx.db, actor, {
    action: 'export',
    entity: 'member_transfer',
    org: { path: org.path, code: org.code },
    summary: `导出 ${org.name} 组织关系${query.direction === 'incoming' ? '转入' : '转出'} ${items.length} 条`,
  });
  return file;
}
