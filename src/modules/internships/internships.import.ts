import { dateColumn, enumColumn, integerColumn, textColumn } from '../imports/columns.ts';
import { v } from '../imports/import-kind.ts';
import { labelsOf, orgCodeColumn, personColumn, recordCodeColumn } from '../imports/ledger-columns.ts';
import { defineLedgerImport } from '../imports/ledger-import.ts';
import { INTERNSHIP_PROGRAMS, PLACEMENT_STATUSES } from './internships.labels.ts';

export const internshipPostsImport = defineLedgerImport({
  kind: 'internship-posts',
  label: '实习岗位',
  permission: 'service.write',
  table: 'internship_posts',
  dependents: [{ table: 'internship_placements', foreignKey: 'post_id' }],
  naturalKey: ['code'],
  columns: [
    recordCodeColumn('岗位编号', { example: 'SL-A-SX0001' }),
    textColumn({ header: '岗位名称', key: 'title', required: true, example: '政务助理', maxLength: 100 }),
    textColumn({
      header: '实习单位',
      key: 'employer',
      required: true,
      example: '县政务服务中心',
      maxLength: 100,
    }),
    enumColumn({
      header: '项目',
      key: 'program',
      required: true,
      example: '扬帆计划',
      labels: labelsOf(INTERNSHIP_PROGRAMS),
    }),
    integerColumn({ header: '名额', key: 'slots', required: true, min: 1, example: '3' }),
    dateColumn({ header: '开始日期', key: 'starts_on', required: true, example: '2023-07-01' }),
    dateColumn({ header: '结束日期', key: 'ends_on', example: '2023-08-31' }),
    orgCodeColumn(),
  ],
  async toValues(row, refs, session) {
    const org = await refs.org(row, 'org_code');
    const startsOn = v<string>(row, 'starts_on')!;
    const endsOn = v<string>(row, 'ends_on');
    if (endsOn && endsOn < startsOn) session.warning(row, 'ends_on', '结束日期早于开始日期');
    if (!org) return null;
    return {
      code: v<string>(row, 'code')!,
      title: v<string>(row, 'title')!,
      employer: v<string>(row, 'employer')!,
      program: v<string>(row, 'program')!,
      slots: v<number>(row, 'slots')!,
      starts_on: startsOn,
      ends_on: endsOn,
      org_id: org.id,
      org_path: org.path,
    };
  },
});

export const internshipPlacementsImport = defineLedgerImport({
  kind: 'internship-placements',
  label: '实习安排',
  permission: 'service.write',
  table: 'internship_placements',
  naturalKey: ['post_id', 'person_id'],
  columns: [
    recordCodeColumn('岗位编号', { key: 'post_code', example: 'SL-A-SX0001', refersTo: 'internship_posts' }),
    personColumn(),
    enumColumn({
      header: '状态',
      key: 'status',
      required: true,
      example: '已录用',
      labels: PLACEMENT_STATUSES,
    }),
  ],
  async toValues(row, refs) {
    const post = await refs.byCode(row, 'post_code', 'internship_posts', '实习岗位');
    const person = await refs.person(row, 'id_number');
    if (!post || !person) return null;
    return {
      post_id: post.id,
      person_id: person.id,
      org_id: post.org_id,
      org_path: post.org_path,
      status: v<string>(row, 'status')!,
    };
  },
});
