import { today } from '../../lib/dates.ts';
import { ID_TYPES, type IdType, maskIdDocument } from '../../lib/id-document.ts';
import {
  codeColumn,
  dateColumn,
  enumColumn,
  idDocumentColumn,
  phoneColumn,
  textColumn,
} from '../imports/columns.ts';
import type { ImportFormat } from '../imports/import-kind.ts';
import { POLITICAL_STATUSES } from './people.labels.ts';
import { readIdentity } from './people.rules.ts';

const DERIVED = '居民身份证、港澳台居民居住证可不填，按号码识别，填写则须与号码一致';

/**
 * The people file (IMPORT-SPEC.md "people"). Kept free of the database so that a large file is read, checked
 * and its identity numbers hashed and sealed on a worker thread while the writer writes.
 */
export const format: ImportFormat = {
  kind: 'people',
  label: '人员信息',
  batchSize: 500,
  columns: [
    idDocumentColumn({
      header: '证件号码',
      // IMPORT-SPEC.md's name: the contract's files read as before (docs/imports.md).
      formerHeaders: ['身份证号'],
      key: 'id_number',
      required: true,
      naturalKey: true,
      example: '41142420050101001X',
      format: '18位身份证号；证件类型为港澳台居民居住证或护照时填其号码',
    }),
    textColumn({ header: '姓名', key: 'name', required: true, example: '张三', maxLength: 50 }),
    enumColumn({
      header: '性别',
      key: 'gender',
      example: '男',
      labels: { 男: '男', 女: '女' },
      // Only an 18-digit number says sex and birth date; a passport's says neither (people.rules.ts readIdentity).
      format: `男 / 女。证件类型为护照时必填（护照号码不含性别）；${DERIVED}`,
    }),
    dateColumn({
      header: '出生日期',
      key: 'birth_date',
      example: '',
      format: `日期。证件类型为护照时必填（护照号码不含出生日期）；${DERIVED}`,
    }),
    textColumn({ header: '民族', key: 'ethnicity', example: '汉族', maxLength: 20 }),
    phoneColumn({ header: '手机号码', key: 'phone', example: '13800000000' }),
    enumColumn({
      header: '政治面貌',
      key: 'political_status',
      required: true,
      example: '共青团员',
      labels: POLITICAL_STATUSES,
    }),
    codeColumn({
      header: '所在团组织编码',
      key: 'org_code',
      example: 'SL-A-T01',
      pattern: /^[A-Za-z0-9-]{1,32}$/,
      reason: '组织编码格式不正确',
      format: '组织编码；共青团员必填',
    }),
    dateColumn({
      header: '入团日期',
      key: 'joined_on',
      example: '2020-05-04',
      format: '日期（可只填年月）；共青团员必填',
      monthPrecision: true,
    }),
    codeColumn({
      header: '团员编号',
      key: 'member_no',
      example: '202000000001',
      pattern: /^\d{12}$/,
      reason: '团员编号应为12位数字',
    }),
    textColumn({ header: '学历', key: 'education', example: '高中', maxLength: 50 }),
    textColumn({ header: '工作单位或学校', key: 'workplace', example: '示例县第一高级中学', maxLength: 100 }),
    // Last: an optional column the contract's files do not have (docs/imports.md).
    enumColumn({
      header: '证件类型',
      key: 'id_type',
      example: '居民身份证',
      labels: ID_TYPES,
      format: '居民身份证 / 港澳台居民居住证 / 护照（默认居民身份证）；护照须填性别和出生日期',
    }),
  ],
  prepare(row, { cipher }) {
    const idType = (row.values.id_type as IdType | undefined) ?? 'resident_id';
    // The admin's entry rule (people.rules.ts), so both ways in check a document alike.
    const read = readIdentity(
      {
        idType,
        idNumber: row.values.id_number as string,
        gender: (row.values.gender as '男' | '女' | undefined) ?? null,
        birthDate: (row.values.birth_date as string | undefined) ?? null,
      },
      { idNumber: 'id_number', gender: 'gender', birthDate: 'birth_date' },
      today(),
    );
    if (!read.ok)
      // A wrong number is shown as the cell was, as for a resident's number the column refuses by itself.
      return read.issues.map((i) => ({
        key: i.column!,
        reason: i.reason,
        ...(i.column === 'id_number' ? {} : { value: i.value }),
      }));
    const { idNumber } = read.info;
    row.values.id_type = idType;
    row.values.id_number = read.info;
    row.values.id_number_hash = cipher.lookupHash(idNumber);
    row.values.id_number_enc = cipher.encrypt(idNumber);
    row.values.id_number_masked = maskIdDocument(idType, idNumber);
    return undefined;
  },
};
