import * as say from '../chinese-figures.ts';
import { col, countAll, indicator, ORG, PERSON, type Records, source } from '../indicator.ts';
import { sources } from '../report-sources.ts';

/** 组织引领 (REPORT-SPEC.md): organisations, members, deputy secretaries. */

const orgRecords: Records<ReturnType<typeof sources.activeOrgs>> = {
  permission: 'org.read',
  columns: [
    col('code', '组织编码'),
    col('name', '组织名称'),
    col('kind', '组织类型'),
    col('level', '组织层级'),
    col('domain', '所属领域'),
    col('established_on', '成立日期'),
  ],
  rows: (q) =>
    q
      .select(['orgs.code', 'orgs.name', 'orgs.kind', 'orgs.level', 'orgs.domain', 'orgs.established_on'])
      .orderBy('orgs.path'),
};

const activeOrgsOf = (domain: string) =>
  source(`${domain}团组织`, (db, s) => sources.activeOrgs(db, s).where('orgs.domain', '=', domain));

const deputyRecords: Records<ReturnType<typeof sources.deputyPosts>> = {
  permission: 'service.read',
  columns: [
    ...PERSON,
    ORG,
    col('title', '职务'),
    col('mode', '任职方式'),
    col('source', '人员来源'),
    col('started_on', '任职日期'),
    col('ended_on', '离任日期'),
  ],
  rows: (q) =>
    q
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
};

export const ORGANIZATION = [
  indicator({
    key: 'org.active',
    label: '团组织',
    lead: 'organization',
    unit: '个',
    description: '期末正常的团组织数',
    source: source('正常的团组织', sources.activeOrgs),
    figure: countAll(),
    records: orgRecords,
    article: { sentence: 'orgs', phrase: (v) => `现有团组织${say.count(v, '个')}` },
  }),
  indicator({
    key: 'org.social',
    label: '社会组织团组织',
    lead: 'organization',
    unit: '个',
    description: '其中所属领域为社会组织的',
    source: activeOrgsOf('社会组织'),
    figure: countAll(),
    records: orgRecords,
    article: { sentence: 'orgs', phrase: (v) => `在社会组织中建立团组织${say.count(v, '个')}` },
  }),
  indicator({
    key: 'org.nonpublic',
    label: '非公企业团组织',
    lead: 'organization',
    unit: '个',
    description: '其中所属领域为非公企业的',
    source: activeOrgsOf('非公企业'),
    figure: countAll(),
    records: orgRecords,
    article: { sentence: 'orgs', phrase: (v) => `在非公企业中建立团组织${say.count(v, '个')}` },
  }),
  indicator({
    key: 'member.total',
    label: '团员',
    lead: 'organization',
    unit: '名',
    description: '所在团组织在范围内的共青团员数',
    source: source('团员', sources.members),
    figure: countAll(),
    records: {
      permission: 'person.read',
      columns: [
        ...PERSON,
        col('org_name', '所在团组织'),
        col('joined_on', '入团日期'),
        col('member_no', '团员编号'),
      ],
      rows: (q) =>
        q
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
    article: { sentence: 'orgs', phrase: (v) => `管理团员${say.count(v, '名')}` },
  }),
  indicator({
    key: 'cadre.county_seconded_deputies',
    label: '县级团委挂职副书记',
    lead: 'organization',
    unit: '名',
    description: '期末在任的县级团委挂职副书记数',
    source: source('县级挂职副书记', (db, s) => sources.deputyPosts(db, s, 'county', 'seconded', false)),
    figure: countAll(),
    records: deputyRecords,
    article: { sentence: 'cadres', phrase: (v) => `选配挂职副书记${say.count(v, '名')}` },
  }),
  indicator({
    key: 'cadre.county_parttime_deputies',
    label: '县级团委兼职副书记',
    lead: 'organization',
    unit: '名',
    description: '期末在任的县级团委兼职副书记数',
    source: source('县级兼职副书记', (db, s) => sources.deputyPosts(db, s, 'county', 'part_time', false)),
    figure: countAll(),
    records: deputyRecords,
    article: { sentence: 'cadres', phrase: (v) => `兼职副书记${say.count(v, '名')}` },
  }),
  indicator({
    key: 'cadre.township_student_deputies',
    label: '大学生兼任乡镇团委副书记',
    lead: 'organization',
    unit: '名',
    description: '期末在任的大学生兼任乡镇团委副书记数',
    source: source('大学生兼任乡镇副书记', (db, s) =>
      sources.deputyPosts(db, s, 'township', 'part_time', true),
    ),
    figure: countAll(),
    records: deputyRecords,
    article: { sentence: 'cadres', phrase: (v) => `选聘大学生兼任乡镇团委副书记${say.count(v, '名')}` },
  }),
];
