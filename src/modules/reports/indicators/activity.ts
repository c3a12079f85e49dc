import { sql } from 'kysely';
import * as say from '../chinese-figures.ts';
import {
  aggregateOf,
  col,
  countAll,
  derived,
  indicator,
  ORG,
  PERSON,
  type Records,
  source,
  sumOf,
} from '../indicator.ts';
import { distinctVolunteers, sources, townshipsWithYouthHomes } from '../report-sources.ts';
import { venueRecords } from './innovation.ts';

/** 活动引领 (REPORT-SPEC.md): youth homes and their townships, internships, volunteering. */

const townships = source('乡镇（街道）', (db, s) => db.selectFrom(townshipsWithYouthHomes(db, s).as('t')));

const townshipRecords: Records<ReturnType<typeof townships.query>> = {
  permission: 'service.read',
  columns: [col('code', '区划编码'), col('name', '乡镇（街道）'), col('youth_homes', '青年之家数')],
  rows: (q) => q.select(['t.code', 't.name', 't.youth_homes']).orderBy('t.code'),
};

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

const internshipPosts = source('实习岗位', sources.internshipPosts);

/** The period's volunteer records, the largest ledger: its three figures come from one pass. */
const volunteerRecords = source('志愿服务记录', sources.volunteerRecords, { alone: true });

const volunteerRecordRecords: Records<ReturnType<typeof sources.volunteerRecords>> = {
  permission: 'volunteer.read',
  columns: [
    col('activity_code', '活动编号'),
    col('activity_title', '活动名称'),
    col('start_date', '活动日期'),
    ...PERSON,
    col('hours', '服务时长（小时）'),
  ],
  rows: (q) =>
    q
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

export const ACTIVITY = [
  indicator({
    key: 'venue.youth_homes',
    label: '青年之家',
    lead: 'activity',
    unit: '个',
    description: '期末正常的青年之家数',
    source: source('青年之家', (db, s) => sources.activeVenues(db, s, 'youth_home')),
    figure: countAll(),
    records: venueRecords,
    article: { sentence: 'venues', phrase: (v) => `建成青年之家${say.count(v, '个')}` },
  }),
  indicator({
    key: 'venue.townships',
    label: '乡镇（街道）',
    lead: 'activity',
    unit: '个',
    description: '组织所在区划下的乡镇（街道）数',
    source: townships,
    figure: countAll(),
    records: townshipRecords,
  }),
  indicator({
    key: 'venue.townships_covered',
    label: '已建青年之家的乡镇（街道）',
    lead: 'activity',
    unit: '个',
    description: '其中已建（在范围内、期末正常的）青年之家的乡镇数',
    source: source('已建青年之家的乡镇', (db, s) => townships.query(db, s).where('t.youth_homes', '>', 0)),
    figure: countAll(),
    records: townshipRecords,
    article: {
      sentence: 'venues',
      phrase: (v, f) =>
        `覆盖${say.count(v, '个')}乡镇（街道）、覆盖率${say.percent(f['venue.township_coverage'] ?? 0)}`,
    },
  }),
  indicator({
    key: 'venue.township_coverage',
    label: '青年之家乡镇覆盖率',
    lead: 'activity',
    unit: '%',
    description: '青年之家乡镇覆盖率：已覆盖乡镇数 / 乡镇数，0 到 1，4 位小数（无乡镇时为 0）',
    source: townships,
    figure: derived((f) => {
      const all = f['venue.townships'] ?? 0;
      return all === 0 ? 0 : round4((f['venue.townships_covered'] ?? 0) / all);
    }),
    records: townshipRecords,
  }),
  indicator({
    key: 'internship.posts',
    label: '实习岗位',
    lead: 'activity',
    unit: '个',
    description: '开始日期在期内的实习岗位名额合计',
    source: internshipPosts,
    figure: sumOf('internship_posts.slots'),
    records: {
      permission: 'service.read',
      columns: [
        col('code', '岗位编号'),
        col('title', '岗位名称'),
        col('employer', '实习单位'),
        col('program', '项目'),
        col('slots', '名额'),
        col('starts_on', '开始日期'),
      ],
      rows: (q) =>
        q
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
    article: { sentence: 'internships', phrase: (v) => `募集实习岗位${say.count(v, '个')}` },
  }),
  indicator({
    key: 'internship.placed',
    label: '实习安排',
    lead: 'activity',
    unit: '人次',
    description: '这些岗位中已录用或已完成的实习安排数',
    source: source('实习安排', sources.placements),
    figure: countAll(),
    records: {
      permission: 'service.read',
      columns: [
        col('post_code', '岗位编号'),
        col('post_title', '岗位名称'),
        ...PERSON,
        col('status', '状态'),
      ],
      rows: (q) =>
        q
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
    article: { sentence: 'internships', phrase: (v) => `安排大学生实习${say.count(v, '人次')}` },
  }),
  indicator({
    key: 'volunteer.events',
    label: '志愿服务活动',
    lead: 'activity',
    unit: '场',
    description: '开始时间在期内的志愿服务活动数',
    source: source('志愿服务活动', sources.volunteerActivities),
    figure: countAll(),
    records: {
      permission: 'volunteer.read',
      columns: [
        col('code', '活动编号'),
        col('title', '活动名称'),
        col('category', '服务类别'),
        ORG,
        col('start_date', '活动日期'),
        col('place', '地点'),
      ],
      rows: (q) =>
        q
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
    article: { sentence: 'volunteering', phrase: (v) => `组织志愿服务活动${say.count(v, '场')}` },
  }),
  indicator({
    key: 'volunteer.participations',
    label: '志愿服务参与',
    lead: 'activity',
    unit: '人次',
    description: '这些活动的志愿服务记录数（人次）',
    source: volunteerRecords,
    figure: countAll(),
    records: volunteerRecordRecords,
    article: { sentence: 'volunteering', phrase: (v) => `参与志愿者${say.count(v, '人次')}` },
  }),
  indicator({
    key: 'volunteer.volunteers',
    label: '志愿者',
    lead: 'activity',
    unit: '名',
    description: '这些记录中的不同志愿者数',
    source: volunteerRecords,
    // Each person's first record in the period under the scope (report-sources.ts): no sort of person ids.
    figure: aggregateOf(distinctVolunteers),
    records: {
      permission: 'volunteer.read',
      columns: [...PERSON, col('participations', '参与次数'), col('hours', '服务时长（小时）')],
      rows: (q) =>
        q
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
    article: { sentence: 'volunteering', phrase: (v) => `涉及青年志愿者${say.count(v, '名')}` },
  }),
  indicator({
    key: 'volunteer.hours',
    label: '志愿服务时长',
    lead: 'activity',
    unit: '小时',
    description: '这些记录的服务时长合计（小时，2 位小数）',
    source: volunteerRecords,
    figure: sumOf('volunteer_records.hours_hundredths', 100),
    records: volunteerRecordRecords,
    article: { sentence: 'volunteering', phrase: (v) => `累计服务时长${say.hours(v)}` },
  }),
];
