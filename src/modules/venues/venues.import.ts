import { dateColumn, enumColumn, textColumn } from '../imports/columns.ts';
import { v } from '../imports/import-kind.ts';
import { orgCodeColumn, recordCodeColumn, regionCodeColumn } from '../imports/ledger-columns.ts';
import { defineLedgerImport } from '../imports/ledger-import.ts';
import { findRegionById } from '../regions/regions.service.ts';
import { VENUE_KINDS, VENUE_STATUSES } from './venues.labels.ts';

export const venuesImport = defineLedgerImport({
  kind: 'venues',
  label: '阵地',
  permission: 'service.write',
  table: 'venues',
  naturalKey: ['code'],
  columns: [
    recordCodeColumn('阵地编码', { example: 'SL-A-QN001' }),
    textColumn({
      header: '阵地名称',
      key: 'name',
      required: true,
      example: '示例县第1街道青年之家',
      maxLength: 100,
    }),
    enumColumn({ header: '阵地类型', key: 'kind', required: true, example: '青年之家', labels: VENUE_KINDS }),
    { ...regionCodeColumn(true), format: '乡镇（街道）或其下村（社区）的区划编码' },
    orgCodeColumn(),
    dateColumn({ header: '启用日期', key: 'opened_on', example: '2022-03-23' }),
    enumColumn({
      header: '状态',
      key: 'status',
      example: '正常',
      labels: VENUE_STATUSES,
      format: '正常 / 停用（默认正常）',
    }),
  ],
  async toValues(row, refs, session) {
    const org = await refs.org(row, 'org_code');
    const region = await refs.region(row, 'region_code');
    if (region) {
      // IMPORT-SPEC.md: a township, or a village/community under one.
      const parent =
        region.level === 'village' && region.parent_id
          ? await refs.memo(`region:${region.parent_id}`, () => findRegionById(refs.db, region.parent_id!))
          : undefined;
      if (region.level !== 'township' && parent?.level !== 'township') {
        session.error(row, 'region_code', '阵地所在区划应为乡镇（街道）或其下的村（社区）');
        return null;
      }
    }
    if (!org || !region) return null;
    return {
      code: v<string>(row, 'code')!,
      name: v<string>(row, 'name')!,
      kind: v<string>(row, 'kind')!,
      region_id: region.id,
      org_id: org.id,
      org_path: org.path,
      opened_on: v<string>(row, 'opened_on'),
      status: v<string>(row, 'status') ?? 'active',
    };
  },
});
