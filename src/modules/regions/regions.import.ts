import { nowIso } from '../../db/create-db.ts';
import { codeColumn, enumColumn, textColumn } from '../imports/columns.ts';
import { type ImportKind, v } from '../imports/import-kind.ts';
import { REGION_LEVELS, type RegionLevel, regionLevelAbove } from './regions.labels.ts';
import { findRegionByCode, insertRegion, type RegionRow, updateRegion } from './regions.repository.ts';

const CODE = { pattern: /^\d{6,12}$/, reason: '区划编码应为6至12位数字' };

export const regionsImport: ImportKind = {
  kind: 'regions',
  label: '行政区划',
  permission: 'org.write',
  // Shared by every county: offered to, and taken from, the system administrator alone (imports.policy.ts).
  wholeTree: true,
  batchSize: 500,
  columns: [
    codeColumn({
      header: '区划编码',
      key: 'code',
      required: true,
      naturalKey: true,
      example: '419901001',
      ...CODE,
    }),
    textColumn({ header: '区划名称', key: 'name', required: true, example: '示例第1街道', maxLength: 100 }),
    enumColumn({ header: '区划级别', key: 'level', required: true, example: '乡镇', labels: REGION_LEVELS }),
    codeColumn({
      header: '上级区划编码',
      key: 'parent_code',
      example: '419901',
      ...CODE,
      format: '上一级区划的编码；最上级留空',
    }),
  ],
  open(session) {
    const { db, actor } = session;
    const cache = new Map<string, RegionRow>();
    const lookup = async (code: string) => cache.get(code) ?? (await findRegionByCode(db, code));
    return {
      async writeBatch(rows) {
        for (const row of rows) {
          const code = v<string>(row, 'code')!;
          const level = v<RegionLevel>(row, 'level')!;
          const parentCode = v<string>(row, 'parent_code');
          const above = regionLevelAbove(level);
          let parent: RegionRow | undefined;
          if (parentCode) {
            parent = await lookup(parentCode);
            if (!parent) {
              session.error(row, 'parent_code', `上级区划 ${parentCode} 不存在`);
              continue;
            }
            if (parent.level !== above) {
              session.error(
                row,
                'parent_code',
                `上级区划应为${above ? REGION_LEVELS[above] : '（无）'}级，实际为${REGION_LEVELS[parent.level as RegionLevel]}级`,
              );
              continue;
            }
          } else if (above) {
            session.error(row, 'parent_code', '除最上级外必须填写上级区划编码', null);
            continue;
          }
          if (actor.scopePath !== '/') {
            session.error(row, 'code', '行政区划是全市共用的基础数据，只有系统管理员可以导入');
            continue;
          }
          const existing = await lookup(code);
          const fields = { name: v<string>(row, 'name')!, level, parent_id: parent?.id ?? null };
          const path = `${parent?.path ?? '/'}`;
          if (!existing) {
            const now = nowIso();
            const id = await insertRegion(db, {
              code,
              ...fields,
              path: `${path}?`,
              created_at: now,
              updated_at: now,
            });
            await updateRegion(db, id, { path: `${path}${id}/` });
            cache.set(code, { id, code, ...fields, path: `${path}${id}/` });
            session.counted('inserted');
          } else if (
            existing.name === fields.name &&
            existing.level === level &&
            existing.parent_id === fields.parent_id
          ) {
            session.counted('unchanged');
          } else {
            if (existing.parent_id !== fields.parent_id) {
              session.error(row, 'parent_code', '不能通过导入更改已有区划的上级区划');
              continue;
            }
            await updateRegion(db, existing.id, { name: fields.name, level, updated_at: nowIso() });
            cache.set(code, { ...existing, ...fields });
            session.counted('updated');
          }
        }
      },
    };
  },
};
