import {
  ORG_KINDS,
  ORG_LEVELS,
  ORG_STATUSES,
  type OrgDomain,
  type OrgKind,
  type OrgLevel,
} from '../modules/orgs/orgs.labels.ts';
import type { County } from './places.ts';

/** Who a branch's register holds: the people the demo generates for it. */
export interface Register {
  /** Birth dates, both included. */
  born: [string, string];
  size: [number, number];
  /** The share of league members among those 14 or older. */
  members: number;
  /** Adults may be Party members. */
  adults: boolean;
  education: readonly string[];
  workplace: string;
}

export interface DemoOrg {
  code: string;
  name: string;
  kind: OrgKind;
  level: OrgLevel;
  domain: OrgDomain;
  parentCode: string | null;
  regionCode: string;
  unitName: string | null;
  establishedOn: string | null;
  /** Revoked after loading (a firm closed, an association dissolved). */
  revoke: boolean;
  /** The county whose region code the register's identity numbers carry; null for those without a register. */
  county: County | null;
  register: Register | null;
}

/** Adds one organisation with defaults (grassroots, active, no register) and returns it. */
export type AddOrg = (o: Partial<DemoOrg> & Pick<DemoOrg, 'code' | 'name' | 'kind' | 'domain'>) => DemoOrg;

/** A random 成立日期 in the range. */
export type Since = (from?: string, to?: string) => string;

// People's birth ranges below are those of the school year 2026–27 (see people.ts AS_OF).
const ADULT_EDUCATION = ['高中', '中专', '大专', '大专', '本科', '本科', '本科', '硕士研究生'];
const RURAL_EDUCATION = ['初中', '初中', '高中', '高中', '中专', '大专'];

export const adult = (workplace: string, size: [number, number] = [5, 11]): Register => ({
  born: ['1996-01-01', '2007-08-31'],
  size,
  members: 0.65,
  adults: true,
  education: ADULT_EDUCATION,
  workplace,
});
export const rural = (workplace: string): Register => ({
  born: ['1996-01-01', '2007-08-31'],
  size: [8, 14],
  members: 0.5,
  adults: true,
  education: RURAL_EDUCATION,
  workplace,
});
export const teachers = (workplace: string): Register => ({
  born: ['1996-01-01', '2003-12-31'],
  size: [5, 9],
  members: 0.6,
  adults: true,
  education: ['本科', '本科', '硕士研究生'],
  workplace,
});
/** 高一 (grade 1) to 高三 (grade 3). */
export const seniors = (workplace: string, grade: number): Register => ({
  born: [`${2011 - grade}-09-01`, `${2012 - grade}-08-31`],
  size: [15, 22],
  members: 0.7,
  adults: false,
  education: ['高中'],
  workplace,
});
/** 初三: the youngest are not yet 14 and still 少先队员. */
export const juniors = (workplace: string): Register => ({
  born: ['2011-09-01', '2012-12-31'],
  size: [10, 16],
  members: 0.3,
  adults: false,
  education: ['初中'],
  workplace,
});
export const vocational = (workplace: string, entry: number): Register => ({
  born: [`${entry - 16}-09-01`, `${entry - 15}-08-31`],
  size: [14, 20],
  members: 0.5,
  adults: false,
  education: ['中专'],
  workplace,
});
export const collegians = (workplace: string, entry: number): Register => ({
  born: [`${entry - 19}-09-01`, `${entry - 18}-08-31`],
  size: [15, 20],
  members: 0.8,
  adults: true,
  education: ['大专'],
  workplace,
});

/** The rows of the 团组织 import (IMPORT-SPEC.md), parents before children; all active when loaded. */
export function orgRows(orgs: readonly DemoOrg[]): string[][] {
  return [
    [
      '组织编码',
      '组织名称',
      '组织类型',
      '组织层级',
      '上级组织编码',
      '所属领域',
      '所在区划编码',
      '所在单位',
      '成立日期',
      '状态',
    ],
    ...orgs.map((o) => [
      o.code,
      o.name,
      ORG_KINDS[o.kind],
      ORG_LEVELS[o.level],
      o.parentCode ?? '',
      o.domain,
      o.regionCode,
      o.unitName ?? '',
      o.establishedOn ?? '',
      ORG_STATUSES.active,
    ]),
  ];
}
