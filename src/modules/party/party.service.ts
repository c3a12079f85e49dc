import type { AppContext } from '../../context.ts';
import { type Db, nowIso } from '../../db/create-db.ts';
import { addMonths, ageOn, today } from '../../lib/dates.ts';
import { xlsxOf } from '../../lib/downloads.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../lib/errors.ts';
import { PARTY_OUTCOMES, PARTY_STAGES } from '../admission/admission.labels.ts';
import { assertBranchStep, assertCanReadAdmissions } from '../admission/admission.policy.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor } from '../auth/auth.policy.ts';
import { assertCan, findInReach } from '../auth/auth.policy.ts';
import { checkShouldAttend } from '../membership/membership.service.ts';
import { requireOrgInScope } from '../orgs/orgs.service.ts';
import { findPersonById } from '../people/people.service.ts';
import {
  findCaseById,
  findCases,
  findOpenCaseOf,
  findRecommendationByKey,
  findRecommendations,
  insertCase,
  insertRecommendation,
  type PartyCaseRow,
  setRecommendationOutcome,
  updateCase,
} from './party.repository.ts';
import type { BallotInput, ScreenInput } from './party.schemas.ts';

export const PARTY_CASE_STATUSES = {
  screened: '已初步筛选',
  proposed: '支委会已提出',
  recommended: '已推荐',
  not_recommended: '未获推荐',
} as const;

function presentCase(c: PartyCaseRow) {
  return {
    id: c.id,
    person: { id: c.person_id, name: c.person_name, idNumberMasked: c.id_number_masked },
    org: { code: c.org_code, name: c.org_name },
    partyAppliedOn: c.party_applied_on,
    stage: c.stage,
    screenedOn: c.screened_on,
    proposedOn: c.proposed_on,
    ballot:
      c.ballot_on == null
        ? null
        : {
            on: c.ballot_on,
            shouldAttend: c.ballot_should_attend,
            attended: c.ballot_attended,
            yes: c.ballot_yes,
          },
    status: c.status,
    outcome: c.outcome,
  };
}

async function requireCase(db: Db, actor: Actor, id: number): Promise<PartyCaseRow> {
  assertCan(actor, 'person.read');
  return findInReach(actor, findCaseById(db, id), (c) => c.org_path, '推优入党记录不存在');
}

async function audit(
  db: Db,
  actor: Actor,
  c: { id: number; org_path: string; org_code: string },
  summary: string,
  detail?: unknown,
) {
  await recordAudit(db, actor, {
    action: 'update',
    entity: 'party_recommendation',
    entityId: c.id,
    org: { path: c.org_path, code: c.org_code },
    summary,
    detail,
  });
}

export async function listPartyRecommendations(ctx: AppContext, actor: Actor, orgCode?: string) {
  const org = await requireOrgInScope(ctx.db, actor, orgCode);
  assertCanReadAdmissions(actor, org.path);
  const [cases, ledger] = await Promise.all([
    findCases(ctx.db, org.path),
    findRecommendations(ctx.db, org.path),
  ]);
  return {
    org: { code: org.code, name: org.name },
    cases: cases.map(presentCase),
    recommendations: ledger.map((r) => ({
      id: r.id,
      person: { id: r.person_id, name: r.person_name, idNumberMasked: r.id_number_masked },
      org: { code: r.org_code, name: r.org_name },
      recommendedOn: r.recommended_on,
      stage: r.stage,
      outcome: r.outcome,
    })),
  };
}

export async function getPartyCase(ctx: AppContext, actor: Actor, id: number) {
  return presentCase(await requireCase(ctx.db, actor, id));
}

/** DOMAIN.md 推优入党: the branch screens members aged 18+ whose Party application is 6 months old or more. */
export async function screenForParty(ctx: AppContext, actor: Actor, input: ScreenInput) {
  if (!(PARTY_STAGES as readonly string[]).includes(input.stage))
    throw ValidationError.field('stage', input.stage, `推荐类型应为：${PARTY_STAGES.join(' / ')}`);
  if (input.screenedOn > today())
    throw ValidationError.field('screenedOn', input.screenedOn, '日期不能晚于今天');
  const id = await ctx.db.transaction().execute(async (trx) => {
    const branch = await requireOrgInScope(trx, actor, input.orgCode);
    assertBranchStep(actor, branch);
    const person = await findPersonById(trx, input.personId);
    if (!person?.scope_path.startsWith(branch.path)) throw new NotFoundError('人员不存在或不是本支部团员');
    if (person.political_status !== 'league_member')
      throw ValidationError.field('personId', input.personId, `${person.name} 不是共青团员`);
    const age = ageOn(person.birth_date, input.screenedOn);
    if (age < 18)
      throw ValidationError.field(
        'personId',
        input.personId,
        `${person.name} 时年 ${age} 周岁，推优入党应年满18周岁`,
      );
    const ready = addMonths(input.partyAppliedOn, 6);
    if (input.screenedOn < ready)
      throw ValidationError.field(
        'partyAppliedOn',
        input.partyAppliedOn,
        `递交入党申请书未满6个月（${ready} 满6个月）`,
      );
    if (await findOpenCaseOf(trx, person.id)) throw new ConflictError(`${person.name} 已在推优入党程序中`);
    const now = nowIso();
    const newId = await insertCase(trx, {
      org_id: branch.id,
      org_path: branch.path,
      person_id: person.id,
      party_applied_on: input.partyAppliedOn,
      stage: input.stage,
      screened_on: input.screenedOn,
      status: 'screened',
      created_at: now,
      updated_at: now,
    });
    await audit(
      trx,
      actor,
      { id: newId, org_path: branch.path, org_code: branch.code },
      `推优入党初步筛选 ${person.name}（${person.id_number_masked}）`,
      input,
    );
    return newId;
  });
  return getPartyCase(ctx, actor, id);
}

