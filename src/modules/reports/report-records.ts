import { sql } from 'kysely';
import type { Db } from '../../db/create-db.ts';
import type { Permission } from '../auth/auth.policy.ts';
import { type ReportScope, sources, townshipsWithYouthHomes } from './report-sources.ts';
import type { Indicators } from './reports.service.ts';

/** One column of a drill-down list: the key in each record and its Chinese title. */
export interface RecordColumn {
  key: string;
  title: string;
}

type Listing = {
  /** The permission of the list these rows come from: a drill-down shows no more than that list would. */
  permission: Permission;
  columns: RecordColumn[];
  // biome-ignore lint/suspicious/noExplicitAny: each listing selects its own columns from its own source
  query: (db: Db, s: ReportScope) => any;
};

const c = (key: string, title: string): RecordColumn => ({ key, title });
const PERSON = [c('name', '姓名'), c('id_number', '身份证号')];
const ORG = c('org_name', '组织');

const admissionListing = (pick: 'admitted' | 'recommended' | 'progress'): Listing => ({
  permission: 'person.read',
  columns: [
    ...PERSON,
    ORG,
    c('applied_on', '申请日期'),
    c('recommended_by', '推荐方式'),
    c('status', '状态'),
    c('joined_on', '入团日期'),
  ],
  query: (db, s) =>
    (pick === 'admitted'
      ? sources.admittedAdmissions(db, s)
      : pick === 'recommended'
        ? sources.recommendedAdmissions(db, s)
        : sources.admissionsInProgress(db, s)
    )
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
});

const orgListing = (domain?: string): Listing => ({
  permission: 'org.read',
  columns: [
    c('code', '组织编码'),
    c('name', '组织名称'),
    c('kind', '组织类型'),
    c('level', '组织层级'),
    c('domain', '所属领域'),
    c('established_on', '成立日期'),
  ],
  query: (db, s) => {
    const q = sources
      .activeOrgs(db, s)
      .select(['orgs.code', 'orgs.name', 'orgs.kind', 'orgs.level', 'orgs.domain', 'orgs.established_on'])
      .orderBy('orgs.path');
    return domain ? q.where('orgs.domain', '=', domain) : q;
  },
});

const deputyListing = (
  level: 'county' | 'township',
  mode: 'seconded' | 'part_time',
  students: boolean,
): Listing => ({
  permission: 'service.read',
  columns: [
    ...PERSON,
    ORG,
    c('title', '职务'),
    c('mode', '任职方式'),
    c('source', '人员来源'),
    c('started_on', '任职日期'),
    c('ended_on', '离任日期'),
  ],
  query: (db, s) =>
    sources
      .deputyPosts(db, s, level, mode, students)
      .innerJoin('people', 'people.id', 'cadre_posts.person_id')
      .select([
        'people.name',
        'people.id_number_masked as id_number',
        'orgs.name as org_name',
        'cadre_posts.title',
        'cadre_posts.mode',
        'cadre_posts.source',
        'cadre_posts.started_on',
        'cadre_posts.ended_on',
      ])
      .orderBy('cadre_posts.started_on'),
});

const fundListing = (program?: string): Listing => ({
  permission: 'service.read',
  columns: [
    c('code', '经费编号'),
    c('program', '项目'),
    c('source', '来源'),
    c('amount', '金额（元）'),
    c('received_on', '到位日期'),
    ORG,
    c('purpose', '用途'),
  ],
  query: (db, s) =>
    sources
      .funds(db, s, program)
      .innerJoin('orgs', 'orgs.id', 'funds.org_id')
      .select([
        'funds.code',
        'funds.program',
        'funds.source',
        sql<number>`funds.amount_fen / 100.0`.as('amount'),
        'funds.received_on',
        'orgs.name as org_name',
        'funds.purpose',
      ])
      .orderBy('funds.received_on'),
});

