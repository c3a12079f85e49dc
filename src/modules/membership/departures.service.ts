import type { AppContext } from '../../context.ts';
import { type Db, nowIso } from '../../db/create-db.ts';
import { addDays, addMonths, addYears, ageOn, ageToday, lastDayOfMonth, today } from '../../lib/dates.ts';
import { ConflictError, type Problem, ValidationError } from '../../lib/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, assertCan, findInReach, reaches } from '../auth/auth.policy.ts';
import { requireOrgInScope } from '../orgs/orgs.service.ts';
import { findPersonById, leaveLeague, type PersonRow } from '../people/people.service.ts';
import {
  decideLapse,
  findDeparturesUnder,
  findLapseById,
  findLapsesUnder,
  findOpenLapse,
  findPostHolders,
  findRecentActivity,
  insertDeparture,
  insertLapse,
} from './departures.repository.ts';
import type { AgeingOutQuery, NewDepartures, NewLapse } from './departures.schemas.ts';
import { findMembersUnder } from './members.repository.ts';
import { assertDate, requireMember, requirePersonInScope, xlsxOf } from './membership.common.ts';
import { DEPARTURE_REASONS, type DepartureReason } from './membership.labels.ts';
import { assertLapseDecision, lapseDecisionRefusal, lapseProposalRefusal } from './membership.policy.ts';

/** DOMAIN.md: at 28 a member without a league post leaves. */
export const LEAVING_AGE = 28;
/** How far ahead the list looks by default. */
export const AGEING_OUT_NOTICE_DAYS = 90;
/** DOMAIN.md: six months without dues, meetings or work = 自行脱团. */
export const LAPSE_MONTHS = 6;

/** The day a member turns 28: his leaving date unless he holds a post. */
export function ageingOutOn(birthDate: string): string {
  return addYears(birthDate, LEAVING_AGE);
}

/**
 * The month (`2027-05`) a member turns 28: what lists show. The day would be his birth date, which beside the
 * masked identity number fills in the hidden digits (DESIGN.md).
 */
export function ageingOutMonth(birthDate: string): string {
  return ageingOutOn(birthDate).slice(0, 7);
}

async function ageingOut(ctx: AppContext, actor: Actor, query: AgeingOutQuery) {
  assertCan(actor, 'person.read');
  const org = await requireOrgInScope(ctx.db, actor, query.org);
  const asked = query.until ?? addDays(today(), AGEING_OUT_NOTICE_DAYS);
  assertDate('until', asked);
  // Whole months only: a day-by-day `until` would tell each member's birthday.
  const until = lastDayOfMonth(asked);
  const due = (await findMembersUnder(ctx.db, org.path)).filter((m) => ageingOutOn(m.birth_date) <= until);
  const holders = await findPostHolders(
    ctx.db,
    due.map((m) => m.id),
    today(),
  );
  const items = due
    .filter((m) => !holders.has(m.id))
    .map((m) => ({
      personId: m.id,
      name: m.name,
      idNumberMasked: m.id_number_masked,
      age: ageToday(m.birth_date),
      ageOutMonth: ageingOutMonth(m.birth_date),
      overdue: ageingOutOn(m.birth_date) <= today(),
      branch: { code: m.org_code, name: m.org_name },
      memberNo: m.member_no,
    }))
    .sort((a, b) =>
      a.ageOutMonth < b.ageOutMonth ? -1 : a.ageOutMonth > b.ageOutMonth ? 1 : a.personId - b.personId,
    );
  return { org, until, items, keptByPost: holders.size };
}

export async function listAgeingOut(ctx: AppContext, actor: Actor, query: AgeingOutQuery) {
  const { until, items, keptByPost } = await ageingOut(ctx, actor, query);
  return { until, items, keptByPost };
}

export async function exportAgeingOut(ctx: AppContext, actor: Actor, query: AgeingOutQuery): Promise<Buffer> {
  const { org, until, items } = await ageingOut(ctx, actor, query);
  const file = await xlsxOf(
    '超龄离团',
    [
      { header: '姓名', key: 'name', width: 12 },
      { header: '证件号码', key: 'idNumberMasked', width: 22 },
      { header: '年龄', key: 'age', width: 6 },
      { header: '年满28周岁（月）', key: 'ageOutMonth', width: 14 },
      { header: '团员编号', key: 'memberNo', width: 16 },
      { header: '团支部', key: 'branch', width: 30 },
    ],
    items.map((i) => ({ ...i, branch: i.branch.name })),
  );
  await recordAudit(ctx.db, actor, {
    action: 'export',
    entity: 'member_departure',
    org: { path: org.path, code: org.code },
    summary: `导出 ${org.name} 截至 ${until} 超龄离团名单 ${items.length} 人`,
  });
  return file;
}

