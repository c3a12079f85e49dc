import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportRefusedError } from '../../lib/errors.ts';
import { makeIdNumber } from '../../lib/id-number.ts';
import { createTestContext, DIALECTS, type TestContext } from '../../test/db.ts';
import { countingQueries } from '../../test/query-counter.ts';
import { systemActor } from '../auth/auth.policy.ts';
import { importFile } from '../imports/imports.service.ts';
import { INDICATORS } from './indicators.ts';
import { computeFigures } from './reports.repository.ts';
import { answerSheet, type Indicators, resolveScope } from './reports.service.ts';

/**
 * A small county built to sit on every boundary REPORT-SPEC.md draws: the period is 2023, both ends inclusive;
 * "at the end" is 2023-12-31. Each record is named after the edge it tests. A neighbouring county (SL-B) holds
 * records that would count if scope leaked.
 */
const FROM = '2023-01-01';
const TO = '2023-12-31';

const P1 = makeIdNumber('419901', '2007-03-01', 11);
const P2 = makeIdNumber('419901', '2007-04-01', 12);
const P3 = makeIdNumber('419901', '2007-05-01', 13);
const P4 = makeIdNumber('419901', '2007-06-01', 14);
const P5 = makeIdNumber('419901', '2007-07-01', 15);
const CADRE1 = makeIdNumber('419901', '1995-01-01', 21);
const CADRE2 = makeIdNumber('419901', '1996-01-01', 22);
const CADRE3 = makeIdNumber('419901', '1997-01-01', 23);
const CADRE4 = makeIdNumber('419901', '2001-01-01', 24);
const B1 = makeIdNumber('419902', '2007-03-01', 31);

