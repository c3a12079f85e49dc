import type { AppContext } from '../context.ts';
import { addDays, addMonthsToMonth, addYears, monthRange, today } from '../lib/dates.ts';
import { systemActor } from '../modules/auth/auth.policy.ts';
import { recordElection, recordMeeting } from '../modules/membership/branch-life.service.ts';
import { recordPayments, setDuesBasis } from '../modules/membership/dues.service.ts';
import { findBranchesUnder, findMembersOfOrg } from '../modules/membership/members.repository.ts';
import { STUDENT_DOMAINS } from '../modules/membership/membership.labels.ts';
import { createCampaign, excellentCapOf, saveRatings } from '../modules/membership/registration.service.ts';
import { reviewStars, saveSelfScore, saveStarChecklist } from '../modules/membership/star-rating.service.ts';
import { acceptTransfer, declineTransfer, startTransfer } from '../modules/membership/transfers.service.ts';
import { changePerson } from '../modules/people/people.service.ts';

const INCOMES = ['1800', '2600', '3500', '4800', '5499', '6200', '8000', '12000'];
const TOPICS = [
  '学习习近平新时代中国特色社会主义思想',
  '学习团章',
  '主题团日：青春心向党',
  '组织生活会',
  '志愿服务动员',
];

/**
 * The league life of the demo county, recorded through the membership services as the committee and its
 * branches would: dues with some arrears, last year's registration and evaluation, this year's meetings,
 * elections (some terms running out), the star checklist with self-scores and stars, transfers in every
 * state (one waiting at the other county), and a firm whose members have no branch. Returns the number
 * of branches given a league life.
 */