const donationListing = (program: string): Listing => ({
  permission: 'aid.read',
  columns: [
    c('code', '捐赠编号'),
    c('donor', '捐赠方'),
    c('donor_kind', '捐赠方类型'),
    c('amount', '金额（元）'),
    c('donated_on', '捐赠日期'),
    ORG,
  ],
  query: (db, s) =>
    sources
      .donations(db, s, program)
      .innerJoin('orgs', 'orgs.id', 'donations.org_id')
      .select([
        'donations.code',
        'donations.donor',
        'donations.donor_kind',
        sql<number>`donations.amount_fen / 100.0`.as('amount'),
        'donations.donated_on',
        'orgs.name as org_name',
      ])
      .orderBy('donations.donated_on'),
});

const grantListing: Listing = {
  permission: 'aid.read',
  columns: [
    c('code', '发放编号'),
    ...PERSON,
    c('amount', '金额（元）'),
    c('granted_on', '发放日期'),
    ORG,
    c('reason', '资助原因'),
  ],
  query: (db, s) =>
    sources
      .grants(db, s, '助学')
      .innerJoin('people', 'people.id', 'grants.person_id')
      .innerJoin('orgs', 'orgs.id', 'grants.org_id')
      .select([
        'grants.code',
        'people.name',
        'people.id_number_masked as id_number',
        sql<number>`grants.amount_fen / 100.0`.as('amount'),
        'grants.granted_on',
        'orgs.name as org_name',
        'grants.reason',
      ])
      .orderBy('grants.granted_on'),
};

const venueListing = (kind: string): Listing => ({
  permission: 'service.read',
  columns: [
    c('code', '阵地编码'),
    c('name', '阵地名称'),
    c('region_name', '所在区划'),
    ORG,
    c('opened_on', '启用日期'),
  ],
  query: (db, s) =>
    sources
      .activeVenues(db, s, kind)
      .innerJoin('regions', 'regions.id', 'venues.region_id')
      .innerJoin('orgs', 'orgs.id', 'venues.org_id')
      .select([
        'venues.code',
        'venues.name',
        'regions.name as region_name',
        'orgs.name as org_name',
        'venues.opened_on',
      ])
      .orderBy('venues.code'),
});

const townshipListing = (coveredOnly: boolean): Listing => ({
  permission: 'service.read',
  columns: [c('code', '区划编码'), c('name', '乡镇（街道）'), c('youth_homes', '青年之家数')],
  query: (db, s) => {
    const q = db
      .selectFrom(townshipsWithYouthHomes(db, s).as('t'))
      .select(['t.code', 't.name', 't.youth_homes'])
      .orderBy('t.code');
    return coveredOnly ? q.where('t.youth_homes', '>', 0) : q;
  },
});

const volunteerRecordListing: Listing = {
  permission: 'volunteer.read',
  columns: [
    c('activity_code', '活动编号'),
    c('activity_title', '活动名称'),
    c('start_date', '活动日期'),
    ...PERSON,
    c('hours', '服务时长（小时）'),
  ],
  query: (db, s) =>
    sources
      .volunteerRecords(db, s)
      .innerJoin('people', 'people.id', 'volunteer_records.person_id')
      .select([
        'volunteer_activities.code as activity_code',
        'volunteer_activities.title as activity_title',
        'volunteer_activities.start_date',
        'people.name',
        'people.id_number_masked as id_number',
        sql<number>`volunteer_records.hours_hundredths / 100.0`.as('hours'),
      ])
      .orderBy('volunteer_activities.start_date')
      .orderBy('volunteer_records.id'),
};

const outreachListing: Listing = {
  permission: 'counselling.read',
  columns: [
    c('code', '活动编号'),
    c('title', '活动名称'),
    c('held_on', '活动日期'),
    c('region_name', '所在区划'),
    ORG,
    c('reach', '覆盖人次'),
  ],
  query: (db, s) =>
    sources
      .outreachEvents(db, s)
      .innerJoin('regions', 'regions.id', 'outreach_events.region_id')
      .innerJoin('orgs', 'orgs.id', 'outreach_events.org_id')
      .select([
        'outreach_events.code',
        'outreach_events.title',
        'outreach_events.held_on',
        'regions.name as region_name',
        'orgs.name as org_name',
        'outreach_events.reach',
      ])
      .orderBy('outreach_events.held_on'),
};