export async function proposeForParty(ctx: AppContext, actor: Actor, id: number, on: string) {
  await ctx.db.transaction().execute(async (trx) => {
    const c = await requireCase(trx, actor, id);
    assertBranchStep(actor, { id: c.org_id, path: c.org_path });
    if (c.status !== 'screened') throw new ConflictError('只有初步筛选后的人选可以由支委会提出');
    if (on < c.screened_on || on > today())
      throw ValidationError.field('on', on, `日期应在 ${c.screened_on} 至今天之间`);
    await updateCase(trx, c.id, { status: 'proposed', proposed_on: on, updated_at: nowIso() });
    await audit(trx, actor, c, `支委会提出推优入党人选 ${c.person_name}`, { on });
  });
  return getPartyCase(ctx, actor, id);
}

/**
 * DOMAIN.md: the member meeting recommends by secret ballot; yes votes more than half of those who should
 * attend. A passed ballot writes the `party_recommendations` ledger row the answer sheet counts.
 */
export async function recordPartyBallot(ctx: AppContext, actor: Actor, id: number, input: BallotInput) {
  await ctx.db.transaction().execute(async (trx) => {
    const c = await requireCase(trx, actor, id);
    assertBranchStep(actor, { id: c.org_id, path: c.org_path });
    if (c.status !== 'proposed') throw new ConflictError('支委会提出人选后才能召开团员大会投票');
    if (input.on < c.proposed_on! || input.on > today())
      throw ValidationError.field('on', input.on, `日期应在 ${c.proposed_on} 至今天之间`);
    await checkShouldAttend(trx, { id: c.org_id, name: c.org_name }, input.on, input.shouldAttend);
    if (input.attended > input.shouldAttend)
      throw ValidationError.field('attended', input.attended, '到会人数不能多于应到人数');
    if (input.yes > input.attended) throw ValidationError.field('yes', input.yes, '赞成票不能多于到会人数');
    const passed = input.yes * 2 > input.shouldAttend;
    const now = nowIso();
    let recommendationId: number | null = null;
    if (passed) {
      if (await findRecommendationByKey(trx, c.person_id, input.on))
        throw new ConflictError('该团员当天已有推优入党记录');
      recommendationId = await insertRecommendation(trx, {
        person_id: c.person_id,
        org_id: c.org_id,
        org_path: c.org_path,
        recommended_on: input.on,
        stage: c.stage,
        outcome: '已推荐',
        created_at: now,
        updated_at: now,
      });
    }
    await updateCase(trx, c.id, {
      status: passed ? 'recommended' : 'not_recommended',
      ballot_on: input.on,
      ballot_should_attend: input.shouldAttend,
      ballot_attended: input.attended,
      ballot_yes: input.yes,
      recommendation_id: recommendationId,
      updated_at: now,
    });
    const tally = `应到 ${input.shouldAttend} 人，实到 ${input.attended} 人，赞成 ${input.yes} 票`;
    await audit(
      trx,
      actor,
      c,
      `推优入党无记名投票 ${c.person_name}：${tally}，${passed ? '通过' : '赞成票未超过应到会人数的半数，未获推荐'}`,
      input,
    );
  });
  return getPartyCase(ctx, actor, id);
}

/** What the Party did with the recommendation (已列为积极分子, 已入党, …), tracked on the ledger row. */
export async function recordPartyOutcome(ctx: AppContext, actor: Actor, id: number, outcome: string) {
  if (!(PARTY_OUTCOMES as readonly string[]).includes(outcome))
    throw ValidationError.field('outcome', outcome, `结果应为：${PARTY_OUTCOMES.join(' / ')}`);
  await ctx.db.transaction().execute(async (trx) => {
    const c = await requireCase(trx, actor, id);
    assertBranchStep(actor, { id: c.org_id, path: c.org_path });
    if (!c.recommendation_id) throw new ConflictError('尚未推荐，不能登记结果');
    await setRecommendationOutcome(trx, c.recommendation_id, outcome, nowIso());
    await audit(trx, actor, c, `推优入党结果 ${c.person_name}：${outcome}`, { outcome });
  });
  return getPartyCase(ctx, actor, id);
}

/** The 推优入党 ledger of a subtree as an .xlsx workbook, identity numbers masked; audited as an export. */
export async function exportPartyRecommendations(
  ctx: AppContext,
  actor: Actor,
  orgCode?: string,
): Promise<Buffer> {
  const org = await requireOrgInScope(ctx.db, actor, orgCode);
  assertCanReadAdmissions(actor, org.path);
  const rows = await findRecommendations(ctx.db, org.path);
  const content = await xlsxOf(
    '推优入党',
    [
      { header: '姓名', key: 'name', width: 10 },
      { header: '证件号码', key: 'id', width: 22 },
      { header: '组织', key: 'org', width: 28 },
      { header: '推荐日期', key: 'on', width: 12 },
      { header: '推荐类型', key: 'stage', width: 12 },
      { header: '结果', key: 'outcome', width: 14 },
    ],
    rows.map((r) => ({
      name: r.person_name,
      id: r.id_number_masked,
      org: r.org_name,
      on: r.recommended_on,
      stage: r.stage,
      outcome: r.outcome ?? '',
    })),
  );
  await recordAudit(ctx.db, actor, {
    action: 'export',
    entity: 'party_recommendation',
    org: { path: org.path, code: org.code },
    summary: `导出 ${org.name} 推优入党台账 ${rows.length} 条`,
  });
  return content;
}
