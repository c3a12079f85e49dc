import type { AppContext } from '../../context.ts';
import { nowIso } from '../../db/create-db.ts';
import { addDays, today } from '../../lib/dates.ts';
import { attachment, xlsxOf } from '../../lib/downloads.ts';
import { ConflictError, ValidationError } from '../../lib/errors.ts';
import { maskPhone } from '../../lib/text.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, assertCan, findInReach } from '../auth/auth.policy.ts';
import { latestElectionDays } from '../membership/branch-life.service.ts';
import { requireLedgerOrg, requireOrgInReach, requireOrgInScope } from '../orgs/orgs.service.ts';
import { requireReferencedPerson } from '../people/people.service.ts';
import { figuresOf, resolveLedgerScope } from '../reports/reports.service.ts';
import type { ScopeRequest } from '../shared.schemas.ts';
import { CADRE_MODES, CADRE_TITLES } from './cadres.labels.ts';
import {
  findActiveOrgs,
  findPost,
  findPosts,
  findSamePost,
  insertPost,
  type PostRow,
  updatePost,
} from './cadres.repository.ts';
import { termEndsOn, termYears } from './cadres.rules.ts';
import type { CadreQuery, NewPost, PostChanges, ReminderQuery } from './cadres.schemas.ts';

function presentPost(r: PostRow) {
  return {
    id: r.id,
    name: r.person_name,
    idNumberMasked: r.id_number_masked,
    title: r.title,
    mode: r.mode,
    source: r.source,
    startedOn: r.started_on,
    endedOn: r.ended_on,
    termEndsOn: termEndsOn(r.started_on, termYears({ kind: r.org_kind, domain: r.org_domain })),
    org: { code: r.org_code, name: r.org_name, level: r.org_level },
  };
}

async function postRows(ctx: AppContext, actor: Actor, q: CadreQuery) {
  const { org, scope } = await resolveLedgerScope(ctx, actor, 'service.read', q);
  let query = findPosts(ctx.db, scope, q.all ? null : scope.to);
  if (q.title) query = query.where('cadre_posts.title', '=', q.title);
  if (q.mode) query = query.where('cadre_posts.mode', '=', q.mode);
  return { org, scope, rows: await query.execute() };
}

export async function listPosts(ctx: AppContext, actor: Actor, q: CadreQuery) {
  const { scope, rows } = await postRows(ctx, actor, q);
  return { activeOn: q.all ? null : scope.to, total: rows.length, items: rows.map(presentPost) };
}

/** An organisation's team today: the posts held at that organisation itself. */
export async function currentTeam(ctx: AppContext, actor: Actor, code: string) {
  assertCan(actor, 'service.read');
  const org = await requireOrgInReach(ctx.db, actor, code);
  const rows = (await findPosts(ctx.db, { orgPath: org.path }, today()).execute()).filter(
    (r) => r.org_id === org.id,
  );
  const order = Object.keys(CADRE_TITLES);
  rows.sort((a, b) => order.indexOf(a.title) - order.indexOf(b.title));
  return {
    org: { code: org.code, name: org.name },
    termYears: termYears(org),
    // Masked like everywhere else; the whole number through the person's audited reveal.
    items: rows.map((r) => ({
      ...presentPost(r),
      personId: r.person_id,
      phoneMasked: r.phone ? maskPhone(r.phone) : null,
    })),
  };
}

/**
 * Which orgs under the path have a secretary on `on` — the one rule behind 缺书记 (issue 17, item 12): a secretary
 * post held that day (cadre ledger), or a 换届 that elected one and that no later recorded end of a secretary
 * post contradicts. An election's term running out is 任期已满 (the 换届 reminder), not a vacancy.
 */
async function orgsWithSecretary(ctx: AppContext, orgPath: string, on: string) {
  const secretaryPosts = (await findPosts(ctx.db, { orgPath }, null).execute()).filter(
    (p) => p.title === 'secretary' && p.started_on <= on,
  );
  const lastEnd = new Map<number, string>();
  const sitting = new Set<number>();
  for (const p of secretaryPosts) {
    if (!p.ended_on || p.ended_on > on) sitting.add(p.org_id);
    else if ((lastEnd.get(p.org_id) ?? '') < p.ended_on) lastEnd.set(p.org_id, p.ended_on);
  }
  for (const [orgId, heldOn] of await latestElectionDays(ctx, orgPath, on))
    if (heldOn >= (lastEnd.get(orgId) ?? '')) sitting.add(orgId);
  return sitting;
}

/**
 * 换届 and vacancy reminders (DOMAIN.md "Organisations"): active organisations without a secretary, and posts
 * whose term ends within `days` (or has already ended without a successor being recorded).
 */
export async function reminders(ctx: AppContext, actor: Actor, q: ReminderQuery) {
  assertCan(actor, 'service.read');
  const org = await requireOrgInScope(ctx.db, actor, q.org);
  const on = q.on ?? today();
  const horizon = addDays(on, q.days ?? 90);
  const posts = await findPosts(ctx.db, { orgPath: org.path }, on).execute();
  const withSecretary = await orgsWithSecretary(ctx, org.path, on);
  const vacancies = (await findActiveOrgs(ctx.db, org.path))
    .filter((o) => !withSecretary.has(o.id))
    .map((o) => ({ org: { code: o.code, name: o.name, level: o.level }, missing: '书记' }));
  const termsDue = posts
    .map(presentPost)
    .filter((p) => p.termEndsOn <= horizon)
    .map((p) => ({ ...p, overdue: p.termEndsOn <= on }))
    .sort((a, b) => a.termEndsOn.localeCompare(b.termEndsOn));
  return { on, horizon, vacancies, termsDue };
}

