import { pickSurname } from './names.ts';
import type { Random } from './random.ts';

/**
 * The demo city's administrative divisions. Names are made up (示范市, 东湖县, 西岭县) so that nothing
 * passes for a real place's league committee; codes follow GB/T 2260 and the statistical village codes:
 * county 6 digits, township = county + 3, village = township + 3 (communities 001–, villages 201–).
 */
export interface Village {
  code: string;
  name: string;
  community: boolean;
}

export interface Township {
  code: string;
  name: string;
  /** A 街道 (its league body is a 团工委) rather than a 乡 or 镇 (a 团委). */
  street: boolean;
  villages: Village[];
}

export interface County {
  /** A, B: the letter in organisation codes (DH-A, DH-B). */
  letter: string;
  code: string;
  name: string;
  townships: Township[];
}

export interface DemoPlaces {
  province: { code: string; name: string };
  city: { code: string; name: string };
  counties: County[];
}

const COUNTY_PLANS = [
  {
    letter: 'A',
    code: '419801',
    name: '东湖县',
    townships: ['湖滨街道', '东关街道', '城关镇', '柳河镇', '青石镇', '白沙镇', '杏花乡', '芦荡乡'],
  },
  {
    letter: 'B',
    code: '419802',
    name: '西岭县',
    townships: ['岭南街道', '西城街道', '松林镇', '石桥镇', '龙泉镇', '云台乡', '桃源乡'],
  },
];

// biome-ignore format: a table reads better than one name per line
const COMMUNITY_NAMES = [
  '滨河', '文昌', '振兴', '建设', '光明', '和平', '新华', '学府', '育才', '朝阳', '锦绣', '幸福', '胜利',
  '友谊', '团结', '春晖', '永安', '嘉禾', '长青', '翠园',
];

const VILLAGE_SUFFIXES = ['庄', '楼', '营', '寨', '集', '岗', '湾', '庙', '屯', '店', '桥', '洼'];

function uniqueName(used: Set<string>, make: () => string): string {
  let name = make();
  while (used.has(name)) name = make();
  used.add(name);
  return name;
}

export function buildPlaces(random: Random): DemoPlaces {
  const counties = COUNTY_PLANS.map((plan): County => {
    const used = new Set<string>();
    const townships = plan.townships.map((name, t): Township => {
      const code = `${plan.code}${String(t + 1).padStart(3, '0')}`;
      const street = name.endsWith('街道');
      const count = random.int(2, 4);
      const villages: Village[] = [];
      for (let v = 0; v < count; v++) {
        // Streets hold communities; a town's seat has one community, its other places are villages.
        const community = street || (v === 0 && name.endsWith('镇'));
        const villageName = community
          ? uniqueName(used, () => `${random.pick(COMMUNITY_NAMES)}社区`)
          : uniqueName(used, () => `${pickSurname(random)}${random.pick(VILLAGE_SUFFIXES)}村`);
        const serial = community ? v + 1 : 201 + v;
        villages.push({ code: `${code}${String(serial).padStart(3, '0')}`, name: villageName, community });
      }
      return { code, name, street, villages };
    });
    return { letter: plan.letter, code: plan.code, name: plan.name, townships };
  });
  return {
    province: { code: '410000', name: '河南省' },
    city: { code: '419800', name: '示范市' },
    counties,
  };
}

/** The rows of the 行政区划 import (IMPORT-SPEC.md), parents before children. */
export function regionRows(places: DemoPlaces): string[][] {
  const rows = [
    ['区划编码', '区划名称', '区划级别', '上级区划编码'],
    [places.province.code, places.province.name, '省', ''],
    [places.city.code, places.city.name, '市', places.province.code],
  ];
  for (const county of places.counties) {
    rows.push([county.code, county.name, '县', places.city.code]);
    for (const township of county.townships) {
      rows.push([township.code, township.name, '乡镇', county.code]);
      for (const village of township.villages) {
        rows.push([village.code, village.name, '村社区', township.code]);
      }
    }
  }
  return rows;
}
