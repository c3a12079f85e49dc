import type { AppContext } from '../../context.ts';
import { nowIso } from '../../db/create-db.ts';
import { refusingDuplicate } from '../../db/unique-violation.ts';
import { attachment, xlsxOf } from '../../lib/downloads.ts';
import { ConflictError, ForbiddenError, ValidationError } from '../../lib/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, assertCan, can, findInReach } from '../auth/auth.policy.ts';
import { isLedgerCodeTaken, nextLedgerCode } from '../numbering/numbering.service.ts';
import { requireLedgerOrg } from '../orgs/orgs.service.ts';
import { resolveLedgerScope } from '../reports/reports.service.ts';
import type { ScopeRequest } from '../shared.schemas.ts';
import { findPersonIdOfUser } from '../users/users.service.ts';
import { RISK_LEVELS } from './counselling.labels.ts';
import { canReadNotes, canRecordFor } from './counselling.policy.ts';
import {
  type ConsultationRow,
  findConsultations,
  findConsultationWithNotes,
  findCounsellorOfPerson,
  insertConsultation,
  updateConsultation,
} from './counselling.repository.ts';
import type { ConsultationQuery, FollowUp, NewConsultation } from './counselling.schemas.ts';

/**
 * Individual consultations (DOMAIN.md "Services"): pseudonymous clients, risk levels, the follow-up of high-risk
 * cases, and notes sealed for their counsellor and the supervisor (counselling.policy.ts).
 */
/** The 12355 youth hotline: where high-risk clients are referred (DOMAIN.md "Services"). */
export const YOUTH_HOTLINE = '12355';
function presentConsultation(r: ConsultationRow) {
  return {
    id: r.id,
    code: r.code,
    heldOn: r.held_on,
    clientRef: r.client_ref,
    channel: r.channel,
    risk: r.risk,
    followedUpOn: r.followed_up_on,
    referredOn: r.referred_on,
    counsellor: { id: r.counsellor_id, name: r.counsellor_name },
    org: { code: r.org_code, name: r.org_name },
  };
}

async function consultationRows(ctx: AppContext, actor: Actor, q: ConsultationQuery) {
  const { org, scope } = await resolveLedgerScope(ctx, actor, 'counselling.read', q);
  let query = findConsultations(ctx.db, scope);
  if (q.risk) query = query.where('consultations.risk', '=', q.risk);
  const rows = await query.orderBy('consultations.held_on').orderBy('consultations.id').execute();
  return { org, rows };
}

/** The list anyone with counselling.read sees: who, when, how, how risky — never the notes. */
export async function listConsultations(ctx: AppContext, actor: Actor, q: ConsultationQuery) {
  const { rows } = await consultationRows(ctx, actor, q);
  return {
    total: rows.length,
    highRisk: rows.filter((r) => r.risk === 'high').length,
    items: rows.map(presentConsultation),
  };
}

export async function exportConsultations(ctx: AppContext, actor: Actor, q: ConsultationQuery) {
  const { org, rows } = await consultationRows(ctx, actor, q);
  const file = await xlsxOf(
    '个案咨询',
    [
      { header: '咨询编号', key: 'code' },
      { header: '咨询日期', key: 'heldOn' },
      { header: '来访者编号', key: 'clientRef' },
      { header: '咨询方式', key: 'channel' },
      { header: '风险等级', key: 'risk' },
      { header: '咨询师', key: 'counsellor' },
      { header: '随访日期', key: 'followedUpOn' },
      { header: '转介12355日期', key: 'referredOn' },
      { header: '组织', key: 'org', width: 24 },
    ],
    rows.map((r) => ({
      ...presentConsultation(r),
      risk: r.risk ? RISK_LEVELS[r.risk as keyof typeof RISK_LEVELS] : '',
      counsellor: r.counsellor_name,
      org: r.org_name,
    })),
  );
  await recordAudit(ctx.db, actor, {
    action: 'export',
    entity: 'consultation',
    org: { path: org.path, code: org.code },
    summary: `导出 ${org.name} 个案咨询 ${rows.length} 条（不含咨询记录）`,
    detail: q,
  });
  return { file, disposition: attachment('个案咨询.xlsx') };
}

/**
 * One consultation. Its notes are opened only for its counsellor or a supervisor over it, and each opening is
 * audited; anyone else with counselling.read gets the same record with `notes: null, notesReadable: false`.
 */
export async function getConsultation(ctx: AppContext, actor: Actor, id: number) {
  assertCan(actor, 'counselling.read');
  const sealed = await findInReach(
    actor,
    findConsultationWithNotes(ctx.db, id),
    (c) => c.org_path,
    '个案咨询不存在',
  );
  const [row] = await findConsultations(ctx.db, {
    orgPath: sealed.org_path,
    regionPath: '/',
    from: '0001-01-01',
    to: '9999-12-31',
  })
    .where('consultations.id', '=', id)
    .execute();
  const personId = await findPersonIdOfUser(ctx.db, actor.userId);
  const readable = canReadNotes(actor, personId, sealed);
  let notes: string | null = null;
  if (readable && sealed.notes_enc) {
    notes = ctx.cipher.decrypt(sealed.notes_enc);
    await recordAudit(ctx.db, actor, {
      action: 'reveal',
      entity: 'consultation',
      entityId: id,
      org: { path: sealed.org_path, code: row!.org_code },
      summary: `查看个案咨询 ${sealed.code} 的咨询记录`,
    });
  }
  return {
    ...presentConsultation(row!),
    notesReadable: readable,
    hasNotes: sealed.notes_enc !== null,
    notes,
  };
}