/** The member leaves: the record keeps his branch and number; his person stays, no longer a member. */
async function recordLeaving(
  trx: Db,
  actor: Actor,
  person: PersonRow & { org_id: number },
  reason: DepartureReason,
  leftOn: string,
  note: string | null,
) {
  const now = nowIso();
  await insertDeparture(trx, {
    person_id: person.id,
    org_id: person.org_id,
    org_path: person.scope_path,
    reason,
    left_on: leftOn,
    member_no: person.member_no,
    note,
    recorded_by: actor.username,
    created_at: now,
    updated_at: now,
  });
  // He stays visible to his last branch's subtree (scope unchanged), with 入团日期 and 团员编号 kept.
  await leaveLeague(trx, person, now);
  await recordAudit(trx, actor, {
    action: 'update',
    entity: 'member_departure',
    entityId: person.id,
    org: { path: person.scope_path, code: person.org_code ?? '' },
    summary: `${DEPARTURE_REASONS[reason]}：${person.name}（${person.id_number_masked}），${leftOn}`,
  });
}

/** Records the leaving of members in one batch: all or nothing. */
export async function recordDepartures(ctx: AppContext, actor: Actor, input: NewDepartures) {
  assertCan(actor, 'person.write');
  assertDate('leftOn', input.leftOn);
  if (input.leftOn > today()) throw ValidationError.field('leftOn', input.leftOn, '离团日期不能晚于今天');
  const note = input.note?.trim() || null;
  if (input.reason === 'other' && !note) throw ValidationError.field('note', null, '其他原因离团请填写说明');
  return ctx.db.transaction().execute(async (trx) => {
    const problems: Problem[] = [];
    const people: (PersonRow & { org_id: number })[] = [];
    const holders = await findPostHolders(trx, input.personIds, input.leftOn);
    for (const [index, id] of input.personIds.entries()) {
      const fail = (reason: string) =>
        problems.push({ row: index + 1, column: 'personId', value: String(id), reason });
      const person = await findPersonById(trx, id);
      // Out of reach reads as missing: the list must not tell which ids exist in another county.
      if (!person || !reaches(actor, person.scope_path)) {
        fail(`人员 ${id} 不存在`);
        continue;
      }
      if (person.political_status !== 'league_member' || person.org_id == null) {
        fail(`${person.name} 不是在册团员`);
        continue;
      }
      if (people.some((p) => p.id === id)) {
        fail(`${person.name} 重复`);
        continue;
      }
      if (input.reason === 'age') {
        if (ageOn(person.birth_date, input.leftOn) < LEAVING_AGE)
          fail(`${person.name} 到 ${input.leftOn} 未满28周岁（${ageingOutMonth(person.birth_date)} 年满）`);
        else if (holders.has(id)) fail(`${person.name} 担任团内职务，可保留团籍`);
      }
      people.push(person as PersonRow & { org_id: number });
    }
    if (problems.length > 0) throw new ValidationError(problems.map((p) => p.reason).join('；'), problems);
    for (const p of people) await recordLeaving(trx, actor, p, input.reason, input.leftOn, note);
    return { recorded: people.length };
  });
}

export async function listDepartures(ctx: AppContext, actor: Actor, orgCode?: string) {
  assertCan(actor, 'person.read');
  const org = await requireOrgInScope(ctx.db, actor, orgCode);
  return {
    items: (await findDeparturesUnder(ctx.db, org.path)).map((d) => ({
      id: d.id,
      personId: d.person_id,
      name: d.name,
      age: ageToday(d.birth_date),
      reason: d.reason,
      leftOn: d.left_on,
      memberNo: d.member_no,
      note: d.note,
      branch: { code: d.org_code, name: d.org_name },
    })),
  };
}

/** The first day of the six months before `on`: 31 August looks back to 28 February, the month's last day. */
function lapseSince(on: string): string {
  return addMonths(on, -LAPSE_MONTHS);
}

