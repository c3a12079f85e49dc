import { sql } from 'kysely';
import * as say from '../chinese-figures.ts';
import {
  col,
  countAll,
  countDistinct,
  indicator,
  ORG,
  PERSON,
  type Records,
  source,
  sumOf,
} from '../indicator.ts';
import { sources } from '../report-sources.ts';

/** 党建引领 (REPORT-SPEC.md): admissions, 推优入党, 团校. */

type AdmissionRows = ReturnType<typeof sources.admittedAdmissions>;

const admissionRecords: Records<AdmissionRows> = {
  permission: 'person.read',
  columns: [
    ...PERSON,
    ORG,
    col('applied_on', '申请日期'),
    col('recommended_by', '推荐方式'),
    col('status', '状态'),
    col('joined_on', '入团日期'),
  ],
  rows: (q) =>
    q
      .innerJoin('people', 'people.id', 'admissions.person_id')
      .innerJoin('orgs', 'orgs.id', 'admissions.org_id')
      .select([
        'people.name',
        'people.id_number_masked as id_number',
        'orgs.name as org_name',
        'admissions.applied_on',
        'admissions.recommended_by',
        'admissions.status',
        'admissions.joined_on',
      ])
      .orderBy('admissions.applied_on'),
};

const classes = source('团课', sources.classes);
const passedAttendance = source('团课合格考勤', sources.passedAttendance);

export const PARTY_BUILDING = [
  indicator({
    key: 'admission.admitted',
    label: '发展团员',
    lead: 'party_building',
    unit: '名',
    description: '期内入团（状态已入团、入团日期在期内）的入团申请数',
    source: source('期内入团', sources.admittedAdmissions),
    figure: countAll(),
    records: admissionRecords,
    article: { sentence: 'admission', phrase: (v) => `发展团员${say.count(v, '名')}` },
  }),
  indicator({
    key: 'admission.recommended',
    label: '推优入团',
    lead: 'party_building',
    unit: '名',
    description: '其中推荐方式为少先队推优或团员推荐的（推优入团）',
    source: source('推优入团', sources.recommendedAdmissions),
    figure: countAll(),
    records: admissionRecords,
    article: {
      sentence: 'admission',
      phrase: (v) => `其中通过少先队推优、团员推荐入团${say.count(v, '名')}`,
    },
  }),
  indicator({
    key: 'admission.in_progress',
    label: '正在培养的入团申请人',
    lead: 'party_building',
    unit: '名',
    description: '期末仍在申请、积极分子或发展对象阶段的入团申请数',
    source: source('培养中的入团申请', sources.admissionsInProgress),
    figure: countAll(),
    records: admissionRecords,
    article: { sentence: 'admission', phrase: (v) => `另有${say.count(v, '名')}青年正在培养考察中` },
  }),
  indicator({
    key: 'party.recommended',
    label: '推优入党',
    lead: 'party_building',
    unit: '名',
    description: '推荐日期在期内的推优入党记录数',
    source: source('推优入党', sources.partyRecommendations),
    figure: countAll(),
    records: {
      permission: 'person.read',
      columns: [
        ...PERSON,
        ORG,
        col('recommended_on', '推荐日期'),
        col('stage', '推荐类型'),
        col('outcome', '结果'),
      ],
      rows: (q) =>
        q
          .innerJoin('people', 'people.id', 'party_recommendations.person_id')
          .innerJoin('orgs', 'orgs.id', 'party_recommendations.org_id')
          .select([
            'people.name',
            'people.id_number_masked as id_number',
            'orgs.name as org_name',
            'party_recommendations.recommended_on',
            'party_recommendations.stage',
            'party_recommendations.outcome',
          ])
          .orderBy('party_recommendations.recommended_on'),
    },
    article: { sentence: 'party', phrase: (v) => `向党组织推荐优秀团员${say.count(v, '名')}` },
  }),
  indicator({
    key: 'school.schools',
    label: '团校',
    lead: 'party_building',
    unit: '所',
    description: '期末已成立的团校数',
    source: source('团校', sources.schools),
    figure: countAll(),
    records: {
      permission: 'org.read',
      columns: [
        col('code', '团校编码'),
        col('name', '团校名称'),
        ORG,
        col('honorary_principal', '名誉校长'),
        col('established_on', '成立日期'),
      ],
      rows: (q) =>
        q
          .innerJoin('orgs', 'orgs.id', 'schools.org_id')
          .select([
            'schools.code',
            'schools.name',
            'orgs.name as org_name',
            'schools.honorary_principal',
            'schools.established_on',
          ])
          .orderBy('schools.code'),
    },
    article: { sentence: 'school', phrase: (v) => `建成团校${say.count(v, '所')}` },
  }),
  indicator({
    key: 'school.class_hours',
    label: '团课学时',
    lead: 'party_building',
    unit: '学时',
    description: '期内团课学时合计',
    source: classes,
    figure: sumOf('class_sessions.hours_tenths', 10),
    records: {
      permission: 'org.read',
      columns: [
        col('code', '课程编号'),
        col('title', '课程名称'),
        ORG,
        col('held_on', '上课日期'),
        col('hours', '学时'),
        col('teacher', '授课人'),
      ],
      rows: (q) =>
        q
          .innerJoin('orgs', 'orgs.id', 'class_sessions.org_id')
          .select([
            'class_sessions.code',
            'class_sessions.title',
            'orgs.name as org_name',
            'class_sessions.held_on',
            sql<number>`class_sessions.hours_tenths / 10.0`.as('hours'),
            'class_sessions.teacher',
          ])
          .orderBy('class_sessions.held_on'),
    },
    article: { sentence: 'school', phrase: (v) => `开设团课${say.count(v, '学时')}` },
  }),
  indicator({
    key: 'school.trainees',
    label: '团课合格学员',
    lead: 'party_building',
    unit: '名',
    description: '期内团课合格的不同学员数',
    source: passedAttendance,
    figure: countDistinct('attendance.person_id'),
    records: {
      permission: 'person.read',
      columns: [...PERSON, col('classes', '合格团课数'), col('hours', '合格学时')],
      rows: (q) =>
        q
          .innerJoin('people', 'people.id', 'attendance.person_id')
          .groupBy(['people.id', 'people.name', 'people.id_number_masked'])
          .select((eb) => [
            'people.name',
            'people.id_number_masked as id_number',
            eb.fn.countAll().as('classes'),
            sql<number>`sum(class_sessions.hours_tenths) / 10.0`.as('hours'),
          ])
          .orderBy('people.name'),
    },
    article: { sentence: 'school', phrase: (v) => `培训学员${say.count(v, '名')}` },
  }),
];