/** What lies behind each figure. Consultation clients appear only by their pseudonym. */
export const LISTINGS: Record<keyof Indicators, Listing> = {
  'admission.admitted': admissionListing('admitted'),
  'admission.recommended': admissionListing('recommended'),
  'admission.in_progress': admissionListing('progress'),
  'party.recommended': {
    permission: 'person.read',
    columns: [...PERSON, ORG, c('recommended_on', '推荐日期'), c('stage', '推荐类型'), c('outcome', '结果')],
    query: (db, s) =>
      sources
        .partyRecommendations(db, s)
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
  'school.schools': {
    permission: 'org.read',
    columns: [
      c('code', '团校编码'),
      c('name', '团校名称'),
      ORG,
      c('honorary_principal', '名誉校长'),
      c('established_on', '成立日期'),
    ],
    query: (db, s) =>
      sources
        .schools(db, s)
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
  'school.class_hours': {
    permission: 'org.read',
    columns: [
      c('code', '课程编号'),
      c('title', '课程名称'),
      ORG,
      c('held_on', '上课日期'),
      c('hours', '学时'),
      c('teacher', '授课人'),
    ],
    query: (db, s) =>
      sources
        .classes(db, s)
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
  'school.trainees': {
    permission: 'person.read',
    columns: [...PERSON, c('classes', '合格团课数'), c('hours', '合格学时')],
    query: (db, s) =>
      sources
        .passedAttendance(db, s)
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
  'org.active': orgListing(),
  'org.social': orgListing('社会组织'),
  'org.nonpublic': orgListing('非公企业'),
  'member.total': {
    permission: 'person.read',
    columns: [...PERSON, c('org_name', '所在团组织'), c('joined_on', '入团日期'), c('member_no', '团员编号')],
    query: (db, s) =>
      sources
        .members(db, s)
        .select([
          'people.name',
          'people.id_number_masked as id_number',
          'orgs.name as org_name',
          'people.joined_on',
          'people.member_no',
        ])
        .orderBy('orgs.path')
        .orderBy('people.id'),
  },
  'cadre.county_seconded_deputies': deputyListing('county', 'seconded', false),
  'cadre.county_parttime_deputies': deputyListing('county', 'part_time', false),
  'cadre.township_student_deputies': deputyListing('township', 'part_time', true),
  'fund.mental_health': fundListing('心理健康'),
  'fund.total': fundListing(),
  'venue.qingyi': venueListing('qingyi_home'),
  'aid.raised': donationListing('助学'),
  'aid.granted': grantListing,
  'aid.students': {
    permission: 'aid.read',
    columns: [...PERSON, c('grants', '资助次数'), c('amount', '资助金额（元）')],
    query: (db, s) =>
      sources
        .grants(db, s, '助学')
        .innerJoin('people', 'people.id', 'grants.person_id')
        .groupBy(['people.id', 'people.name', 'people.id_number_masked'])
        .select((eb) => [
          'people.name',
          'people.id_number_masked as id_number',
          eb.fn.countAll().as('grants'),
          sql<number>`sum(grants.amount_fen) / 100.0`.as('amount'),
        ])
        .orderBy('people.name'),
  },
  'mental.donations': donationListing('心理健康'),
  'mental.counsellors': {
    permission: 'counselling.read',
    columns: [
      ...PERSON,
      ORG,
      c('certificate', '证书名称'),
      c('joined_on', '加入日期'),
      c('left_on', '退出日期'),
    ],
    query: (db, s) =>
      sources
        .activeCounsellors(db, s)
        .innerJoin('people', 'people.id', 'counsellors.person_id')
        .innerJoin('orgs', 'orgs.id', 'counsellors.org_id')
        .select([
          'people.name',
          'people.id_number_masked as id_number',
          'orgs.name as org_name',
          'counsellors.certificate',
          'counsellors.joined_on',
          'counsellors.left_on',
        ])
        .orderBy('counsellors.joined_on'),
  },
  'mental.events': outreachListing,
  'mental.reach': outreachListing,
  'mental.consultations': {
    permission: 'counselling.read',
    columns: [
      c('code', '咨询编号'),
      c('held_on', '咨询日期'),
      c('client_ref', '来访者编号'),
      c('channel', '咨询方式'),
      c('risk', '风险等级'),
      ORG,
    ],
    query: (db, s) =>
      sources
        .consultations(db, s)
        .innerJoin('orgs', 'orgs.id', 'consultations.org_id')
        .select([
          'consultations.code',
          'consultations.held_on',
          'consultations.client_ref',
          'consultations.channel',
          'consultations.risk',
          'orgs.name as org_name',
        ])
        .orderBy('consultations.held_on'),
  },
  'venue.youth_homes': venueListing('youth_home'),
  'venue.townships': townshipListing(false),
  'venue.townships_covered': townshipListing(true),
  'venue.township_coverage': townshipListing(false),
  'internship.posts': {
    permission: 'service.read',
    columns: [
      c('code', '岗位编号'),
      c('title', '岗位名称'),
      c('employer', '实习单位'),
      c('program', '项目'),
      c('slots', '名额'),
      c('starts_on', '开始日期'),
    ],
    query: (db, s) =>
      sources
        .internshipPosts(db, s)
        .select([
          'internship_posts.code',
          'internship_posts.title',
          'internship_posts.employer',
          'internship_posts.program',
          'internship_posts.slots',
          'internship_posts.starts_on',
        ])
        .orderBy('internship_posts.starts_on'),
  },
  'internship.placed': {
    permission: 'service.read',
    columns: [c('post_code', '岗位编号'), c('post_title', '岗位名称'), ...PERSON, c('status', '状态')],
    query: (db, s) =>
      sources
        .placements(db, s)
        .innerJoin('people', 'people.id', 'internship_placements.person_id')
        .select([
          'internship_posts.code as post_code',
          'internship_posts.title as post_title',
          'people.name',
          'people.id_number_masked as id_number',
          'internship_placements.status',
        ])
        .orderBy('internship_posts.code'),
  },
  'volunteer.events': {
    permission: 'volunteer.read',
    columns: [
      c('code', '活动编号'),
      c('title', '活动名称'),
      c('category', '服务类别'),
      ORG,
      c('start_date', '活动日期'),
      c('place', '地点'),
    ],
    query: (db, s) =>
      sources
        .volunteerActivities(db, s)
        .innerJoin('orgs', 'orgs.id', 'volunteer_activities.org_id')
        .select([
          'volunteer_activities.code',
          'volunteer_activities.title',
          'volunteer_activities.category',
          'orgs.name as org_name',
          'volunteer_activities.start_date',
          'volunteer_activities.place',
        ])
        .orderBy('volunteer_activities.start_date'),
  },
  'volunteer.participations': volunteerRecordListing,
  'volunteer.volunteers': {
    permission: 'volunteer.read',
    columns: [...PERSON, c('participations', '参与次数'), c('hours', '服务时长（小时）')],
    query: (db, s) =>
      sources
        .volunteerRecords(db, s)
        .innerJoin('people', 'people.id', 'volunteer_records.person_id')
        .groupBy(['people.id', 'people.name', 'people.id_number_masked'])
        .select((eb) => [
          'people.name',
          'people.id_number_masked as id_number',
          eb.fn.countAll().as('participations'),
          sql<number>`sum(volunteer_records.hours_hundredths) / 100.0`.as('hours'),
        ])
        .orderBy('people.name'),
  },
  'volunteer.hours': volunteerRecordListing,
};

export async function countRecords(db: Db, listing: Listing, s: ReportScope): Promise<number> {
  const row = await db
    .selectFrom(listing.query(db, s).as('r'))
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findRecords(
  db: Db,
  listing: Listing,
  s: ReportScope,
  limit: number,
  offset: number,
): Promise<Record<string, unknown>[]> {
  return listing.query(db, s).limit(limit).offset(offset).execute();
}
