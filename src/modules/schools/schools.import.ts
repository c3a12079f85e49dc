import { dateColumn, enumColumn, hoursColumn, textColumn } from '../imports/columns.ts';
import { v } from '../imports/import-kind.ts';
import { labelsOf, orgCodeColumn, personColumn, recordCodeColumn } from '../imports/ledger-columns.ts';
import { defineLedgerImport } from '../imports/ledger-import.ts';
import { ATTENDANCE_RESULTS, TEACHER_KINDS } from './schools.labels.ts';

export const schoolsImport = defineLedgerImport({
  kind: 'schools',
  label: '团校',
  // As the routes' writes: 设立团校 is school.manage, 登记团课 and 考勤 school.write (issue 17, item 8).
  permission: 'school.manage',
  table: 'schools',
  naturalKey: ['code'],
  columns: [
    recordCodeColumn('团校编码', { example: 'SL-A-M03-TX' }),
    textColumn({
      header: '团校名称',
      key: 'name',
      required: true,
      example: '示例县第3中学团校',
      maxLength: 100,
    }),
    orgCodeColumn('组织编码', { format: '举办团校的组织编码', example: 'SL-A-M03' }),
    textColumn({ header: '名誉校长', key: 'honorary_principal', example: '', maxLength: 50 }),
    dateColumn({ header: '成立日期', key: 'established_on', example: '2023-01-18' }),
  ],
  async toValues(row, refs) {
    const org = await refs.org(row, 'org_code');
    if (!org) return null;
    return {
      code: v<string>(row, 'code')!,
      name: v<string>(row, 'name')!,
      org_id: org.id,
      org_path: org.path,
      honorary_principal: v<string>(row, 'honorary_principal'),
      established_on: v<string>(row, 'established_on'),
    };
  },
});

export const classesImport = defineLedgerImport({
  kind: 'classes',
  label: '团课',
  permission: 'school.write',
  table: 'class_sessions',
  dependents: [{ table: 'attendance', foreignKey: 'class_session_id' }],
  naturalKey: ['code'],
  columns: [
    recordCodeColumn('课程编号', { example: 'SL-A-K0010' }),
    textColumn({ header: '课程名称', key: 'title', required: true, example: '团的光荣历史', maxLength: 100 }),
    recordCodeColumn('团校编码', {
      key: 'school_code',
      refersTo: 'schools',
      naturalKey: false,
      required: false,
      example: 'SL-A-M03-TX',
    }),
    orgCodeColumn(),
    dateColumn({ header: '上课日期', key: 'held_on', required: true, example: '2023-11-28' }),
    hoursColumn({
      header: '学时',
      key: 'hours',
      required: true,
      decimals: 1,
      positive: true,
      example: '2',
    }),
    textColumn({ header: '授课人', key: 'teacher', example: '', maxLength: 50 }),
    enumColumn({
      header: '授课人类型',
      key: 'teacher_kind',
      example: '团干部',
      labels: labelsOf(TEACHER_KINDS),
    }),
  ],
  async toValues(row, refs) {
    const org = await refs.org(row, 'org_code');
    const school = v<string>(row, 'school_code')
      ? await refs.byCode(row, 'school_code', 'schools', '团校')
      : undefined;
    if (!org || school === null) return null;
    return {
      code: v<string>(row, 'code')!,
      title: v<string>(row, 'title')!,
      school_id: school?.id ?? null,
      org_id: org.id,
      org_path: org.path,
      held_on: v<string>(row, 'held_on')!,
      hours_tenths: Math.round(v<number>(row, 'hours')! * 10),
      teacher: v<string>(row, 'teacher'),
      teacher_kind: v<string>(row, 'teacher_kind'),
    };
  },
});

export const attendanceImport = defineLedgerImport({
  kind: 'attendance',
  label: '团课考勤',
  permission: 'school.write',
  table: 'attendance',
  naturalKey: ['class_session_id', 'person_id'],
  columns: [
    recordCodeColumn('课程编号', { key: 'class_code', example: 'SL-A-K0010', refersTo: 'class_sessions' }),
    personColumn(),
    enumColumn({
      header: '考核结果',
      key: 'result',
      example: '合格',
      labels: ATTENDANCE_RESULTS,
      format: '合格 / 不合格（默认合格）',
    }),
  ],
  async toValues(row, refs) {
    const session = await refs.byCode(row, 'class_code', 'class_sessions', '团课');
    const person = await refs.person(row, 'id_number');
    if (!session || !person) return null;
    return {
      class_session_id: session.id,
      person_id: person.id,
      org_id: session.org_id,
      org_path: session.org_path,
      result: v<string>(row, 'result') ?? 'passed',
    };
  },
});