export async function seedMembershipDemo(
  ctx: AppContext,
  countyCode: string,
  otherCountyCode: string,
): Promise<number> {
  const system = systemActor('演示数据');
  const county = (await ctx.db
    .selectFrom('orgs')
    .select(['path'])
    .where('code', '=', countyCode)
    .executeTakeFirst())!;
  const other = (await ctx.db
    .selectFrom('orgs')
    .select(['path'])
    .where('code', '=', otherCountyCode)
    .executeTakeFirst())!;
  const branches = (await findBranchesUnder(ctx.db, county.path))
    .filter((b) => Number(b.members) >= 3)
    .slice(0, 16);
  const now = today();
  const thisYear = Number(now.slice(0, 4));
  const lastMonth = addMonthsToMonth(now.slice(0, 7), -1);

  await createCampaign(ctx, system, {
    orgCode: countyCode,
    year: thisYear - 1,
    startsOn: `${thisYear - 1}-11-01`,
    endsOn: `${thisYear}-03-31`,
  });
  const campaign = (
    await ctx.db
      .selectFrom('registration_campaigns')
      .select('id')
      .where('year', '=', thisYear - 1)
      .where('org_path', '=', county.path)
      .executeTakeFirstOrThrow()
  ).id;
  const checklist = await saveStarChecklist(ctx, system, {
    orgCode: countyCode,
    year: thisYear,
    items: [
      { code: 'org', label: '组织设置与班子建设', points: 30 },
      { code: 'life', label: '三会两制一课落实', points: 30 },
      { code: 'members', label: '团员管理与团费收缴', points: 20 },
      { code: 'work', label: '服务青年与作用发挥', points: 20 },
    ],
  });

  for (const [i, b] of branches.entries()) {
    const members = await findMembersOfOrg(ctx.db, b.id);
    const student = STUDENT_DOMAINS.includes(b.domain);
    for (const [j, m] of members.entries())
      await setDuesBasis(
        ctx,
        system,
        m.id,
        student
          ? { category: 'student' }
          : { category: 'salaried', monthlyIncome: INCOMES[(i + j) % INCOMES.length]! },
      );
    // Paid month by month since January; every third branch stopped three months ago (arrears to chase).
    const stop = i % 3 === 2 ? addMonthsToMonth(lastMonth, -3) : lastMonth;
    for (const month of monthRange(`${thisYear}-01`, stop)) {
      const payers = members.filter((m) => !m.joined_on || m.joined_on.slice(0, 7) <= month);
      if (payers.length)
        await recordPayments(ctx, system, {
          branchCode: b.code,
          month,
          paidOn: `${month}-15` > now ? now : `${month}-15`,
          items: payers.map((m) => ({ personId: m.id })),
        });
    }
    const meetingOn = `${thisYear}-0${1 + (i % 3)}-20`;
    const rated = members.filter((m) => !m.joined_on || m.joined_on <= meetingOn);
    const excellent = excellentCapOf(rated.length);
    if (rated.length > 0)
      await saveRatings(ctx, system, campaign, b.code, {
        meetingOn,
        items: rated.map((m, j) => ({
          personId: m.id,
          grade:
            j < excellent
              ? 'excellent'
              : j === rated.length - 1 && rated.length > 5
                ? 'basically_qualified'
                : 'qualified',
          attended: j < Math.ceil((rated.length * 5) / 6),
        })),
      });
    for (let q = 0; q < (i % 4) + 1; q++) {
      const heldOn = addDays(`${thisYear}-0${1 + q * 3}-10`, i);
      if (heldOn > now) break;
      const present = members
        .filter((m, j) => (j + q) % 5 !== 0 && (!m.joined_on || m.joined_on <= heldOn))
        .map((m) => m.id);
      await recordMeeting(ctx, system, {
        branchCode: b.code,
        kind: q % 2 ? 'league_class' : 'general_meeting',
        heldOn,
        topic: TOPICS[(i + q) % TOPICS.length]!,
        attendeeIds: present,
      });
    }
    if (i % 4 !== 3) {
      const term = student ? 1 : 3;
      // Some terms run out within the reminder window, the others are well inside their term.
      const heldOn = i % 4 === 0 ? addDays(addYears(now, -term), 45) : addDays(now, -200 - i * 10);
      await recordElection(ctx, system, {
        branchCode: b.code,
        heldOn,
        termYears: term,
        secretaryName: members[0]!.name,
        committeeSize: members.length >= 7 ? 3 : 1,
      });
    }
    await saveSelfScore(ctx, system, checklist.id, b.code, {
      scores: { org: 30 - (i % 5), life: 28 - (i % 7), members: 20 - (i % 3), work: 18 - (i % 4) },
    });
  }
  // Stars for the first branches: one five-star (the 20% quota leaves room for few), the rest four or three.
  for (const [i, b] of branches.slice(0, 8).entries())
    await reviewStars(ctx, system, checklist.id, b.code, i === 0 ? 5 : i < 4 ? 4 : 3);

  // Transfers: one accepted within the county, one declined, one waiting at the other county.
  const otherBranch = (await findBranchesUnder(ctx.db, other.path))[0];
  const movers = await findMembersOfOrg(ctx.db, branches.at(-1)!.id);
  if (movers.length >= 4 && otherBranch) {
    const accepted = await startTransfer(ctx, system, {
      personId: movers[0]!.id,
      toOrgCode: branches[0]!.code,
      reason: 'work',
      reasonNote: '到县城工作',
    });
    await acceptTransfer(ctx, system, accepted.id, branches[0]!.code);
    const declined = await startTransfer(ctx, system, {
      personId: movers[1]!.id,
      toOrgCode: otherCountyCode,
      reason: 'relocation',
    });
    await declineTransfer(ctx, system, declined.id, '转入地址有误，请核实后重新发起');
    await startTransfer(ctx, system, {
      personId: movers[2]!.id,
      toOrgCode: otherCountyCode,
      reason: 'study',
      reasonNote: '考入西岭县职业中专',
    });
  }

  // A firm whose league members have no branch of their own: the coverage gap list shows it.
  const scattered = (await findMembersOfOrg(ctx.db, branches[1]!.id)).slice(-3);
  for (const m of scattered) await changePerson(ctx, system, m.id, { workplace: '东湖县鸿运物流有限公司' });
  // Every other branch with members has its secretary on record from its last 换届, as a county's ledger would:
  // without them the city saw ~400 缺书记 for branches that do have one (issue 17, item 12).
  const seeded = new Set(branches.map((b) => b.id));
  for (const path of [county.path, other.path])
    for (const [i, b] of (await findBranchesUnder(ctx.db, path)).entries()) {
      if (seeded.has(b.id) || Number(b.members) === 0) continue;
      const members = await findMembersOfOrg(ctx.db, b.id);
      await recordElection(ctx, system, {
        branchCode: b.code,
        heldOn: addDays(now, -60 - (i % 300)),
        termYears: STUDENT_DOMAINS.includes(b.domain) ? 1 : 3,
        secretaryName: members[0]!.name,
        committeeSize: members.length >= 7 ? 3 : 1,
      });
    }
  return branches.length;
}
