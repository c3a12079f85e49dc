import type { Db } from '../../db/create-db.ts';
import { ValidationError } from '../../lib/errors.ts';
import { countMembersOfOrgOn } from './members.repository.ts';

/**
 * 应到会人数 of a branch meeting cannot exceed the branch's roster on the meeting's date (issue 17, item 5:
 * 10 and 24 were accepted for a 6-member branch, which made the quorum and the majority meaningless).
 * Fewer is allowed: members without a vote (e.g. under 留团察看) are not expected.
 */
export async function checkShouldAttend(
  db: Db,
  branch: { id: number; name?: string },
  on: string,
  shouldAttend: number,
): Promise<number> {
  const roster = await countMembersOfOrgOn(db, branch.id, on);
  if (shouldAttend > roster)
    throw ValidationError.field(
      'shouldAttend',
      shouldAttend,
      `应到会人数不能多于${branch.name ?? '本支部'}在册团员人数（${on} 时 ${roster} 人）`,
    );
  return roster;
}