async function counsellorForRecording(ctx: AppContext, actor: Actor, counsellorId: number | undefined) {
  const personId = await findPersonIdOfUser(ctx.db, actor.userId);
  const own = personId === null ? undefined : await findCounsellorOfPerson(ctx.db, personId);
  const counsellor = counsellorId
    ? await ctx.db.selectFrom('counsellors').selectAll().where('id', '=', counsellorId).executeTakeFirst()
    : own;
  if (!counsellor)
    throw ValidationError.field(
      'counsellorId',
      counsellorId ?? null,
      '请指定心理咨询师（您的账号未关联心理咨询师）',
    );
  if (!canRecordFor(actor, personId, counsellor))
    throw new ForbiddenError('只有咨询师本人或心理督导可以填写个案咨询');
  return counsellor;
}

export async function createConsultation(ctx: AppContext, actor: Actor, input: NewConsultation) {
  assertCan(actor, 'consultation.write');
  const counsellor = await counsellorForRecording(ctx, actor, input.counsellorId);
  if (input.heldOn < counsellor.joined_on || (counsellor.left_on && input.heldOn >= counsellor.left_on))
    throw ValidationError.field('heldOn', input.heldOn, '咨询日期不在该咨询师的服务期内');
  return ctx.db.transaction().execute(async (trx) => {
    const org = await requireLedgerOrg(trx, actor, input.orgCode);
    const prefix = `${org.code}-GA`;
    const code = input.code ?? (await nextLedgerCode(trx, 'consultations', prefix, 5));
    const clash = `咨询编号 ${code} 已存在`;
    if (await isLedgerCodeTaken(trx, 'consultations', code)) throw new ConflictError(clash);
    const now = nowIso();
    const id = await refusingDuplicate(
      insertConsultation(trx, {
        code,
        held_on: input.heldOn,
        counsellor_id: counsellor.id,
        client_ref: input.clientRef,
        channel: input.channel,
        risk: input.risk ?? null,
        notes_enc: input.notes ? ctx.cipher.encrypt(input.notes) : null,
        org_id: org.id,
        org_path: org.path,
        created_at: now,
        updated_at: now,
      }),
      clash,
    );
    // The audit entry names the case, never what was said.
    await recordAudit(trx, actor, {
      action: 'create',
      entity: 'consultation',
      entityId: id,
      org: { path: org.path, code: org.code },
      summary: `登记个案咨询 ${code}（来访者 ${input.clientRef}）`,
    });
    return { id, code };
  });
}

export async function writeNotes(ctx: AppContext, actor: Actor, id: number, notes: string) {
  assertCan(actor, 'consultation.write');
  const sealed = await findInReach(
    actor,
    findConsultationWithNotes(ctx.db, id),
    (c) => c.org_path,
    '个案咨询不存在',
  );
  const personId = await findPersonIdOfUser(ctx.db, actor.userId);
  if (!canReadNotes(actor, personId, sealed))
    throw new ForbiddenError('只有咨询师本人或心理督导可以填写咨询记录');
  await ctx.db.transaction().execute(async (trx) => {
    await updateConsultation(trx, id, {
      notes_enc: notes ? ctx.cipher.encrypt(notes) : null,
      updated_at: nowIso(),
    });
    await recordAudit(trx, actor, {
      action: 'update',
      entity: 'consultation',
      entityId: id,
      org: { path: sealed.org_path, code: '' },
      summary: `修改个案咨询 ${sealed.code} 的咨询记录`,
    });
  });
  return { id };
}

/** High-risk cases still open: not yet followed up, or not yet referred to 12355 (DOMAIN.md). */
export async function listFollowUps(ctx: AppContext, actor: Actor, q: ScopeRequest) {
  const { rows } = await consultationRows(ctx, actor, { ...q, risk: 'high' });
  const items = rows.map(presentConsultation);
  return {
    hotline: YOUTH_HOTLINE,
    total: items.length,
    open: items.filter((r) => !r.followedUpOn || !r.referredOn).length,
    items: items.sort(
      (a, b) =>
        Number(Boolean(a.followedUpOn && a.referredOn)) - Number(Boolean(b.followedUpOn && b.referredOn)),
    ),
  };
}

export async function recordFollowUp(ctx: AppContext, actor: Actor, id: number, input: FollowUp) {
  const sealed = await findInReach(
    actor,
    findConsultationWithNotes(ctx.db, id),
    (c) => c.org_path,
    '个案咨询不存在',
  );
  const personId = await findPersonIdOfUser(ctx.db, actor.userId);
  const allowed =
    can(actor, 'counselling.write') ||
    canRecordFor(actor, personId, { person_id: sealed.counsellor_person_id, org_path: sealed.org_path });
  if (!allowed) throw new ForbiddenError('无权执行此操作：您的角色没有该权限');
  const current = await ctx.db
    .selectFrom('consultations')
    .select(['held_on', 'followed_up_on', 'referred_on'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  const followedUpOn = input.followedUpOn === undefined ? current.followed_up_on : input.followedUpOn;
  const referredOn = input.referredOn === undefined ? current.referred_on : input.referredOn;
  for (const [field, value] of [
    ['followedUpOn', followedUpOn],
    ['referredOn', referredOn],
  ] as const) {
    if (value && value < current.held_on) throw ValidationError.field(field, value, '日期不能早于咨询日期');
  }
  await ctx.db.transaction().execute(async (trx) => {
    await updateConsultation(trx, id, {
      followed_up_on: followedUpOn,
      referred_on: referredOn,
      updated_at: nowIso(),
    });
    await recordAudit(trx, actor, {
      action: 'update',
      entity: 'consultation',
      entityId: id,
      org: { path: sealed.org_path, code: '' },
      summary: `记录个案咨询 ${sealed.code} 的随访与转介`,
      detail: input,
    });
  });
  return { id, followedUpOn, referredOn };
}
