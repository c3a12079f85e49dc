import type { AppContext } from '../../context.ts';
import { addYears, today } from '../../lib/dates.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, assertCan } from '../auth/auth.policy.ts';
import { requireOrgInScope } from '../orgs/orgs.service.ts';
import { findOrgUnitNames, findUnits } from './coverage.repository.ts';
import { findBranchesUnder } from './members.repository.ts';
import { xlsxOf } from './membership.common.ts';

/** DOMAIN.md "Organisations": a unit with 3 or more members should have a branch; a branch has at most 50. */
export const BRANCH_THRESHOLD = 3;
export const BRANCH_MAX = 50;
/** Youth as the league counts them: 14 to 35 years of age. */
const YOUTH_MIN = 14;
const YOUTH_MAX = 35;

async function coverageOf(ctx: AppContext, actor: Actor, orgCode?: string) {
  assertCan(actor, 'person.read');
  const org = await requireOrgInScope(ctx.db, actor, orgCode);
  const now = today();
  const [units, organised, branches] = await Promise.all([
    // Born after this date they are not yet 36; born on or before the other, at least 14.
    findUnits(ctx.db, org.path, addYears(now, -(YOUTH_MAX + 1)), addYears(now, -YOUTH_MIN)),
    findOrgUnitNames(ctx.db, org.path),
    findBranchesUnder(ctx.db, org.path),
  ]);
  const items = units.map((u) => {
    const members = Number(u.members ?? 0);
    // An organisation is the unit's own when its unit name or its name begins with the unit's name:
    // 「城关镇嘉禾社区」 is organised by 「城关镇嘉禾社区居民委员会」's 「城关镇嘉禾社区团支部」.
    const hasBranch = organised.some((n) => n.startsWith(u.workplace!));
    return {
      unit: u.workplace!,
      members,
      youth: Number(u.youth ?? 0),
      hasBranch,
      gap: !hasBranch && members >= BRANCH_THRESHOLD,
    };
  });
  return {
    org,
    units: items,
    gaps: items.filter((i) => i.gap),
    largeBranches: branches
      .filter((b) => Number(b.members) > BRANCH_MAX)
      .map((b) => ({ branch: { code: b.code, name: b.name }, members: Number(b.members) })),
  };
}

export async function getCoverage(ctx: AppContext, actor: Actor, orgCode?: string) {
  const { units, gaps, largeBranches } = await coverageOf(ctx, actor, orgCode);
  return { units, gaps, largeBranches };
}

export async function exportCoverage(ctx: AppContext, actor: Actor, orgCode?: string): Promise<Buffer> {
  const { org, units } = await coverageOf(ctx, actor, orgCode);
  const file = await xlsxOf(
    '团组织覆盖',
    [
      { header: '单位', key: 'unit', width: 36 },
      { header: '团员数', key: 'members' },
      { header: '青年数', key: 'youth' },
      { header: '已建团组织', key: 'hasBranch' },
      { header: '应建未建', key: 'gap' },
    ],
    units.map((u) => ({ ...u, hasBranch: u.hasBranch ? '是' : '否', gap: u.gap ? '是' : '' })),
  );
  await recordAudit(ctx.db, actor, {
    action: 'export',
    entity: 'coverage',
    org: { path: org.path, code: org.code },
    summary: `导出 ${org.name} 团组织覆盖情况 ${units.length} 个单位`,
  });
  return file;
}
