/**
 * The import files of bench/province.ts: a province of N counties in bench/report.ts's city shape, written as
 * the CSV files a county would upload (IMPORT-SPEC.md headers), so that every row goes through the import
 * engine. Deterministic: two runs write the same files.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { addDays } from '../src/lib/dates.ts';
import { makeIdNumber } from '../src/lib/id-number.ts';

export const TOWNSHIPS = 20;
export const BRANCHES_PER_TOWNSHIP = 10;
const PEOPLE = 20_000;
const ACTIVITIES = 800;
const RECORDS = 35_000;
const ADMISSIONS = 600;
const POSTS = 120;
const VENUES = 30;
const DONATIONS = 300;
const GRANTS = 800;
const FUNDS = 40;

/** The ledger kinds of one county, in the order they can be loaded (references point backwards). */
export const COUNTY_KINDS = [
  'people',
  'cadres',
  'admissions',
  'venues',
  'volunteer-activities',
  'volunteer-hours',
  'donations',
  'grants',
  'funds',
] as const;

/** A deterministic pseudo-random sequence, so two runs build the same province. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function date(rand: () => number, from = 2021, years = 3): string {
  return addDays(`${from}-01-01`, Math.floor(rand() * 365 * years));
}

/** Ten cities of ten counties: region 41CC00 and 41CCKK (six digits for up to 100 counties). */
export function countyRegion(c: number): string {
  const city = Math.floor(c / 10) + 1;
  return `41${String(city).padStart(2, '0')}${String((c % 10) + 1).padStart(2, '0')}`;
}

function write(dir: string, name: string, header: string, lines: string[]): string {
  const file = path.join(dir, name);
  writeFileSync(file, `${header}\n${lines.join('\n')}\n`);
  return file;
}

/** regions.csv and orgs.csv of the whole province: one committee (level 市, the highest the model has) over N counties. */
export function writeTree(dir: string, counties: number) {
  const regions = ['410000,示例省,省,'];
  const orgs = ['SP,共青团示例省委员会,团委,市,,党政机关,410000,,正常'];
  const domains = ['非公企业', '社会组织', '中学', '村社区', '事业单位'];
  for (let city = 1; city <= Math.ceil(counties / 10); city++)
    regions.push(`41${String(city).padStart(2, '0')}00,第${city}市,市,410000`);
  for (let c = 0; c < counties; c++) {
    const county = countyRegion(c);
    regions.push(`${county},第${c + 1}县,县,${county.slice(0, 4)}00`);
    orgs.push(`C${c},共青团第${c + 1}县委员会,团委,县,SP,党政机关,${county},,正常`);
    for (let t = 0; t < TOWNSHIPS; t++) {
      const township = `${county}${String(t + 1).padStart(3, '0')}`;
      regions.push(`${township},第${c + 1}县第${t + 1}镇,乡镇,${county}`);
      for (let v = 0; v < 5; v++)
        regions.push(`${township}${String(v + 1).padStart(3, '0')},第${v + 1}村,村社区,${township}`);
      orgs.push(`C${c}-T${t},第${t + 1}镇团委,团委,乡镇,C${c},乡镇街道,${township},,正常`);
      for (let b = 0; b < BRANCHES_PER_TOWNSHIP; b++)
        orgs.push(
          `C${c}-T${t}-B${b},第${b + 1}团支部,团支部,基层,C${c}-T${t},${domains[(t + b) % 5]},${township},2020-01-01,正常`,
        );
    }
  }
  return {
    regions: write(dir, 'regions.csv', '区划编码,区划名称,区划级别,上级区划编码', regions),
    orgs: write(
      dir,
      'orgs.csv',
      '组织编码,组织名称,组织类型,组织层级,上级组织编码,所属领域,所在区划编码,成立日期,状态',
      orgs,
    ),
  };
}

/**
 * County c's nine ledger files (~57,700 rows: 20,000 people, 800 activities, 35,000 volunteer records, 600
 * admissions, 120 posts, 30 venues, 300 donations, 800 grants, 40 funds). Returns the files by kind and the
 * number of rows.
 */
