import { codeColumn, dateColumn, enumColumn, integerColumn, textColumn } from '../imports/columns.ts';
import { v } from '../imports/import-kind.ts';
import {
  labelsOf,
  orgCodeColumn,
  personColumn,
  recordCodeColumn,
  regionCodeColumn,
} from '../imports/ledger-columns.ts';
import { defineLedgerImport } from '../imports/ledger-import.ts';
import { CONSULTATION_CHANNELS, RISK_LEVELS } from './counselling.labels.ts';
import { findCounsellorOfPerson } from './counselling.repository.ts';

export const counsellorsImport = defineLedgerImport({
  kind: 'counsellors',
  label: '心理咨询师',
  permission: 'counselling.write',
  table: 'counsellors',
  naturalKey: ['person_id'],
  columns: [
    personColumn(),
    orgCodeColumn(),
    textColumn({
      header: '证书名称',
      key: 'certificate',
      required: true,
      example: '心理咨询师(三级)',
      maxLength: 100,
    }),
    textColumn({
      header: '证书编号',
      key: 'certificate_no',
      required: true,
      example: 'XL189069',
      maxLength: 50,
    }),
    dateColumn({ header: '加入日期', key: 'joined_on', required: true, example: '2023-03-25' }),
    dateColumn({ header: '退出日期', key: 'left_on', example: '' }),
  ],
  async toValues(row, refs, session) {
    const person = await refs.person(row, 'id_number');
    const org = await refs.org(row, 'org_code');
    const joinedOn = v<string>(row, 'joined_on')!;
    const leftOn = v<string>(row, 'left_on');
    if (leftOn && leftOn < joinedOn) session.warning(row, 'left_on', '退出日期早于加入日期');
    if (!person || !org) return null;
    return {
      person_id: person.id,
      org_id: org.id,
      org_path: org.path,
      certificate: v<string>(row, 'certificate')!,
      certificate_no: v<string>(row, 'certificate_no')!,
      joined_on: joinedOn,
      left_on: leftOn,
    };
  },
});

export const outreachImport = defineLedgerImport({
  kind: 'outreach',
  label: '心理健康服务活动',
  permission: 'counselling.write',
  table: 'outreach_events',
  naturalKey: ['code'],
  columns: [
    recordCodeColumn('活动编号', { example: 'SL-A-XL0001' }),
    textColumn({
      header: '活动名称',
      key: 'title',
      required: true,
      example: '心理健康进村讲座',
      maxLength: 100,
    }),
    dateColumn({ header: '活动日期', key: 'held_on', required: true, example: '2023-03-02' }),
    regionCodeColumn(true),
    orgCodeColumn(),
    integerColumn({ header: '覆盖人次', key: 'reach', required: true, min: 0, example: '40' }),
  ],
  async toValues(row, refs) {
    const region = await refs.region(row, 'region_code');
    const org = await refs.org(row, 'org_code');
    if (!region || !org) return null;
    return {
      code: v<string>(row, 'code')!,
      title: v<string>(row, 'title')!,
      held_on: v<string>(row, 'held_on')!,
      region_id: region.id,
      org_id: org.id,
      org_path: org.path,
      reach: v<number>(row, 'reach')!,
    };
  },
});

/** No name or identity number of a client is ever imported: the client is a pseudonym (IMPORT-SPEC.md). */
export const consultationsImport = defineLedgerImport({
  kind: 'consultations',
  label: '个案咨询',
  permission: 'counselling.write',
  table: 'consultations',
  naturalKey: ['code'],
  columns: [
    recordCodeColumn('咨询编号', { example: 'SL-A-GA00001' }),
    dateColumn({ header: '咨询日期', key: 'held_on', required: true, example: '2022-11-10' }),
    personColumn('咨询师证件号码', 'counsellor_id_number', false, '咨询师身份证号'),
    codeColumn({
      header: '来访者编号',
      key: 'client_ref',
      required: true,
      example: 'LF00033',
      pattern: /^[A-Za-z0-9]{1,32}$/,
      reason: '来访者编号只能包含字母和数字',
    }),
    enumColumn({
      header: '咨询方式',
      key: 'channel',
      required: true,
      example: '面询',
      labels: labelsOf(CONSULTATION_CHANNELS),
    }),
    enumColumn({ header: '风险等级', key: 'risk', example: '低', labels: RISK_LEVELS }),
    orgCodeColumn(),
  ],
  async toValues(row, refs, session) {
    const person = await refs.person(row, 'counsellor_id_number');
    const org = await refs.org(row, 'org_code');
    const counsellor = person
      ? await refs.memo(`counsellor:${person.id}`, () => findCounsellorOfPerson(refs.db, person.id))
      : undefined;
    if (person && !counsellor) {
      session.error(row, 'counsellor_id_number', '该人员不是已登记的心理咨询师，请先导入心理咨询师');
      return null;
    }
    if (!counsellor || !org) return null;
    return {
      code: v<string>(row, 'code')!,
      held_on: v<string>(row, 'held_on')!,
      counsellor_id: counsellor.id,
      client_ref: v<string>(row, 'client_ref')!,
      channel: v<string>(row, 'channel')!,
      risk: v<string>(row, 'risk'),
      org_id: org.id,
      org_path: org.path,
    };
  },
});