const FILES: [kind: string, rows: string[]][] = [
  [
    'regions',
    [
      '区划编码,区划名称,区划级别,上级区划编码',
      '410000,河南省,省,',
      '419900,示例市,市,410000',
      '419901,示例县,县,419900',
      '419901001,第一镇,乡镇,419901',
      '419901001001,第一村,村社区,419901001',
      '419901002,第二镇,乡镇,419901',
      '419901003,第三镇,乡镇,419901',
      '419902,邻县,县,419900',
      '419902001,邻县第一镇,乡镇,419902',
    ],
  ],
  [
    'orgs',
    [
      '组织编码,组织名称,组织类型,组织层级,上级组织编码,所属领域,所在区划编码,成立日期,状态',
      'SL,共青团示例市委员会,团委,市,,党政机关,419900,,正常',
      'SL-A,共青团示例县委员会,团委,县,SL,党政机关,419901,,正常',
      'SL-A-T1,第一镇团委,团委,乡镇,SL-A,乡镇街道,419901001,,正常',
      'SL-A-T2,第二镇团委,团委,乡镇,SL-A,乡镇街道,419901002,,正常',
      'SL-A-REVOKED,已撤销的社会组织团支部,团支部,基层,SL-A,社会组织,419901,2020-01-01,撤销',
      'SL-A-LATER,次年成立的非公企业团支部,团支部,基层,SL-A,非公企业,419901,2024-01-01,正常',
      'SL-A-ONTO,年末成立的非公企业团支部,团支部,基层,SL-A,非公企业,419901,2023-12-31,正常',
      'SL-A-SOCIAL,社会组织团支部,团支部,基层,SL-A,社会组织,419901,,正常',
      'SL-B,共青团邻县委员会,团委,县,SL,党政机关,419902,,正常',
      'SL-B-NP,邻县非公企业团支部,团支部,基层,SL-B,非公企业,419902,,正常',
    ],
  ],
  [
    'people',
    [
      '身份证号,姓名,政治面貌,所在团组织编码,入团日期',
      `${P1},甲一,共青团员,SL-A-T1,2022-05-04`,
      `${P2},甲二,共青团员,SL-A-REVOKED,2021-05-04`,
      `${P3},甲三,少先队员,,`,
      `${P4},甲四,群众,,`,
      `${P5},甲五,少先队员,,`,
      `${CADRE1},干一,中共党员,,`,
      `${CADRE2},干二,中共党员,,`,
      `${CADRE3},干三,中共党员,,`,
      `${CADRE4},干四,共青团员,SL-A-T1,2016-05-04`,
      `${B1},乙一,共青团员,SL-B-NP,2022-05-04`,
    ],
  ],
  [
    'cadres',
    [
      '身份证号,组织编码,职务,任职方式,人员来源,任职日期,离任日期',
      // 挂职 at the county: one leaves on the last day (no longer active), one the day after (still active).
      `${CADRE1},SL-A,副书记,挂职,县直单位,2022-01-01,${TO}`,
      `${CADRE2},SL-A,副书记,挂职,县直单位,2022-01-01,2024-01-01`,
      // 兼职: one starts on the last day (active), one the day after (not yet).
      `${CADRE3},SL-A,副书记,兼职,非公企业,${TO},`,
      `${CADRE1},SL-A,副书记,兼职,非公企业,2024-01-01,`,
      // A college student as a township deputy secretary; the same post in the other county does not count.
      `${CADRE4},SL-A-T1,副书记,兼职,大学生,2023-06-01,`,
      `${B1},SL-B,副书记,挂职,县直单位,2022-01-01,`,
    ],
  ],
  [
    'admissions',
    [
      '身份证号,申请日期,组织编码,推荐方式,思政课评价,积极分子确定日期,发展对象确定日期,支部大会日期,审批日期,入团日期,状态',
      `${P3},2022-09-01,SL-A-T1,少先队推优,优秀,2022-10-01,2023-06-01,${TO},${TO},${TO},已入团`,
      `${P4},2023-01-10,SL-A-T1,其他,良好,2023-02-01,2023-06-01,2024-01-01,2024-01-02,2024-01-01,已入团`,
      `${P5},${TO},SL-A-T1,团员推荐,,,,,,,申请`,
      `${B1},2023-03-01,SL-B-NP,团员推荐,,,,,,,申请`,
    ],
  ],
  [
    'venues',
    [
      '阵地编码,阵地名称,阵地类型,所在区划编码,组织编码,启用日期,状态',
      // In a village: covers its township. Opened on the last day: active at the end.
      `V-VILLAGE,第一村青年之家,青年之家,419901001001,SL-A-T1,${TO},正常`,
      'V-LATER,第二镇青年之家,青年之家,419901002,SL-A-T2,2024-01-01,正常',
      'V-CLOSED,第三镇青年之家,青年之家,419901003,SL-A,2021-01-01,停用',
      'V-QINGYI,第一镇青翼家园,青翼家园,419901001,SL-A-T1,,正常',
      'V-OTHER,邻县青年之家,青年之家,419902001,SL-B,2021-01-01,正常',
    ],
  ],
  [
    'volunteer-activities',
    [
      '活动编号,活动名称,服务类别,组织编码,开始时间,结束时间,所在区划编码,地点',
      `A-FIRST,年初第一场,关爱老人,SL-A-T1,${FROM} 00:00,${FROM} 03:00,419901001,敬老院`,
      `A-LAST,年末最后一场,文明城市创建,SL-A,${TO} 21:30,${TO} 23:59,419901,广场`,
      'A-BEFORE,跨年前夜,文明城市创建,SL-A,2022-12-31 23:59,2023-01-01 02:00,419901,广场',
      'A-AFTER,新年第一场,文明城市创建,SL-A,2024-01-01 00:00,2024-01-01 02:00,419901,广场',
      `A-OTHER,邻县活动,防溺水,SL-B,2023-06-01 09:00,2023-06-01 12:00,419902001,河边`,
    ],
  ],
  [
    'volunteer-hours',
    [
      '活动编号,身份证号,服务时长,签到时间,签退时间',
      `A-FIRST,${P1},1.25,,`,
      `A-LAST,${P1},,${TO} 21:30,${TO} 22:15`,
      `A-LAST,${P2},2,,`,
      `A-BEFORE,${P3},2,,`,
      `A-AFTER,${P3},2,,`,
      `A-OTHER,${B1},3,,`,
    ],
  ],
  [
    'funds',
    [
      '经费编号,项目,来源,金额,到位日期,组织编码,用途',
      `F-CENT,心理健康,财政拨款,0.01,${FROM},SL-A,一分钱也要算`,
      `F-LAST,其他,社会募集,1234.56,${TO},SL-A-T1,`,
      'F-LATER,心理健康,财政拨款,500.00,2024-01-01,SL-A,',
      `F-OTHER,心理健康,财政拨款,700.00,2023-06-01,SL-B,`,
    ],
  ],
  [
    'donations',
    [
      '捐赠编号,捐赠方,捐赠方类型,金额,捐赠日期,项目,组织编码,备注',
      `D-1,爱心企业,单位,100.10,${FROM},助学,SL-A,`,
      `D-2,爱心人士,个人,200.20,${TO},助学,SL-A-T1,`,
      'D-3,爱心人士,个人,50.00,2022-12-31,助学,SL-A,',
      `D-4,心理基金,单位,0.07,2023-05-05,心理健康,SL-A,`,
      `D-5,邻县企业,单位,900.00,2023-05-05,助学,SL-B,`,
    ],
  ],
  [
    'grants',
    [
      '发放编号,身份证号,金额,发放日期,项目,组织编码,资助原因',
      `G-1,${P1},0.05,${FROM},助学,SL-A,家庭经济困难`,
      `G-2,${P1},0.10,${TO},助学,SL-A,家庭经济困难`,
      `G-3,${P2},80.00,2022-12-31,助学,SL-A,家庭经济困难`,
      `G-4,${B1},300.00,2023-06-01,助学,SL-B,家庭经济困难`,
    ],
  ],
];

