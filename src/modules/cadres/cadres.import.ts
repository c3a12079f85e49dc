import { dateColumn, enumColumn } from '../imports/columns.ts';
import { v } from '../imports/import-kind.ts';
import { labelsOf, orgCodeColumn, personColumn } from '../imports/ledger-columns.ts';
import { defineLedgerImport } from '../imports/ledger-import.ts';
import { CADRE_MODES, CADRE_SOURCES, CADRE_TITLES } from './cadres.labels.ts';

export const cadresImport = defineLedgerImport({
  kind: 'cadres',
  label: '团干部任职',
  permission: 'service.write',
  table: 'cadre_posts',
  naturalKey: ['person_id', 'org_id', 'title', 'started_on'],
  columns: [
    personColumn(),
    { ...orgCodeColumn(), naturalKey: true },
    enumColumn({
      header: '职务',
      key: 'title',
      required: true,
      naturalKey: true,
      example: '书记',
      labels: CADRE_TITLES,
    }),
    enumColumn({ header: '任职方式', key: 'mode', required: true, example: '兼职', labels: CADRE_MODES }),
    enumColumn({ header: '人员来源', key: 'source', example: '大学生', labels: labelsOf(CADRE_SOURCES) }),
    dateColumn({
      header: '任职日期',
      key: 'started_on',
      required: true,
      naturalKey: true,
      example: '2023-08-28',
      format: '日期（可只填年月，按当月1日）',
      // 智慧团建's 团干部 export keeps 任职年月 (a synonym of this column).
      monthPrecision: true,
    }),
    dateColumn({ header: '离任日期', key: 'ended_on', example: '' }),
  ],
  async toValues(row, refs, session) {
    const person = await refs.person(row, 'id_number');
    const org = await refs.org(row, 'org_code');
    const startedOn = v<string>(row, 'started_on')!;
    const endedOn = v<string>(row, 'ended_on');
    if (endedOn && endedOn < startedOn) {
      session.error(row, 'ended_on', '离任日期不能早于任职日期');
      return null;
    }
    if (!person || !org) return null;
    return {
      person_id: person.id,
      org_id: org.id,
      org_path: org.path,
      title: v<string>(row, 'title')!,
      mode: v<string>(row, 'mode')!,
      source: v<string>(row, 'source'),
      started_on: startedOn,
      ended_on: endedOn,
    };
  },
});
