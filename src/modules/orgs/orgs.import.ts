import { nowIso } from '../../db/create-db.ts';
import { reaches } from '../auth/auth.policy.ts';
import { codeColumn, dateColumn, enumColumn, textColumn } from '../imports/columns.ts';
import { type ImportKind, v } from '../imports/import-kind.ts';
import { findRegionByCode } from '../regions/regions.service.ts';
import { ORG_DOMAINS, ORG_KINDS, ORG_LEVELS, ORG_STATUSES } from './orgs.labels.ts';
import { lookAlikeNameProblem, ownRootProblems } from './orgs.policy.ts';
import { findOrgByCode, insertOrg, type OrgRow, updateOrg } from './orgs.repository.ts';
import { moveSubtree } from './orgs.service.ts';

const CODE = { pattern: /^[A-Za-z0-9-]{1,32}$/, reason: '组织编码只能包含字母、数字和 -，最多32位' };
const DOMAIN_LABELS = Object.fromEntries(ORG_DOMAINS.map((d) => [d, d])) as Record<string, string>;

export const orgsImport: ImportKind = {
  kind: 'orgs',
  label: '团组织',
  permission: 'org.write',
  batchSize: 500,
  columns: [
    codeColumn({
      header: '组织编码',
      key: 'code',
      required: true,
      naturalKey: true,
      example: 'SL-A-T01',
      ...CODE,
    }),
    textColumn({
      header: '组织名称',
      key: 'name',
      required: true,
      example: '共青团示例县第1街道工作委员会',
      maxLength: 100,
    }),
    enumColumn({ header: '组织类型', key: 'kind', required: true, example: '团工委', labels: ORG_KINDS }),
    enumColumn({ header: '组织层级', key: 'level', required: true, example: '乡镇', labels: ORG_LEVELS }),
    codeColumn({
      header: '上级组织编码',
      key: 'parent_code',
      example: 'SL-A',
      ...CODE,
      format: '上级组织的编码；最上级留空',
    }),
    enumColumn({
      header: '所属领域',
      key: 'domain',
      required: true,
      example: '乡镇街道',
      labels: DOMAIN_LABELS,
    }),
    codeColumn({
      header: '所在区划编码',
      key: 'region_code',
      required: true,
      example: '419901001',
      pattern: /^\d{6,12}$/,
      reason: '区划编码应为6至12位数字',
    }),
    textColumn({ header: '所在单位', key: 'unit_name', example: '', maxLength: 100 }),
    dateColumn({ header: '成立日期', key: 'established_on', example: '2020-05-04' }),
    enumColumn({
      header: '状态',
      key: 'status',
      example: '正常',
      labels: ORG_STATUSES,
      format: '正常 / 撤销（默认正常）',
    }),
  ],
  open(session) {
    const { db, actor } = session;
    const orgs = new Map<string, OrgRow>();
    const regionIds = new Map<string, number | null>();
    const org = async (code: string) => orgs.get(code) ?? (await findOrgByCode(db, code));
    const regionId = async (code: string) => {
      if (!regionIds.has(code)) regionIds.set(code, (await findRegionByCode(db, code))?.id ?? null);
      return regionIds.get(code)!;
    };
    return {
      async writeBatch(rows) {
        for (const row of rows) {
          const code = v<string>(row, 'code')!;
          const parentCode = v<string>(row, 'parent_code');
          const parent = parentCode ? await org(parentCode) : undefined;
          let ok = true;
          if (parentCode && !parent) {
            session.error(row, 'parent_code', `上级组织 ${parentCode} 不存在`);
            ok = false;
          } else if (parent && !reaches(actor, parent.path)) {
            session.error(row, 'parent_code', `上级组织 ${parentCode} 不在您的管理范围内`);
            ok = false;
          } else if (!parent && actor.scopePath !== '/') {
            session.error(row, 'parent_code', '只有系统管理员可以导入最上级组织，请填写上级组织编码', null);
            ok = false;
          }
          const regionCode = v<string>(row, 'region_code')!;
          const region = await regionId(regionCode);
          if (region == null) {
            session.error(row, 'region_code', `行政区划 ${regionCode} 不存在`);
            ok = false;
          }
          const existing = await org(code);
          if (existing && !reaches(actor, existing.path)) {
            session.error(row, 'code', `组织 ${code} 不在您的管理范围内`);
            ok = false;
          }
          if (existing && parent?.path.startsWith(existing.path)) {
            session.error(row, 'parent_code', '上级组织不能是该组织自己或它的下级');
            ok = false;
          }
          // The org API's rules (orgs.policy.ts): no look-alike committee, and his own root stays as the level
          // above made it. Only what the row changes is judged, so a re-import of an unchanged tree passes.
          const name = v<string>(row, 'name')!;
          const nameProblem = existing?.name === name ? null : lookAlikeNameProblem(actor, name);
          if (nameProblem) {
            session.error(row, 'name', nameProblem);
            ok = false;
          }
          if (existing) {
            const changed = (field: 'name' | 'level' | 'kind') =>
              v<string>(row, field) === existing[field] ? undefined : (v<string>(row, field) ?? undefined);
            for (const p of ownRootProblems(actor, existing, {
              name: changed('name'),
              level: changed('level'),
              kind: changed('kind'),
            })) {
              session.error(row, p.field, p.reason);
              ok = false;
            }
          }
          if (!ok) continue;
          const fields = {
            name: v<string>(row, 'name')!,
            kind: v<string>(row, 'kind')!,
            level: v<string>(row, 'level')!,
            domain: v<string>(row, 'domain')!,
            region_id: region!,
            unit_name: v<string>(row, 'unit_name'),
            established_on: v<string>(row, 'established_on'),
            status: v<string>(row, 'status') ?? 'active',
          };
          const parentPath = parent?.path ?? '/';
          if (!existing) {
            const now = nowIso();
            const id = await insertOrg(
              db,
              { code, ...fields, parent_id: parent?.id ?? null, created_at: now, updated_at: now },
              parentPath,
            );
            orgs.set(code, {
              id,
              code,
              ...fields,
              parent_id: parent?.id ?? null,
              path: `${parentPath}${id}/`,
            });
            session.counted('inserted');
            continue;
          }
          const moved = (existing.parent_id ?? null) !== (parent?.id ?? null);
          const changed =
            moved || (Object.keys(fields) as (keyof typeof fields)[]).some((k) => existing[k] !== fields[k]);
          if (!changed) {
            session.counted('unchanged');
            continue;
          }
          await updateOrg(db, existing.id, { ...fields, updated_at: nowIso() });
          if (moved) {
            // To another parent, or (system administrator only, checked above) to the top.
            await moveSubtree(db, existing, parent ?? null);
            // Paths below changed: cached descendants are stale.
            orgs.clear();
          } else orgs.set(code, { ...existing, ...fields });
          session.counted('updated');
        }
      },
    };
  },
};
