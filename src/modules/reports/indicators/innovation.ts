import { sql } from 'kysely';
import * as say from '../chinese-figures.ts';
import { col, countAll, indicator, ORG, type Records, source, sumOf } from '../indicator.ts';
import { sources } from '../report-sources.ts';

/** 创新引领 (REPORT-SPEC.md): funds and 青翼家园. */

export const fundRecords: Records<ReturnType<typeof sources.funds>> = {
  permission: 'service.read',
  columns: [
    col('code', '经费编号'),
    col('program', '项目'),
    col('source', '来源'),
    col('amount', '金额（元）'),
    col('received_on', '到位日期'),
    ORG,
    col('purpose', '用途'),
  ],
  rows: (q) =>
    q
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
};

export const venueRecords: Records<ReturnType<typeof sources.activeVenues>> = {
  permission: 'service.read',
  columns: [
    col('code', '阵地编码'),
    col('name', '阵地名称'),
    col('region_name', '所在区划'),
    ORG,
    col('opened_on', '启用日期'),
  ],
  rows: (q) =>
    q
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
};

export const INNOVATION = [
  indicator({
    key: 'fund.mental_health',
    label: '心理健康专项经费',
    lead: 'innovation',
    unit: '元',
    description: '期内到位的心理健康项目经费',
    source: source('心理健康经费', (db, s) => sources.funds(db, s, '心理健康')),
    figure: sumOf('funds.amount_fen', 100),
    records: fundRecords,
    article: { sentence: 'funding', phrase: (v) => `其中青少年心理健康专项经费${say.money(v)}` },
  }),
  indicator({
    key: 'fund.total',
    label: '工作经费',
    lead: 'innovation',
    unit: '元',
    description: '期内到位的全部经费',
    source: source('经费', (db, s) => sources.funds(db, s)),
    figure: sumOf('funds.amount_fen', 100),
    records: fundRecords,
    article: { sentence: 'funding', opens: true, phrase: (v) => `争取工作经费${say.money(v)}` },
  }),
  indicator({
    key: 'venue.qingyi',
    label: '青翼家园',
    lead: 'innovation',
    unit: '个',
    description: '期末正常的青翼家园数',
    source: source('青翼家园', (db, s) => sources.activeVenues(db, s, 'qingyi_home')),
    figure: countAll(),
    records: venueRecords,
    article: { sentence: 'funding', phrase: (v) => `建成“青翼家园”${say.count(v, '个')}` },
  }),
];
