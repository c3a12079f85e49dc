import type { Db } from '../../db/create-db.ts';
import { findBranchVotes } from './admission.repository.ts';

/**
 * The branch meetings that voted on admissions (DOMAIN.md step 5), one per branch and day, for the branch's
 * 三会两制一课 (issue 17, item 11: the vote meeting is a 支部大会 and counts as one). Scoped by the caller's
 * path; the tally of the day is the largest recorded (candidates voted one by one at the same meeting).
 */
export async function branchVoteMeetings(db: Db, path: string, from: string, to: string) {
  const byDay = new Map<
    string,
    {
      orgId: number;
      orgPath: string;
      orgCode: string;
      orgName: string;
      heldOn: string;
      expected: number;
      attended: number;
      candidates: number;
    }
  >();
  for (const v of await findBranchVotes(db, path, from, to)) {
    const key = `${v.org_id}:${v.held_on}`;
    const day = byDay.get(key) ?? {
      orgId: v.org_id,
      orgPath: v.org_path,
      orgCode: v.org_code,
      orgName: v.org_name,
      heldOn: v.held_on,
      expected: 0,
      attended: 0,
      candidates: 0,
    };
    day.expected = Math.max(day.expected, v.vote_should_attend ?? 0);
    day.attended = Math.max(day.attended, v.vote_attended ?? 0);
    day.candidates += 1;
    byDay.set(key, day);
  }
  return [...byDay.values()];
}
