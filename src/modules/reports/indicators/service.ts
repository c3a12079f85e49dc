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

/** 服务引领 (REPORT-SPEC.md): 希望工程助学 and youth mental health. */

const donationRecords: Records<ReturnType<typeof sources.donations>> = {
  permission: 'aid.read',
  columns: [
    col('code', '捐赠编号'),
    col('donor', '捐赠方'),
    col('donor_kind', '捐赠方类型'),
    col('amount', '金额（元）'),
    col('donated_on', '捐赠日期'),
    ORG,
  ],
  rows: (q) =>
    q
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
};

/** Both figures of the aid grants come from one query. */
const aidGrants = source('助学资助发放', (db, s) => sources.grants(db, s, '助学'));

const outreachEvents = source('心理健康服务活动', sources.outreachEvents);

const outreachRecords: Records<ReturnType<typeof sources.outreachEvents>> = {
  permission: 'counselling.read',
  columns: [
    col('code', '活动编号'),
    col('title', '活动名称'),
    col('held_on', '活动日期'),
    col('region_name', '所在区划'),
    ORG,
    col('reach', '覆盖人次'),
  ],
  rows: (q) =>
    q
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

export const SERVICE = [
  indicator({
    key: 'aid.raised',
    label: '募集助学资金',
    lead: 'service',
    unit: '元',
    description: '期内助学项目捐赠',
    source: source('助学捐赠', (db, s) => sources.donations(db, s, '助学')),
    figure: sumOf('donations.amount_fen', 100),
    records: donationRecords,
    article: { sentence: 'aid', phrase: (v) => `募集助学资金${say.money(v)}` },
  }),
  indicator({
    key: 'aid.granted',
    label: '发放助学金',
    lead: 'service',
    unit: '元',
    description: '期内助学资助发放',
    source: aidGrants,
    figure: sumOf('grants.amount_fen', 100),
    records: {
      permission: 'aid.read',
      columns: [
        col('code', '发放编号'),
        ...PERSON,
        col('amount', '金额（元）'),
        col('granted_on', '发放日期'),
        ORG,
        col('reason', '资助原因'),
      ],
      rows: (q) =>
        q
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
    },
    article: { sentence: 'aid', phrase: (v) => `发放助学金${say.money(v)}` },
  }),
  indicator({
    key: 'aid.students',
    label: '受资助学生',
    lead: 'service',
    unit: '名',
    description: '期内获助学资助发放的不同人数',
    source: aidGrants,
    figure: countDistinct('grants.person_id'),
    records: {
      permission: 'aid.read',
      columns: [...PERSON, col('grants', '资助次数'), col('amount', '资助金额（元）')],
      rows: (q) =>
        q
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
    article: { sentence: 'aid', phrase: (v) => `资助困难学生${say.count(v, '名')}` },
  }),
  indicator({
    key: 'mental.donations',
    label: '心理健康项目捐赠',
    lead: 'service',
    unit: '元',
    description: '期内心理健康项目捐赠',
    source: source('心理健康捐赠', (db, s) => sources.donations(db, s, '心理健康')),
    figure: sumOf('donations.amount_fen', 100),
    records: donationRecords,
    article: { sentence: 'mental', phrase: (v) => `募集心理健康项目资金${say.money(v)}` },
  }),
  indicator({
    key: 'mental.counsellors',
    label: '持证心理咨询师',
    lead: 'service',
    unit: '名',
    description: '期末在册的心理咨询师数',
    source: source('心理咨询师', sources.activeCounsellors),
    figure: countAll(),
    records: {
      permission: 'counselling.read',
      columns: [
        ...PERSON,
        ORG,
        col('certificate', '证书名称'),
        col('joined_on', '加入日期'),
        col('left_on', '退出日期'),
      ],
      rows: (q) =>
        q
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
    article: { sentence: 'mental', phrase: (v) => `组建持证心理咨询师队伍${say.count(v, '名')}` },
  }),
  indicator({
    key: 'mental.events',
    label: '心理健康服务活动',
    lead: 'service',
    unit: '场',
    description: '期内心理健康服务活动场次',
    source: outreachEvents,
    figure: countAll(),
    records: outreachRecords,
    article: { sentence: 'mental', phrase: (v) => `开展心理健康进村（社区）活动${say.count(v, '场')}` },
  }),
  indicator({
    key: 'mental.reach',
    label: '心理健康服务覆盖',
    lead: 'service',
    unit: '人次',
    description: '这些活动的覆盖人次合计',
    source: outreachEvents,
    figure: sumOf('outreach_events.reach'),
    records: outreachRecords,
    article: { sentence: 'mental', phrase: (v) => `覆盖${say.count(v, '人次')}` },
  }),
  indicator({
    key: 'mental.consultations',
    label: '个案咨询',
    lead: 'service',
    unit: '人次',
    description: '期内个案咨询人次',
    source: source('个案咨询', sources.consultations),
    figure: countAll(),
    // Consultation clients appear only by their pseudonym.
    records: {
      permission: 'counselling.read',
      columns: [
        col('code', '咨询编号'),
        col('held_on', '咨询日期'),
        col('client_ref', '来访者编号'),
        col('channel', '咨询方式'),
        col('risk', '风险等级'),
        ORG,
      ],
      rows: (q) =>
        q
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
    article: { sentence: 'mental', phrase: (v) => `提供个案咨询${say.count(v, '人次')}` },
  }),
];
