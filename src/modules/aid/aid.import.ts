import { fenToYuan } from '../../lib/money.ts';
import { dateColumn, enumColumn, moneyColumn, textColumn } from '../imports/columns.ts';
import { v } from '../imports/import-kind.ts';
import { labelsOf, orgCodeColumn, personColumn, recordCodeColumn } from '../imports/ledger-columns.ts';
import { defineLedgerImport } from '../imports/ledger-import.ts';
import { AID_PROGRAMS, DONOR_KINDS } from './aid.labels.ts';
import { findNegativeProgramBalances } from './aid.repository.ts';

export const donationsImport = defineLedgerImport({
  kind: 'donations',
  label: '捐赠',
  permission: 'aid.write',
  table: 'donations',
  naturalKey: ['code'],
  columns: [
    recordCodeColumn('捐赠编号', { example: 'SL-A-JZ0001' }),
    textColumn({
      header: '捐赠方',
      key: 'donor',
      required: true,
      example: '同心食品有限公司',
      maxLength: 100,
    }),
    enumColumn({
      header: '捐赠方类型',
      key: 'donor_kind',
      required: true,
      example: '单位',
      labels: labelsOf(DONOR_KINDS),
    }),
    moneyColumn({ header: '金额', key: 'amount', required: true, positive: true, example: '3044.22' }),
    dateColumn({ header: '捐赠日期', key: 'donated_on', required: true, example: '2022-01-25' }),
    enumColumn({
      header: '项目',
      key: 'program',
      required: true,
      example: '助学',
      labels: labelsOf(AID_PROGRAMS),
    }),
    orgCodeColumn('组织编码', { format: '接收捐赠的组织编码' }),
    textColumn({ header: '备注', key: 'note', example: '', maxLength: 200, multiline: true }),
  ],
  async toValues(row, refs) {
    const org = await refs.org(row, 'org_code');
    if (!org) return null;
    return {
      code: v<string>(row, 'code')!,
      donor: v<string>(row, 'donor')!,
      donor_kind: v<string>(row, 'donor_kind')!,
      amount_fen: v<number>(row, 'amount')!,
      donated_on: v<string>(row, 'donated_on')!,
      program: v<string>(row, 'program')!,
      org_id: org.id,
      org_path: org.path,
      note: v<string>(row, 'note'),
    };
  },
});

export const grantsImport = defineLedgerImport({
  kind: 'grants',
  label: '资助发放',
  permission: 'aid.write',
  table: 'grants',
  naturalKey: ['code'],
  columns: [
    recordCodeColumn('发放编号', { example: 'SL-A-ZZ0001' }),
    personColumn(undefined, 'id_number', false),
    moneyColumn({ header: '金额', key: 'amount', required: true, positive: true, example: '1000.00' }),
    dateColumn({ header: '发放日期', key: 'granted_on', required: true, example: '2022-07-15' }),
    enumColumn({
      header: '项目',
      key: 'program',
      required: true,
      example: '助学',
      labels: labelsOf(AID_PROGRAMS),
    }),
    orgCodeColumn(),
    textColumn({ header: '资助原因', key: 'reason', example: '家庭经济困难', maxLength: 200 }),
  ],
  async toValues(row, refs) {
    const person = await refs.person(row, 'id_number');
    const org = await refs.org(row, 'org_code');
    if (!person || !org) return null;
    return {
      code: v<string>(row, 'code')!,
      person_id: person.id,
      amount_fen: v<number>(row, 'amount')!,
      granted_on: v<string>(row, 'granted_on')!,
      program: v<string>(row, 'program')!,
      org_id: org.id,
      org_path: org.path,
      reason: v<string>(row, 'reason'),
    };
  },
  async finish(refs, session) {
    for (const b of await findNegativeProgramBalances(refs.db, session.actor.scopePath)) {
      session.warning(
        null,
        null,
        `${b.name}（${b.code}）「${b.program}」项目结余为 ${fenToYuan(b.balance)} 元：发放超过了收到的捐赠`,
        null,
      );
    }
  },
});