/** Members with six months of nothing — no dues, no meeting, no volunteering — for their branch to decide. */
export async function listLapseFlags(ctx: AppContext, actor: Actor, orgCode?: string) {
  assertCan(actor, 'person.read');
  const org = await requireOrgInScope(ctx.db, actor, orgCode);
  const since = lapseSince(today());
  const members = (await findMembersUnder(ctx.db, org.path)).filter(
    (m) => !m.joined_on || m.joined_on <= since,
  );
  const recent = await findRecentActivity(
    ctx.db,
    members.map((m) => m.id),
    since,
  );
  const open = new Set(
    (await findLapsesUnder(ctx.db, org.path)).filter((l) => l.status === 'voted').map((l) => l.person_id),
  );
  return {
    since,
    items: members
      .filter((m) => !recent.dues.has(m.id) && !recent.meetings.has(m.id) && !recent.work.has(m.id))
      .map((m) => ({
        personId: m.id,
        name: m.name,
        idNumberMasked: m.id_number_masked,
        joinedOn: m.joined_on,
        branch: { code: m.org_code, name: m.org_name },
        actions:
          lapseProposalRefusal(actor, { name: m.name, scope_path: m.org_path }, open.has(m.id)) === null
            ? ['propose' as const]
            : [],
      })),
  };
}

/** The branch's vote to remove a member for 自行脱团; the organisation above approves. */
export async function proposeLapse(ctx: AppContext, actor: Actor, input: NewLapse) {
  assertCan(actor, 'person.write');
  assertDate('votedOn', input.votedOn);
  if (input.votedOn > today()) throw ValidationError.field('votedOn', input.votedOn, '表决日期不能晚于今天');
  return ctx.db.transaction().execute(async (trx) => {
    const person = requireMember(await requirePersonInScope(trx, actor, input.personId));
    const since = lapseSince(input.votedOn);
    const recent = await findRecentActivity(trx, [person.id], since);
    const last = recent.dues.get(person.id) ?? recent.meetings.get(person.id) ?? recent.work.get(person.id);
    if (last)
      throw ValidationError.field(
        'personId',
        person.id,
        `${person.name} 在 ${since} 之后仍有交纳团费、参加组织生活或志愿服务的记录（${last}），不属于自行脱团`,
      );
    const refusal = lapseProposalRefusal(actor, person, (await findOpenLapse(trx, person.id)) != null);
    if (refusal) throw refusal;
    const now = nowIso();
    const id = await insertLapse(trx, {
      person_id: person.id,
      org_id: person.org_id,
      org_path: person.scope_path,
      voted_on: input.votedOn,
      status: 'voted',
      note: input.note?.trim() || null,
      decided_on: null,
      decided_by: null,
      created_at: now,
      updated_at: now,
    });
    await recordAudit(trx, actor, {
      action: 'create',
      entity: 'lapse_case',
      entityId: id,
      org: { path: person.scope_path, code: person.org_code ?? '' },
      summary: `支部表决 ${person.name} 自行脱团，报上级批准`,
    });
    return { id };
  });
}

export async function decideLapseCase(ctx: AppContext, actor: Actor, id: number, approve: boolean) {
  assertCan(actor, 'person.write');
  return ctx.db.transaction().execute(async (trx) => {
    const lapse = await findInReach(actor, findLapseById(trx, id), (l) => l.org_path, '脱团处理不存在');
    assertLapseDecision(actor, lapse);
    // The update takes only a case still waiting: of two deciding at once, the second is told it is done.
    if (
      !(await decideLapse(trx, id, {
        status: approve ? 'approved' : 'rejected',
        decided_on: today(),
        decided_by: actor.username,
        updated_at: nowIso(),
      }))
    )
      throw new ConflictError('该脱团处理已办结');
    if (approve) {
      const person = requireMember((await findPersonById(trx, lapse.person_id))!);
      await recordLeaving(trx, actor, person, 'lapsed', today(), lapse.note);
    } else {
      await recordAudit(trx, actor, {
        action: 'update',
        entity: 'lapse_case',
        entityId: id,
        org: { path: lapse.org_path, code: lapse.org_code },
        summary: `不批准 ${lapse.name} 自行脱团处理`,
      });
    }
    return { id, status: approve ? 'approved' : 'rejected' };
  });
}

export async function listLapses(ctx: AppContext, actor: Actor, orgCode?: string) {
  assertCan(actor, 'person.read');
  const org = await requireOrgInScope(ctx.db, actor, orgCode);
  return {
    items: (await findLapsesUnder(ctx.db, org.path)).map((l) => ({
      id: l.id,
      personId: l.person_id,
      name: l.name,
      branch: { code: l.org_code, name: l.org_name },
      votedOn: l.voted_on,
      status: l.status,
      note: l.note,
      decidedOn: l.decided_on,
      actions: lapseDecisionRefusal(actor, l) === null ? ['decide' as const] : [],
    })),
  };
}
