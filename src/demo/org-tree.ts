import type { OrgDomain } from '../modules/orgs/orgs.labels.ts';
import { type AddOrg, adult, collegians, type DemoOrg, rural, type Since } from './demo-org.ts';
import { buildSchools } from './org-schools.ts';
import type { County, DemoPlaces, Township } from './places.ts';
import type { Random } from './random.ts';
import {
  ASSOCIATIONS,
  COLLEGE_SCHOOLS,
  FIRM_BRANDS,
  FIRM_TRADES,
  INSTITUTIONS,
  ORGANS,
  STATE_FIRMS,
} from './units.ts';

export const CITY_CODE = 'DH';
export const CITY_NAME = '共青团示范市委员会';
const CITY = '示范市';

/** Builds the whole tree, parents before children, in a fixed order for a given random source. */
export function buildOrgTree(random: Random, places: DemoPlaces): DemoOrg[] {
  const orgs: DemoOrg[] = [];
  const add = (o: Partial<DemoOrg> & Pick<DemoOrg, 'code' | 'name' | 'kind' | 'domain'>) => {
    const org: DemoOrg = {
      level: 'grassroots',
      parentCode: null,
      regionCode: places.city.code,
      unitName: null,
      establishedOn: null,
      revoke: false,
      county: null,
      register: null,
      ...o,
    };
    orgs.push(org);
    return org;
  };
  const since = (from = '2005-01-01', to = '2024-12-31') => random.date(from, to);

  add({
    code: CITY_CODE,
    name: CITY_NAME,
    kind: 'committee',
    level: 'city',
    domain: '党政机关',
  });
  buildCityUnits(add, since, places);
  for (const county of places.counties) buildCounty(random, add, since, county);
  return orgs;
}

/** The city's own units: the 市直机关团工委 and the 高校, whose students come from both counties. */
function buildCityUnits(add: AddOrg, since: Since, places: DemoPlaces): void {
  const organs = add({
    code: `${CITY_CODE}-G`,
    name: `${CITY}直机关团工委`,
    kind: 'working_committee',
    level: 'township',
    domain: '党政机关',
    parentCode: CITY_CODE,
  });
  ORGANS.slice(0, 4).forEach((o, i) => {
    const unit = `${CITY}${o.name.replace(/^县/, '市')}`;
    add({
      code: `${organs.code}${String(i + 1).padStart(2, '0')}`,
      name: `${unit}团支部`,
      kind: 'branch',
      domain: '党政机关',
      parentCode: organs.code,
      unitName: unit,
      establishedOn: since(),
      county: places.counties[i % places.counties.length]!,
      register: adult(unit),
    });
  });
  const college = '示范职业技术学院';
  const top = add({
    code: `${CITY_CODE}-U01`,
    name: `${college}团委`,
    kind: 'committee',
    domain: '高校',
    parentCode: CITY_CODE,
    unitName: college,
    establishedOn: '2003-09-01',
  });
  COLLEGE_SCHOOLS.forEach((school, s) => {
    const general = add({
      code: `${top.code}-S${s + 1}`,
      name: `${college}${school.name}团总支`,
      kind: 'general_branch',
      domain: '高校',
      parentCode: top.code,
      unitName: college,
      establishedOn: '2010-09-01',
    });
    school.majors.forEach((major, m) => {
      const entry = 2024 + m;
      add({
        code: `${general.code}-C${m + 1}`,
        name: `${college}${entry}级${major}1班团支部`,
        kind: 'branch',
        domain: '高校',
        parentCode: general.code,
        unitName: college,
        establishedOn: `${entry}-09-20`,
        county: places.counties[(s + m) % places.counties.length]!,
        register: collegians(college, entry),
      });
    });
  });
}

function buildCounty(random: Random, add: AddOrg, since: Since, county: County): void {
  const code = `${CITY_CODE}-${county.letter}`;
  const c = { county, regionCode: county.code };
  add({
    ...c,
    code,
    name: `共青团${county.name}委员会`,
    kind: 'committee',
    level: 'county',
    domain: '党政机关',
    parentCode: CITY_CODE,
  });
  county.townships.forEach((t, i) => {
    buildTownship(add, since, county, code, t, i);
  });
  buildPublicSector(add, since, county, code);
  buildSchools(add, county, code);

  // 两新: firms and associations, registered with the township they sit in.
  const firms = new Set<string>();
  const associations = [...ASSOCIATIONS];
  let np = 0;
  let so = 0;
  // One firm has closed and one association dissolved: their branches are revoked.
  let firmClosed = false;
  let clubDissolved = false;
  county.townships.forEach((t, i) => {
    const parentCode = `${code}-T${String(i + 1).padStart(2, '0')}`;
    const busy = t.street ? [8, 11] : t.name.endsWith('镇') ? [5, 8] : [3, 5];
    for (let n = random.int(busy[0]!, busy[1]!); n > 0; n--) {
      let unit = '';
      do unit = `${county.name}${random.pick(FIRM_BRANDS)}${random.pick(FIRM_TRADES)}有限公司`;
      while (firms.has(unit));
      firms.add(unit);
      np++;
      const big = random.chance(0.12);
      const revoke = !firmClosed && np >= 5 && !big;
      firmClosed ||= revoke;
      unitWithBranches(add, since, random, {
        ...c,
        code: `${code}-NP${String(np).padStart(3, '0')}`,
        unit,
        domain: '非公企业',
        parentCode,
        regionCode: random.pick(t.villages).code,
        big,
        revoke,
      });
    }
    const clubs = t.street ? [4, 6] : t.name.endsWith('镇') ? [2, 3] : [1, 2];
    for (let n = random.int(clubs[0]!, clubs[1]!); n > 0 && associations.length > 0; n--) {
      const unit = `${county.name}${associations.splice(random.int(0, associations.length - 1), 1)[0]}`;
      so++;
      const big = random.chance(0.1);
      const revoke = !clubDissolved && so >= 3 && !big;
      clubDissolved ||= revoke;
      unitWithBranches(add, since, random, {
        ...c,
        code: `${code}-SO${String(so).padStart(3, '0')}`,
        unit,
        domain: '社会组织',
        parentCode,
        regionCode: t.code,
        big,
        revoke,
      });
    }
  });

  const other = [
    { name: `${county.name}流动团员团支部`, workplace: '外出务工' },
    { name: `${county.name}青年创业园团支部`, workplace: `${county.name}青年创业园` },
  ];
  other.forEach(({ name, workplace }, i) => {
    add({
      ...c,
      code: `${code}-X0${i + 1}`,
      name,
      kind: 'branch',
      domain: '其他',
      parentCode: code,
      establishedOn: since(),
      register: adult(workplace, [8, 14]),
    });
  });
}