export function writeCounty(dir: string, c: number): { files: Record<string, string>; rows: number } {
  const rand = random(c + 1);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const county = countyRegion(c);
  const townships = Array.from({ length: TOWNSHIPS }, (_, t) => t);
  const branch = () => `C${c}-T${pick(townships)}-B${Math.floor(rand() * BRANCHES_PER_TOWNSHIP)}`;
  const townshipRegion = (t: number) => `${county}${String(t + 1).padStart(3, '0')}`;

  // People: 60 % 共青团员 in a branch, the rest 群众 of 17–22 (some of whom apply to join). Birth dates walk
  // one day per 1,000 rows so (region, birth date, sequence) never repeats.
  const ids: string[] = [];
  const masses: string[] = [];
  const people: string[] = [];
  for (let i = 0; i < PEOPLE; i++) {
    const member = i % 5 < 3;
    const birth = addDays(member ? '1998-01-01' : '2004-01-01', Math.floor(i / 1000));
    const id = makeIdNumber(county, birth, i % 1000);
    ids.push(id);
    if (member) people.push(`${id},青年${c}-${i},共青团员,${branch()},${date(rand, 2018, 5)}`);
    else {
      masses.push(id);
      people.push(`${id},青年${c}-${i},群众,,`);
    }
  }
  const files: Record<string, string> = {};
  files.people = write(dir, `people-${c}.csv`, '身份证号,姓名,政治面貌,所在团组织编码,入团日期', people);

  const titles = ['书记', '副书记', '委员', '委员', '委员', '委员'];
  files.cadres = write(
    dir,
    `cadres-${c}.csv`,
    '身份证号,组织编码,职务,任职方式,人员来源,任职日期,离任日期',
    Array.from({ length: POSTS }, (_, i) => {
      const title = titles[i % titles.length]!;
      const ended = title !== '书记' && rand() < 0.3 ? date(rand, 2023, 2) : '';
      return `${ids[1000 + i]},C${c}-T${Math.floor(i / titles.length) % TOWNSHIPS},${title},${pick(['专职', '兼职', '挂职'])},${pick(['大学生', '乡镇街道', '县直单位'])},${date(rand, 2019, 4)},${ended}`;
    }),
  );

  files.admissions = write(
    dir,
    `admissions-${c}.csv`,
    '身份证号,申请日期,组织编码,推荐方式,积极分子确定日期,状态',
    Array.from({ length: ADMISSIONS }, (_, i) => {
      const applied = date(rand, 2022, 1);
      const activist = i % 3 === 0 ? addDays(applied, 40) : '';
      return `${masses[i]},${applied},${branch()},${pick(['少先队推优', '团员推荐', '其他'])},${activist},${activist ? '积极分子' : '申请'}`;
    }),
  );

  files.venues = write(
    dir,
    `venues-${c}.csv`,
    '阵地编码,阵地名称,阵地类型,所在区划编码,组织编码,启用日期,状态',
    Array.from({ length: VENUES }, (_, i) => {
      const t = pick(townships);
      const region = rand() < 0.5 ? townshipRegion(t) : `${townshipRegion(t)}00${1 + Math.floor(rand() * 5)}`;
      return `C${c}-V${i},青年之家${i},${i % 5 === 0 ? '青翼家园' : '青年之家'},${region},C${c}-T${t},${date(rand, 2020, 4)},${rand() < 0.9 ? '正常' : '停用'}`;
    }),
  );

  const activities: string[] = [];
  for (let i = 0; i < ACTIVITIES; i++) {
    const day = date(rand);
    activities.push(
      `C${c}-ZY${i},志愿服务${i},${pick(['关爱老人', '防溺水', '文明城市创建'])},${branch()},${day} 09:00,${day} 13:00,${townshipRegion(pick(townships))},社区服务中心`,
    );
  }
  files['volunteer-activities'] = write(
    dir,
    `activities-${c}.csv`,
    '活动编号,活动名称,服务类别,组织编码,开始时间,结束时间,所在区划编码,地点',
    activities,
  );
  const records = new Set<string>();
  const hours: string[] = [];
  while (records.size < RECORDS) {
    const activity = Math.floor(rand() * ACTIVITIES);
    const person = pick(ids);
    const key = `${activity}/${person}`;
    if (records.has(key)) continue;
    records.add(key);
    hours.push(`C${c}-ZY${activity},${person},${1 + Math.floor(rand() * 3)},,`);
  }
  files['volunteer-hours'] = write(
    dir,
    `hours-${c}.csv`,
    '活动编号,身份证号,服务时长,签到时间,签退时间',
    hours,
  );

  const yuan = (fen: number) => (fen / 100).toFixed(2);
  // Grants are paid at the county committee from the 助学 donations it received (their balance never goes below zero).
  files.donations = write(
    dir,
    `donations-${c}.csv`,
    '捐赠编号,捐赠方,捐赠方类型,金额,捐赠日期,项目,组织编码',
    Array.from(
      { length: DONATIONS },
      (_, i) =>
        `C${c}-D${i},爱心企业${i % 17},单位,${yuan(1_000_000 + Math.floor(rand() * 1_000_000))},${date(rand, 2021, 1)},${i % 3 ? '助学' : pick(['心理健康', '其他'])},C${c}`,
    ),
  );
  files.grants = write(
    dir,
    `grants-${c}.csv`,
    '发放编号,身份证号,金额,发放日期,项目,组织编码',
    Array.from(
      { length: GRANTS },
      (_, i) =>
        `C${c}-G${i},${pick(ids)},${yuan(50_000 + Math.floor(rand() * 100_000))},${date(rand, 2022, 2)},助学,C${c}`,
    ),
  );
  files.funds = write(
    dir,
    `funds-${c}.csv`,
    '经费编号,项目,来源,金额,到位日期,组织编码',
    Array.from(
      { length: FUNDS },
      (_, i) =>
        `C${c}-F${i},${pick(['心理健康', '其他'])},财政拨款,${yuan(1_000_000 + Math.floor(rand() * 5_000_000))},${date(rand)},C${c}-T${i % TOWNSHIPS}`,
    ),
  );
  return {
    files,
    rows: PEOPLE + POSTS + ADMISSIONS + VENUES + ACTIVITIES + RECORDS + DONATIONS + GRANTS + FUNDS,
  };
}
