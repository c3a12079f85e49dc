import type { AliasableExpression, SelectQueryBuilder } from 'kysely';
import type { Db } from '../../db/create-db.ts';
import type { Permission } from '../auth/auth.policy.ts';
import type { ReportScope } from './report-sources.ts';

/**
 * What one 青春答卷 indicator is (issue 16 item 3): every consumer — the answer sheet and its schema, the
 * drill-down and its export, the dashboard's cards, the article — reads these fields, so adding or changing an
 * indicator is one entry in `indicators/<lead>.ts` and nothing else.
 */

export type Lead = 'party_building' | 'organization' | 'innovation' | 'service' | 'activity';

// biome-ignore lint/suspicious/noExplicitAny: a source may select from any tables
export type AnyQuery = SelectQueryBuilder<any, any, any>;

/**
 * The rows a figure counts. The drill-down lists the same rows, so a figure and the records behind it cannot
 * disagree. Indicators that name the same source object are aggregated in one query (one pass over the
 * volunteer records gives 人次, 志愿者 and 时长).
 */
export interface Source<Q extends AnyQuery = AnyQuery> {
  name: string;
  query: (db: Db, s: ReportScope) => Q;
  /**
   * The sheet's slowest read (on PostgreSQL the others are sent together in two statements, reports.repository.ts):
   * sent on a statement of its own, so that the others do not wait behind it.
   */
  alone?: boolean;
}

export const source = <Q extends AnyQuery>(
  name: string,
  query: (db: Db, s: ReportScope) => Q,
  options: { alone?: boolean } = {},
): Source<Q> => ({
  name,
  query,
  ...options,
});

/** How a figure comes from its source's rows, or from other figures. */
export type Figure =
  | { aggregate: 'count' }
  | { aggregate: 'count_distinct'; column: string }
  /** An aggregate that depends on the scope (distinctVolunteers reads the previous dates of the scope's depth). */
  | { aggregate: 'expression'; of: (s: ReportScope) => AliasableExpression<number> }
  /** A stored integer (fen, tenths of an hour) scaled back by `divisor`. */
  | { aggregate: 'sum'; column: string; divisor: number }
  | { derive: (figures: Readonly<Record<string, number>>) => number };

export const countAll = (): Figure => ({ aggregate: 'count' });
export const countDistinct = (column: string): Figure => ({ aggregate: 'count_distinct', column });
export const aggregateOf = (of: (s: ReportScope) => AliasableExpression<number>): Figure => ({
  aggregate: 'expression',
  of,
});
export const sumOf = (column: string, divisor = 1): Figure => ({ aggregate: 'sum', column, divisor });
export const derived = (fn: (figures: Readonly<Record<string, number>>) => number): Figure => ({
  derive: fn,
});

/** One column of a drill-down list: the key in each record and its Chinese title. */
export interface RecordColumn {
  key: string;
  title: string;
}

export const col = (key: string, title: string): RecordColumn => ({ key, title });
export const PERSON = [col('name', '姓名'), col('id_number', '证件号码')];
export const ORG = col('org_name', '组织');

/** The records behind a figure: its source's rows with the columns a reader needs. */
export interface Records<Q extends AnyQuery = AnyQuery> {
  /** The permission of the list these rows come from: a drill-down shows no more than that list would. */
  permission: Permission;
  columns: RecordColumn[];
  rows: (q: Q) => AnyQuery;
}

/** The article's sentences (article.ts gives each its opening), in the order they are written. */
export type Sentence =
  | 'admission'
  | 'party'
  | 'school'
  | 'orgs'
  | 'cadres'
  | 'funding'
  | 'aid'
  | 'mental'
  | 'venues'
  | 'internships'
  | 'volunteering';

export interface Clause {
  sentence: Sentence;
  /** The clause, given this figure (never zero: a zero figure leaves its clause out) and all the others. */
  phrase: (value: number, figures: Readonly<Record<string, number>>) => string;
  /** Written before the sentence's other clauses (a total before its "其中"). */
  opens?: boolean;
}

export interface IndicatorDef<K extends string, Q extends AnyQuery> {
  key: K;
  /** The name shown beside the figure. */
  label: string;
  lead: Lead;
  /** 名, 个, 所, 学时, 元, 人次, 场, %, 小时: 元 makes it money in the answer sheet, % a ratio. */
  unit: string;
  /** The answer sheet's schema description: REPORT-SPEC.md's meaning, in Chinese. */
  description: string;
  source: Source<Q>;
  figure: Figure;
  records: Records<Q>;
  /** Its clause in the drafted article; none when another figure's clause states it. */
  article?: Clause;
}

export type Indicator<K extends string = string> = IndicatorDef<K, AnyQuery>;

/** Declares an indicator; the generic keeps its key a literal and types its drill-down by its own source. */
export function indicator<const K extends string, Q extends AnyQuery>(def: IndicatorDef<K, Q>): Indicator<K> {
  return def as unknown as Indicator<K>;
}
