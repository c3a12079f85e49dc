import type { AppContext } from '../../context.ts';
import { nowIso } from '../../db/create-db.ts';
import { refusingDuplicate } from '../../db/unique-violation.ts';
import { ConflictError, ValidationError } from '../../lib/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, assertCan, findInReach } from '../auth/auth.policy.ts';
import { isLedgerCodeTaken, nextLedgerCode } from '../numbering/numbering.service.ts';
import { requireLedgerOrg } from '../orgs/orgs.service.ts';
import { requireReferencedPerson } from '../people/people.service.ts';
import { findRegionByCode } from '../regions/regions.service.ts';
import { resolveLedgerScope } from '../reports/reports.service.ts';
import type { ScopeRequest } from '../shared.schemas.ts';
import {
  findActiveCounsellors,
  findConsultations,
  findCounsellor,
  findCounsellorOfPerson,
  findOutreachEvents,
  insertCounsellor,
  insertOutreachEvent,
  updateCounsellor,
} from './counselling.repository.ts';
import type { CounsellorChanges, NewCounsellor, NewOutreach } from './counselling.schemas.ts';

export async function listCounsellors(ctx: AppContext, actor: Actor, q: ScopeRequest) {
  const { scope } = await resolveLedgerScope(ctx, actor, 'counselling.read', q);
  const rows = await findActiveCounsellors(ctx.db, scope).execute();
  return {
    activeOn: scope.to,
    total: rows.length,
    items: rows.map((r) => ({
      id: r.id,
      name: r.person_name,
      idNumberMasked: r.id_number_masked,
      certificate: r.certificate,
      certificateNo: r.certificate_no,
      joinedOn: r.joined_on,
      leftOn: r.left_on,
      org: { code: r.org_code, name: r.org_name },
    })),
  };
}

export async function createCounsellor(ctx: AppContext, actor: Actor, input: NewCounsellor) {
  assertCan(actor, 'counselling.write');
  if (input.leftOn && input.leftOn < input.joinedOn)
    throw ValidationError.field('leftOn', input.leftOn, '退出日期不能早于加入日期');
  const person = await requireReferencedPerson(ctx, actor, input);
  return ctx.db.transaction().execute(async (trx) => {
    const org = await requireLedgerOrg(trx, actor, input.orgCode);
    if (await findCounsellorOfPerson(trx, person.id)) throw new ConflictError('该人员已登记为心理咨询师');
    const now = nowIso();
    const id = await insertCounsellor(trx, {
      person_id: person.id,
      org_id: org.id,
      org_path: org.path,
      certificate: input.certificate,
      certificate_no: input.certificateNo,
      joined_on: input.joinedOn,
      left_on: input.leftOn ?? null,
      created_at: now,
      updated_at: now,
    });
    await recordAudit(trx, actor, {
      action: 'create',
      entity: 'counsellor',
      entityId: id,
      org: { path: org.path, code: org.code },
      summary: `登记心理咨询师 ${person.name}（${input.certificate}）`,
    });
    return { id };
  });
}

export async function changeCounsellor(
  ctx: AppContext,
  actor: Actor,
  id: number,
  changes: CounsellorChanges,
) {
  assertCan(actor, 'counselling.write');
  await ctx.db.transaction().execute(async (trx) => {
    const c = await findInReach(actor, findCounsellor(trx, id), (r) => r.org_path, '心理咨询师不存在');
    const full = await trx
      .selectFrom('counsellors')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const leftOn = changes.leftOn === undefined ? full.left_on : changes.leftOn;
    if (leftOn && leftOn < full.joined_on)
      throw ValidationError.field('leftOn', leftOn, '退出日期不能早于加入日期');
    await updateCounsellor(trx, id, {
      certificate: changes.certificate ?? full.certificate,
      certificate_no: changes.certificateNo ?? full.certificate_no,
      left_on: leftOn,
      updated_at: nowIso(),
    });
    await recordAudit(trx, actor, {
      action: 'update',
      entity: 'counsellor',
      entityId: id,
      org: { path: c.org_path, code: '' },
      summary: `修改心理咨询师 ${c.person_name}`,
      detail: changes,
    });
  });
  return { id };
}