/** A firm or association: a branch, or for a big one a 团委 with two or three branches. */
function unitWithBranches(
  add: AddOrg,
  since: Since,
  random: Random,
  o: {
    county: County;
    code: string;
    unit: string;
    domain: OrgDomain;
    parentCode: string;
    regionCode: string;
    big: boolean;
    revoke: boolean;
  },
): void {
  const base = {
    county: o.county,
    domain: o.domain,
    regionCode: o.regionCode,
    unitName: o.unit,
    establishedOn: since(),
  };
  if (!o.big) {
    add({
      ...base,
      code: o.code,
      name: `${o.unit}团支部`,
      kind: 'branch',
      parentCode: o.parentCode,
      revoke: o.revoke,
      register: o.revoke ? null : adult(o.unit, [4, 10]),
    });
    return;
  }
  add({ ...base, code: o.code, name: `${o.unit}团委`, kind: 'committee', parentCode: o.parentCode });
  for (let b = 1, n = random.int(2, 3); b <= n; b++) {
    add({
      ...base,
      code: `${o.code}-${b}`,
      name: `${o.unit}第${b}团支部`,
      kind: 'branch',
      parentCode: o.code,
      register: adult(o.unit, [6, 12]),
    });
  }
}

function buildTownship(
  add: AddOrg,
  since: Since,
  county: County,
  countyCode: string,
  t: Township,
  i: number,
): void {
  const code = `${countyCode}-T${String(i + 1).padStart(2, '0')}`;
  const c = { county, regionCode: t.code };
  add({
    ...c,
    code,
    name: `${county.name}${t.name}${t.street ? '团工委' : '团委'}`,
    kind: t.street ? 'working_committee' : 'committee',
    level: 'township',
    domain: '乡镇街道',
    parentCode: countyCode,
  });
  const office = `${county.name}${t.name}${t.street ? '办事处' : '人民政府'}`;
  add({
    ...c,
    code: `${code}-G`,
    name: `${t.name}机关团支部`,
    kind: 'branch',
    domain: '乡镇街道',
    parentCode: code,
    unitName: office,
    establishedOn: since(),
    register: adult(office, [4, 8]),
  });
  t.villages.forEach((v, n) => {
    const unit = `${t.name}${v.name}`;
    add({
      county,
      regionCode: v.code,
      code: `${code}-V${n + 1}`,
      name: `${unit}团支部`,
      kind: 'branch',
      domain: '村社区',
      parentCode: code,
      unitName: `${unit}${v.community ? '居民委员会' : '村民委员会'}`,
      establishedOn: since(),
      register: rural(unit),
    });
  });
}

/** 党政机关 (under the 县直机关团工委), 事业单位 and 国有企业. */
function buildPublicSector(add: AddOrg, since: Since, county: County, countyCode: string): void {
  const c = { county, regionCode: county.code };
  const unitOf = (name: string) => `${county.name}${name.replace(/^县/, '')}`;
  const organs = add({
    ...c,
    code: `${countyCode}-G`,
    name: `${county.name}直机关团工委`,
    kind: 'working_committee',
    level: 'township',
    domain: '党政机关',
    parentCode: countyCode,
    establishedOn: since(),
  });
  const sectors = [
    {
      prefix: 'G',
      parentCode: organs.code,
      domain: '党政机关' as const,
      units: ORGANS,
      group: 'general_branch' as const,
    },
    {
      prefix: 'S',
      parentCode: countyCode,
      domain: '事业单位' as const,
      units: INSTITUTIONS,
      group: 'general_branch' as const,
    },
    {
      prefix: 'E',
      parentCode: countyCode,
      domain: '国有企业' as const,
      units: STATE_FIRMS,
      group: 'committee' as const,
    },
  ];
  for (const s of sectors) {
    s.units.forEach((u, i) => {
      const unit = unitOf(u.name);
      const code = `${countyCode}-${s.prefix}${String(i + 1).padStart(2, '0')}`;
      const base = { ...c, domain: s.domain, unitName: unit, establishedOn: since() };
      if (!u.branches) {
        add({
          ...base,
          code,
          name: `${unit}团支部`,
          kind: 'branch',
          parentCode: s.parentCode,
          register: adult(unit),
        });
        return;
      }
      add({
        ...base,
        code,
        name: `${unit}${s.group === 'committee' ? '团委' : '团总支'}`,
        kind: s.group,
        parentCode: s.parentCode,
      });
      u.branches.forEach((b, n) => {
        add({
          ...base,
          code: `${code}-${n + 1}`,
          name: `${unit}${b}团支部`,
          kind: 'branch',
          parentCode: code,
          register: adult(unit),
        });
      });
    });
  }
}