for (const dialect of DIALECTS) {
  describe(`answer sheet at the edges of REPORT-SPEC.md (${dialect})`, () => {
    let ctx: TestContext;
    let dir: string;
    let indicators: Indicators;
    const actor = systemActor('边界测试');

    beforeAll(async () => {
      ctx = await createTestContext(dialect);
      dir = mkdtempSync(path.join(tmpdir(), 'tuanwu-edges-'));
      for (const [kind, rows] of FILES) {
        const file = path.join(dir, `${kind}.csv`);
        writeFileSync(file, `${rows.join('\n')}\n`);
        try {
          await importFile(ctx, actor, kind, { path: file, name: `${kind}.csv` }, { dryRun: false });
        } catch (error) {
          if (error instanceof ImportRefusedError)
            throw new Error(`${kind}: ${JSON.stringify(error.details.errors)}`);
          throw error;
        }
      }
      ({ indicators } = await answerSheet(ctx, actor, { org: 'SL-A', from: FROM, to: TO }));
    });

    afterAll(async () => {
      await ctx.dispose();
      rmSync(dir, { recursive: true, force: true });
    });

    it('counts active orgs: revoked ones and ones established after the end are left out, one established on the last day is in', () => {
      expect(indicators['org.active']).toBe(5);
      expect(indicators['org.social']).toBe(1);
      expect(indicators['org.nonpublic']).toBe(1);
    });

    it('counts members of the subtree whatever the status of their org', () => {
      expect(indicators['member.total']).toBe(3);
    });

    it('counts a post that ends on the last day as over, one that starts on it as active', () => {
      expect(indicators['cadre.county_seconded_deputies']).toBe(1);
      expect(indicators['cadre.county_parttime_deputies']).toBe(1);
      expect(indicators['cadre.township_student_deputies']).toBe(1);
    });

    it('counts admissions by their join date inside the period, and applications made on the last day', () => {
      expect(indicators['admission.admitted']).toBe(1);
      expect(indicators['admission.recommended']).toBe(1);
      expect(indicators['admission.in_progress']).toBe(1);
    });

    it('counts venues opened by the end and in service; a youth home in a village covers its township', () => {
      expect(indicators['venue.youth_homes']).toBe(1);
      expect(indicators['venue.qingyi']).toBe(1);
      expect(indicators['venue.townships']).toBe(3);
      expect(indicators['venue.townships_covered']).toBe(1);
      expect(indicators['venue.township_coverage']).toBe(0.3333);
    });

    it('counts activities starting on either bound and none of the other county; hours to the hundredth', () => {
      expect(indicators['volunteer.events']).toBe(2);
      expect(indicators['volunteer.participations']).toBe(3);
      expect(indicators['volunteer.volunteers']).toBe(2);
      expect(indicators['volunteer.hours']).toBe(4);
    });

    it('sums money to the fen, on both bounds of the period', () => {
      expect(indicators['fund.mental_health']).toBe(0.01);
      expect(indicators['fund.total']).toBe(1234.57);
      expect(indicators['aid.raised']).toBe(300.3);
      expect(indicators['mental.donations']).toBe(0.07);
      expect(indicators['aid.granted']).toBe(0.15);
      expect(indicators['aid.students']).toBe(1);
    });

    it('gives the other county only its own records', async () => {
      const other = (await answerSheet(ctx, actor, { org: 'SL-B', from: FROM, to: TO })).indicators;
      expect(other['volunteer.events']).toBe(1);
      expect(other['volunteer.hours']).toBe(3);
      expect(other['fund.mental_health']).toBe(700);
      expect(other['aid.raised']).toBe(900);
      expect(other['aid.granted']).toBe(300);
      expect(other['venue.youth_homes']).toBe(1);
      expect(other['venue.township_coverage']).toBe(1);
      expect(other['admission.in_progress']).toBe(1);
      expect(other['cadre.county_seconded_deputies']).toBe(1);
      expect(other['member.total']).toBe(1);
    });

    it('reads the figures in three statements on PostgreSQL (one a source on SQLite), the same figures', async () => {
      const { scope } = await resolveScope(ctx, actor, { org: 'SL-A', from: FROM, to: TO });
      const counted = countingQueries(ctx.db);
      const figures = await computeFigures(counted.db, scope, INDICATORS);
      const sources = new Set(INDICATORS.filter((i) => !('derive' in i.figure)).map((i) => i.source));
      expect(counted.count()).toBe(dialect === 'postgres' ? 3 : sources.size);
      expect(figures).toEqual(indicators);
    });

    it('refuses a period that ends before it starts, with a Chinese reason', async () => {
      await expect(answerSheet(ctx, actor, { org: 'SL-A', from: TO, to: FROM })).rejects.toThrow(
        /开始日期不能晚于结束日期/,
      );
    });
  });
}