export async function listOutreach(ctx: AppContext, actor: Actor, q: ScopeRequest) {
  const { scope } = await resolveLedgerScope(ctx, actor, 'counselling.read', q);
  const rows = await findOutreachEvents(ctx.db, scope).execute();
  return {
    total: rows.length,
    reach: rows.reduce((sum, r) => sum + Number(r.reach), 0),
    items: rows.map((r) => ({
      id: r.id,
      code: r.code,
      title: r.title,
      heldOn: r.held_on,
      reach: Number(r.reach),
      region: { code: r.region_code, name: r.region_name },
      org: { code: r.org_code, name: r.org_name },
    })),
  };
}

export async function createOutreach(ctx: AppContext, actor: Actor, input: NewOutreach) {
  assertCan(actor, 'counselling.write');
  const region = await findRegionByCode(ctx.db, input.regionCode);
  if (!region)
    throw ValidationError.field('regionCode', input.regionCode, `行政区划 ${input.regionCode} 不存在`);
  // DOMAIN.md: outreach is held in villages and communities (or a township as a whole).
  if (!['township', 'village'].includes(region.level))
    throw ValidationError.field('regionCode', input.regionCode, '活动地点应为乡镇或村（社区）');
  return ctx.db.transaction().execute(async (trx) => {
    const org = await requireLedgerOrg(trx, actor, input.orgCode);
    const prefix = `${org.code}-XL`;
    const code = input.code ?? (await nextLedgerCode(trx, 'outreach_events', prefix));
    const clash = `活动编号 ${code} 已存在`;
    if (await isLedgerCodeTaken(trx, 'outreach_events', code)) throw new ConflictError(clash);
    const now = nowIso();
    const id = await refusingDuplicate(
      insertOutreachEvent(trx, {
        code,
        title: input.title,
        held_on: input.heldOn,
        region_id: region.id,
        reach: input.reach,
        org_id: org.id,
        org_path: org.path,
        created_at: now,
        updated_at: now,
      }),
      clash,
    );
    await recordAudit(trx, actor, {
      action: 'create',
      entity: 'outreach_event',
      entityId: id,
      org: { path: org.path, code: org.code },
      summary: `登记心理健康服务活动 ${input.title}（${input.reach} 人次）`,
    });
    return { id, code };
  });
}

/** Per month of the period: events, reach, consultations and high-risk cases — counts only. */
export async function counsellingStatistics(ctx: AppContext, actor: Actor, q: ScopeRequest) {
  const { scope } = await resolveLedgerScope(ctx, actor, 'counselling.read', q);
  const events = await findOutreachEvents(ctx.db, scope).execute();
  const consultations = await findConsultations(ctx.db, scope).execute();
  const counsellors = await findActiveCounsellors(ctx.db, scope).execute();
  const months = new Map<
    string,
    { month: string; events: number; reach: number; consultations: number; highRisk: number }
  >();
  const at = (date: string) => {
    const month = date.slice(0, 7);
    if (!months.has(month)) months.set(month, { month, events: 0, reach: 0, consultations: 0, highRisk: 0 });
    return months.get(month)!;
  };
  for (const e of events) {
    at(e.held_on).events++;
    at(e.held_on).reach += Number(e.reach);
  }
  for (const c of consultations) {
    at(c.held_on).consultations++;
    if (c.risk === 'high') at(c.held_on).highRisk++;
  }
  const byChannel: Record<string, number> = {};
  for (const c of consultations) byChannel[c.channel] = (byChannel[c.channel] ?? 0) + 1;
  return {
    period: { from: scope.from, to: scope.to },
    counsellors: counsellors.length,
    events: events.length,
    reach: events.reduce((s, e) => s + Number(e.reach), 0),
    consultations: consultations.length,
    highRisk: consultations.filter((c) => c.risk === 'high').length,
    byChannel,
    months: [...months.values()].sort((a, b) => a.month.localeCompare(b.month)),
  };
}