/** The county's cadre structure at a glance; the three report figures come from the report's own queries. */
export async function structure(ctx: AppContext, actor: Actor, q: ScopeRequest) {
  const { org, scope } = await resolveLedgerScope(ctx, actor, 'service.read', q);
  const rows = await findPosts(ctx.db, scope, scope.to).execute();
  const byTitleAndMode: Record<string, Record<string, number>> = {};
  const bySource: Record<string, number> = {};
  const byLevel: Record<string, number> = {};
  for (const r of rows) {
    byTitleAndMode[r.title] ??= {};
    byTitleAndMode[r.title]![r.mode] = (byTitleAndMode[r.title]![r.mode] ?? 0) + 1;
    const source = r.source ?? '未填';
    bySource[source] = (bySource[source] ?? 0) + 1;
    byLevel[r.org_level] = (byLevel[r.org_level] ?? 0) + 1;
  }
  const figures = await figuresOf(ctx, scope, [
    'cadre.county_seconded_deputies',
    'cadre.county_parttime_deputies',
    'cadre.township_student_deputies',
  ]);
  return {
    org: { code: org.code, name: org.name },
    activeOn: scope.to,
    total: rows.length,
    countySecondedDeputies: figures['cadre.county_seconded_deputies'],
    countyPartTimeDeputies: figures['cadre.county_parttime_deputies'],
    townshipStudentDeputies: figures['cadre.township_student_deputies'],
    byTitleAndMode,
    bySource,
    byLevel,
  };
}

export async function createPost(ctx: AppContext, actor: Actor, input: NewPost) {
  assertCan(actor, 'service.write');
  if (input.endedOn && input.endedOn <= input.startedOn)
    throw ValidationError.field('endedOn', input.endedOn, '离任日期应晚于任职日期');
  const person = await requireReferencedPerson(ctx, actor, input);
  return ctx.db.transaction().execute(async (trx) => {
    const org = await requireLedgerOrg(trx, actor, input.orgCode);
    if (await findSamePost(trx, person.id, org.id, input.title, input.startedOn))
      throw new ConflictError('该人员在该组织同一日期的同一职务已登记');
    // A committee has one secretary at a time: the predecessor's end must be recorded first.
    if (input.title === 'secretary' && !input.endedOn) {
      const sitting = (await findPosts(trx, { orgPath: org.path }, input.startedOn).execute()).find(
        (p) => p.org_id === org.id && p.title === 'secretary',
      );
      if (sitting)
        throw new ConflictError(`${org.name}现任书记为 ${sitting.person_name}，请先登记其离任日期`);
    }
    const now = nowIso();
    const id = await insertPost(trx, {
      person_id: person.id,
      org_id: org.id,
      org_path: org.path,
      title: input.title,
      mode: input.mode,
      source: input.source ?? null,
      started_on: input.startedOn,
      ended_on: input.endedOn ?? null,
      created_at: now,
      updated_at: now,
    });
    await recordAudit(trx, actor, {
      action: 'create',
      entity: 'cadre_post',
      entityId: id,
      org: { path: org.path, code: org.code },
      summary: `任命 ${person.name} 为 ${org.name}${CADRE_TITLES[input.title]}（${CADRE_MODES[input.mode]}）`,
    });
    return { id };
  });
}

export async function changePost(ctx: AppContext, actor: Actor, id: number, changes: PostChanges) {
  assertCan(actor, 'service.write');
  await ctx.db.transaction().execute(async (trx) => {
    const post = await findInReach(actor, findPost(trx, id), (p) => p.org_path, '任职记录不存在');
    const endedOn = changes.endedOn === undefined ? post.ended_on : changes.endedOn;
    if (endedOn && endedOn <= post.started_on)
      throw ValidationError.field('endedOn', endedOn, '离任日期应晚于任职日期');
    await updatePost(trx, id, {
      mode: changes.mode ?? post.mode,
      source: changes.source === undefined ? post.source : changes.source,
      ended_on: endedOn,
      updated_at: nowIso(),
    });
    await recordAudit(trx, actor, {
      action: 'update',
      entity: 'cadre_post',
      entityId: id,
      org: { path: post.org_path, code: '' },
      summary: endedOn && !post.ended_on ? `登记离任（${endedOn}）` : '修改任职记录',
      detail: changes,
    });
  });
  return { id };
}

export async function exportPosts(ctx: AppContext, actor: Actor, q: CadreQuery) {
  const { org, rows } = await postRows(ctx, actor, q);
  const file = await xlsxOf(
    '团干部',
    [
      { header: '姓名', key: 'name' },
      { header: '证件号码', key: 'idNumberMasked', width: 22 },
      { header: '组织', key: 'org', width: 24 },
      { header: '职务', key: 'title' },
      { header: '任职方式', key: 'mode' },
      { header: '人员来源', key: 'source' },
      { header: '任职日期', key: 'startedOn' },
      { header: '离任日期', key: 'endedOn' },
      { header: '届满日期', key: 'termEndsOn' },
    ],
    rows.map((r) => ({
      ...presentPost(r),
      org: r.org_name,
      title: CADRE_TITLES[r.title as keyof typeof CADRE_TITLES] ?? r.title,
      mode: CADRE_MODES[r.mode as keyof typeof CADRE_MODES] ?? r.mode,
    })),
  );
  await recordAudit(ctx.db, actor, {
    action: 'export',
    entity: 'cadre_post',
    org: { path: org.path, code: org.code },
    summary: `导出 ${org.name} 团干部 ${rows.length} 条`,
    detail: q,
  });
  return { file, disposition: attachment('团干部.xlsx') };
}
