import type { AppContext } from '../../context.ts';
import { type Db, nowIso } from '../../db/create-db.ts';
import { ConflictError } from '../../lib/errors.ts';
import type { Actor } from '../auth/auth.policy.ts';
import { checkShouldAttend } from '../membership/membership.service.ts';
import { checklistFor, unmetFor } from './admission.eligibility.ts';
import { getAdmission, requireAdmissionFor } from './admission.read.ts';
import { type AdmissionRow, updateAdmission } from './admission.repository.ts';
import type { VoteCorrectionInput, VoteInput } from './admission.schemas.ts';
import { checkDate, recordStep, refuse, refuseAll } from './admission.service.ts';
import { effectiveSettings } from './admission-settings.service.ts';

/**
 * Checks a tally and says whether it passes. DOMAIN.md step 5: more than half of the voting members attend;
 * yes votes from more than half of those attending (or, where the county says so, of those who should
 * attend). 应到会 cannot exceed the branch's roster on the day (issue 17, item 5).
 */
async function judge(db: Db, a: AdmissionRow, input: VoteInput) {
  checkDate('on', input.on, { date: a.candidate_on, label: '确定发展对象日期' });
  if (a.publicity_to && input.on <= a.publicity_to)
    refuse('on', input.on, `公示期至 ${a.publicity_to} 结束，支部大会应在公示期满后召开`);
  await checkShouldAttend(db, { id: a.org_id, name: a.org_name }, input.on, input.shouldAttend);
  if (input.attended > input.shouldAttend) refuse('attended', input.attended, '到会人数不能多于应到人数');
  if (input.yes > input.attended) refuse('yes', input.yes, '赞成票不能多于到会人数');
  if (input.attended * 2 <= input.shouldAttend)
    refuse(
      'attended',
      input.attended,
      `应到 ${input.shouldAttend} 人，实到 ${input.attended} 人，未超过半数，会议无效`,
    );
  const settings = await effectiveSettings(db, a.org_path);
  const unmet = unmetFor(await checklistFor(db, a, settings, input.on), 'candidate');
  if (unmet.length > 0) refuseAll(unmet);
  const base = settings.voteBase === 'should_attend' ? input.shouldAttend : input.attended;
  const baseLabel = settings.voteBase === 'should_attend' ? '应到会' : '到会';
  const tally = `应到 ${input.shouldAttend} 人，实到 ${input.attended} 人，赞成 ${input.yes} 票`;
  const passed = input.yes * 2 > base;
  return {
    passed,
    note: passed ? `${tally}，通过` : `支部大会表决未通过：${tally}，未超过${baseLabel}人数的半数`,
  };
}

/**
 * Writes a tally. A failing one ends the path as 未通过, so it is recorded only once the secretary has
 * confirmed it (issue 17, item 5: a typo ended an application without a word).
 */
async function applyVote(
  db: Db,
  actor: Actor,
  a: AdmissionRow,
  input: VoteInput,
  correction?: { reason: string },
) {
  const { passed, note } = await judge(db, a, input);
  if (!passed && !input.confirmFailure)
    throw new ConflictError(`${note}。记录后该申请将结束（未通过）；确认无误请勾选“确认表决未通过”`, {
      voteFails: true,
    });
  const votes = {
    vote_should_attend: input.shouldAttend,
    vote_attended: input.attended,
    vote_yes: input.yes,
    updated_at: nowIso(),
  };
  // DOMAIN.md: membership dates from this vote; joined_on is written on approval, with the status.
  await updateAdmission(
    db,
    a.id,
    passed
      ? { ...votes, status: 'candidate', branch_vote_on: input.on, ended_on: null, end_reason: null }
      : { ...votes, status: 'rejected', branch_vote_on: null, ended_on: input.on, end_reason: note },
  );
  const step = correction ? 'vote_corrected' : 'vote';
  const text = correction ? `更正原因：${correction.reason}；${note}` : note;
  await recordStep(db, actor, a, step, input.on, text, input);
}

export async function recordVote(ctx: AppContext, actor: Actor, id: number, input: VoteInput) {
  await ctx.db.transaction().execute(async (trx) => {
    const a = await requireAdmissionFor(trx, actor, id, 'vote');
    await applyVote(trx, actor, a, input);
  });
  return getAdmission(ctx, actor, id);
}

/** Corrects a mis-typed tally, with a reason kept on the timeline and in the audit log. */
export async function correctVote(ctx: AppContext, actor: Actor, id: number, input: VoteCorrectionInput) {
  const reason = input.reason.trim();
  if (reason.length < 2) refuse('reason', input.reason, '请填写更正原因');
  await ctx.db.transaction().execute(async (trx) => {
    const a = await requireAdmissionFor(trx, actor, id, 'vote-correction');
    await applyVote(trx, actor, a, input, { reason });
  });
  return getAdmission(ctx, actor, id);
}
