import { addMonths, ageOn } from '../../lib/dates.ts';
import { dateColumn, enumColumn } from '../imports/columns.ts';
import { type ParsedRow, v } from '../imports/import-kind.ts';
import { labelsOf, orgCodeColumn, personColumn } from '../imports/ledger-columns.ts';
import { defineLedgerImport } from '../imports/ledger-import.ts';
import {
  ADMISSION_STATUSES,
  CIVICS_GRADES,
  PARTY_OUTCOMES,
  PARTY_STAGES,
  RECOMMENDED_BY,
} from './admission.labels.ts';

/** IMPORT-SPEC.md: the dates given must run in this order. */
const DATE_ORDER = [
  ['applied_on', '申请日期'],
  ['activist_on', '积极分子确定日期'],
  ['candidate_on', '发展对象确定日期'],
  ['branch_vote_on', '支部大会日期'],
  ['approved_on', '审批日期'],
] as const;

function dateOrderErrors(row: ParsedRow): { key: string; reason: string }[] {
  const errors: { key: string; reason: string }[] = [];
  let previous: { key: string; label: string; date: string } | null = null;
  for (const [key, label] of DATE_ORDER) {
    const date = v<string>(row, key);
    if (!date) continue;
    if (previous && date < previous.date)
      errors.push({ key, reason: `${label}不能早于${previous.label}（${previous.date}）` });
    previous = { key, label, date };
  }
  const joinedOn = v<string>(row, 'joined_on');
  if (joinedOn && joinedOn < v<string>(row, 'applied_on')!)
    errors.push({ key: 'joined_on', reason: '入团日期不能早于申请日期' });
  if (v<string>(row, 'status') === 'admitted' && !joinedOn)
    errors.push({ key: 'joined_on', reason: '状态为已入团时必须填写入团日期' });
  return errors;
}

export const admissionsImport = defineLedgerImport({
  kind: 'admissions',
  label: '发展团员',
  permission: 'person.write',
  table: 'admissions',
  naturalKey: ['person_id', 'applied_on'],
  columns: [
    personColumn(),
    dateColumn({
      header: '申请日期',
      key: 'applied_on',
      required: true,
      naturalKey: true,
      example: '2023-01-11',
    }),
    orgCodeColumn('组织编码', { format: '办理的团支部编码', example: 'SL-A-M03-C1' }),
    enumColumn({ header: '推荐方式', key: 'recommended_by', example: '团员推荐', labels: RECOMMENDED_BY }),
    enumColumn({
      header: '思政课评价',
      key: 'civics_grade',
      example: '优秀',
      labels: labelsOf(CIVICS_GRADES),
    }),
    dateColumn({ header: '积极分子确定日期', key: 'activist_on', example: '2023-02-06' }),
    dateColumn({ header: '发展对象确定日期', key: 'candidate_on', example: '2023-05-12' }),
    dateColumn({ header: '支部大会日期', key: 'branch_vote_on', example: '2023-07-22' }),
    dateColumn({ header: '审批日期', key: 'approved_on', example: '2023-08-05' }),
    dateColumn({ header: '入团日期', key: 'joined_on', example: '2023-07-22' }),
    enumColumn({
      header: '状态',
      key: 'status',
      required: true,
      example: '已入团',
      labels: ADMISSION_STATUSES,
    }),
  ],
  async toValues(row, refs, session) {
    const person = await refs.person(row, 'id_number');
    const org = await refs.org(row, 'org_code');
    const orderErrors = dateOrderErrors(row);
    for (const e of orderErrors) session.error(row, e.key, e.reason);
    if (!person || !org || orderErrors.length > 0) return null;
    const values = {
      person_id: person.id,
      org_id: org.id,
      org_path: org.path,
      applied_on: v<string>(row, 'applied_on')!,
      recommended_by: v<string>(row, 'recommended_by'),
      civics_grade: v<string>(row, 'civics_grade'),
      activist_on: v<string>(row, 'activist_on'),
      candidate_on: v<string>(row, 'candidate_on'),
      branch_vote_on: v<string>(row, 'branch_vote_on'),
      approved_on: v<string>(row, 'approved_on'),
      joined_on: v<string>(row, 'joined_on'),
      status: v<string>(row, 'status')!,
    };
    // DOMAIN.md rules that records of the past may break: warnings, the file is still taken.
    const age = ageOn(person.birth_date, values.applied_on);
    if (age < 14 || age > 28) session.warning(row, 'applied_on', `申请时 ${age} 周岁，不在14至28周岁之间`);
    // The procedure's own rule (admission.eligibility.ts 'activist_period'), so an import warns exactly where
    // makeCandidate would refuse.
    if (values.activist_on && values.candidate_on && values.candidate_on < addMonths(values.activist_on, 3)) {
      session.warning(row, 'candidate_on', '积极分子培养期不足3个月');
    }
    if (org.kind !== 'branch') session.warning(row, 'org_code', `办理组织 ${org.code} 不是团支部`);
    return values;
  },
});

export const partyRecommendationsImport = defineLedgerImport({
  kind: 'party-recommendations',
  label: '推优入党',
  permission: 'person.write',
  table: 'party_recommendations',
  naturalKey: ['person_id', 'recommended_on'],
  columns: [
    personColumn(),
    orgCodeColumn(),
    dateColumn({
      header: '推荐日期',
      key: 'recommended_on',
      required: true,
      naturalKey: true,
      example: '2023-02-27',
    }),
    enumColumn({
      header: '推荐类型',
      key: 'stage',
      required: true,
      example: '发展对象',
      labels: labelsOf(PARTY_STAGES),
    }),
    enumColumn({ header: '结果', key: 'outcome', example: '已推荐', labels: labelsOf(PARTY_OUTCOMES) }),
  ],
  async toValues(row, refs, session) {
    const person = await refs.person(row, 'id_number');
    const org = await refs.org(row, 'org_code');
    if (!person || !org) return null;
    const recommendedOn = v<string>(row, 'recommended_on')!;
    if (ageOn(person.birth_date, recommendedOn) < 18)
      session.warning(row, 'recommended_on', '推荐时未满18周岁');
    return {
      person_id: person.id,
      org_id: org.id,
      org_path: org.path,
      recommended_on: recommendedOn,
      stage: v<string>(row, 'stage')!,
      outcome: v<string>(row, 'outcome'),
    };
  },
});
