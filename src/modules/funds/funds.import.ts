import { dateColumn, enumColumn, moneyColumn, textColumn } from '../imports/columns.ts';
import { v } from '../imports/import-kind.ts';
import { labelsOf, orgCodeColumn, recordCodeColumn } from '../imports/ledger-columns.ts';
import { defineLedgerImport } from '../imports/ledger-import.ts';
import { FUND_PROGRAMS, FUND_SOURCES } from './funds.labels.ts';

export const fundsImport = defineLedgerImport({
  kind: 'funds',
  label: '经费',
  permission: 'service.write',
  table: 'funds',
  naturalKey: ['code'],
  columns: [
    recordCodeColumn('经费编号', { example: 'SL-A-JF1' }),
    enumColumn({
      header: '项目',
      key: 'program',
      required: true,
      example: '心理健康',
      labels: labelsOf(FUND_PROGRAMS),
    }),
    enumColumn({
      header: '来源',
      key: 'source',
      required: true,
      example: '财政拨款',
      labels: labelsOf(FUND_SOURCES),
    }),
    moneyColumn({ header: '金额', key: 'amount', required: true, positive: true, example: '30000.00' }),
    dateColumn({ header: '到位日期', key: 'received_on', required: true, example: '2022-08-15' }),
    orgCodeColumn(),
    textColumn({
      header: '用途',
      key: 'purpose',
      example: '青少年心理健康进村(社区)工作经费',
      maxLength: 200,
    }),
  ],
  async toValues(row, refs) {
    const org = await refs.org(row, 'org_code');
    if (!org) return null;
    return {
      code: v<string>(row, 'code')!,
      program: v<string>(row, 'program')!,
      source: v<string>(row, 'source')!,
      amount_fen: v<number>(row, 'amount')!,
      received_on: v<string>(row, 'received_on')!,
      org_id: org.id,
      org_path: org.path,
      purpose: v<string>(row, 'purpose'),
    };
  },
});
