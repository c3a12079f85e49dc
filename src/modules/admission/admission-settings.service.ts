import type { AppContext } from '../../context.ts';
import { type Db, nowIso } from '../../db/create-db.ts';
import { ValidationError } from '../../lib/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor } from '../auth/auth.policy.ts';
import { requireOrgInScope } from '../orgs/orgs.service.ts';
import { assertCanConfigure, assertCanReadAdmissions } from './admission.policy.ts';
import { countAdmittedInYear } from './admission.repository.ts';
import {
  findQuotasAlong,
  findQuotasUnder,
  findSettingsAlong,
  upsertQuota,
  upsertSettings,
} from './admission-settings.repository.ts';

/** The seed county's defaults (DOMAIN.md "Admission": local conditions and quotas). */
export const DEFAULT_SETTINGS = {
  civicsRequired: true,
  minClassHours: 8,
  minVolunteerHours: 20,
  voteBase: 'attending' as 'attending' | 'should_attend',
  quotaJuniorPct: 30,
  quotaSeniorPct: 60,
};
export type AdmissionSettings = typeof DEFAULT_SETTINGS & { setBy: { code: string; name: string } | null };

/** The settings that govern an org: those of its nearest ancestor (or itself) that set any, else defaults. */
export async function effectiveSettings(db: Db, path: string): Promise<AdmissionSettings> {
  const row = (await findSettingsAlong(db, path)).at(-1);
  if (!row) return { ...DEFAULT_SETTINGS, setBy: null };
  return {
    civicsRequired: row.civics_required === 1,
    minClassHours: row.min_class_hours_tenths / 10,
    minVolunteerHours: row.min_volunteer_hundredths / 100,
    voteBase: row.vote_base === 'should_attend' ? 'should_attend' : 'attending',
    quotaJuniorPct: row.quota_junior_pct,
    quotaSeniorPct: row.quota_senior_pct,
    setBy: { code: row.org_code, name: row.org_name },
  };
}

export async function getSettings(ctx: AppContext, actor: Actor, orgCode?: string) {
  const org = await requireOrgInScope(ctx.db, actor, orgCode);
  assertCanReadAdmissions(actor, org.path);
  return { org: { code: org.code, name: org.name }, ...(await effectiveSettings(ctx.db, org.path)) };
}

export interface SettingsInput {
  org: string;
  civicsRequired: boolean;
  minClassHours: number;
  minVolunteerHours: number;
  voteBase: 'attending' | 'should_attend';
  quotaJuniorPct: number;
  quotaSeniorPct: number;
}

export async function saveSettings(ctx: AppContext, actor: Actor, input: SettingsInput) {
  const org = await requireOrgInScope(ctx.db, actor, input.org);
  assertCanConfigure(actor, org);
  if (org.kind === 'branch')
    throw ValidationError.field('org', input.org, '发展团员条件由团委设置，不能设在团支部');
  // DOMAIN.md: 8 学时 of 团课 is the league's own rule; a county may ask for more, never less.
  if (input.minClassHours < 8)
    throw ValidationError.field('minClassHours', input.minClassHours, '团课学时不能低于团章规定的8学时');
  await ctx.db.transaction().execute(async (trx) => {
    await upsertSettings(trx, {
      org_id: org.id,
      org_path: org.path,
      civics_required: input.civicsRequired ? 1 : 0,
      min_class_hours_tenths: Math.round(input.minClassHours * 10),
      min_volunteer_hundredths: Math.round(input.minVolunteerHours * 100),
      vote_base: input.voteBase,
      quota_junior_pct: input.quotaJuniorPct,
      quota_senior_pct: input.quotaSeniorPct,
      updated_at: nowIso(),
    });
    await recordAudit(trx, actor, {
      action: 'update',
      entity: 'admission_settings',
      entityId: org.code,
      org: { path: org.path, code: org.code },
      summary: `设置 ${org.name} 发展团员条件`,
      detail: input,
    });
  });
  return getSettings(ctx, actor, org.code);
}

export interface QuotaInput {
  org: string;
  year: number;
  schoolStage: 'junior' | 'senior';
  graduates: number;
  membersBefore: number;
}

export async function saveQuota(ctx: AppContext, actor: Actor, input: QuotaInput) {
  const org = await requireOrgInScope(ctx.db, actor, input.org);
  assertCanConfigure(actor, org);
  if (input.membersBefore > input.graduates)
    throw ValidationError.field('membersBefore', input.membersBefore, '已有团员数不能多于毕业班人数');
  await ctx.db.transaction().execute(async (trx) => {
    await upsertQuota(trx, {
      org_id: org.id,
      org_path: org.path,
      year: input.year,
      school_stage: input.schoolStage,
      graduates: input.graduates,
      members_before: input.membersBefore,
      updated_at: nowIso(),
    });
    await recordAudit(trx, actor, {
      action: 'update',
      entity: 'admission_quota',
      entityId: `${org.code}/${input.year}/${input.schoolStage}`,
      org: { path: org.path, code: org.code },
      summary: `登记 ${org.name} ${input.year} 年${input.schoolStage === 'junior' ? '初中' : '高中'}毕业班 ${input.graduates} 人`,
      detail: input,
    });
  });
  return listQuotas(ctx, actor, org.code);
}

export async function listQuotas(ctx: AppContext, actor: Actor, orgCode?: string) {
  const org = await requireOrgInScope(ctx.db, actor, orgCode);
  assertCanReadAdmissions(actor, org.path);
  const rows = await findQuotasUnder(ctx.db, org.path);
  const items = [];
  for (const q of rows) {
    const settings = await effectiveSettings(ctx.db, q.org_path);
    const admitted = await countAdmittedInYear(ctx.db, q.org_path, q.year);
    const capPct = q.school_stage === 'junior' ? settings.quotaJuniorPct : settings.quotaSeniorPct;
    items.push({
      org: { code: q.org_code, name: q.org_name },
      year: q.year,
      schoolStage: q.school_stage,
      graduates: q.graduates,
      membersBefore: q.members_before,
      admitted,
      capPct,
      sharePct: q.graduates > 0 ? Math.round(((q.members_before + admitted) * 1000) / q.graduates) / 10 : 0,
    });
  }
  return { items };
}

/**
 * DOMAIN.md: members among a school's graduating class at most 30% (初中) / 60% (高中), warned when exceeded.
 * The quota that applies is the deepest one registered on the branch's path for the year of joining.
 */
export async function quotaWarning(db: Db, branchPath: string, joiningYear: number): Promise<string | null> {
  const quota = (await findQuotasAlong(db, branchPath, joiningYear)).at(-1);
  if (!quota || quota.graduates <= 0) return null;
  const settings = await effectiveSettings(db, quota.org_path);
  const capPct = quota.school_stage === 'junior' ? settings.quotaJuniorPct : settings.quotaSeniorPct;
  const admitted = await countAdmittedInYear(db, quota.org_path, joiningYear);
  const after = quota.members_before + admitted + 1;
  if (after * 100 <= capPct * quota.graduates) return null;
  const stage = quota.school_stage === 'junior' ? '初中' : '高中';
  const pct = Math.round((after * 1000) / quota.graduates) / 10;
  return `超出名额：${quota.org_name} ${joiningYear} 年${stage}毕业班 ${quota.graduates} 人，批准后团员 ${after} 人（${pct}%），超过上限 ${capPct}%`;
}
