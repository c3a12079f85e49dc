import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { type Answer, http, ok, type Query } from '../../api/http';
import { useMe } from '../../app/auth';
import { todayAsDayjs } from '../../app/dates';
import { type IndicatorMeta, type Lead, leads } from './indicators';

/** The answer sheet, its figures read by the keys of the server's indicator table (the admin lists none itself). */
export type AnswerSheet = Omit<Answer<'/api/reports/answer-sheet'>, 'indicators'> & {
  indicators: Readonly<Record<string, number>>;
};
export type DashboardSeries = Answer<'/api/reports/dashboard'>;

/** Whose figures and over which period: the report routes' own query (org, from, to). */
export type Scope = Query<'/api/reports/answer-sheet'>;

const DATE = 'YYYY-MM-DD';

/** This year so far. */
export function defaultPeriod(): { from: string; to: string } {
  const today = todayAsDayjs();
  return { from: today.startOf('year').format(DATE), to: today.format(DATE) };
}

/**
 * The previous period of the same length, ending the day before `from`. A period of whole months
 * (2022-01-01..2023-12-31) moves back by its number of months; any other by its number of days.
 */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const f = dayjs(from);
  const t = dayjs(to);
  if (f.date() === 1 && t.isSame(t.endOf('month'), 'day')) {
    const months = (t.year() - f.year()) * 12 + (t.month() - f.month()) + 1;
    return {
      from: f.subtract(months, 'month').format(DATE),
      to: f.subtract(1, 'day').format(DATE),
    };
  }
  const days = t.diff(f, 'day') + 1;
  return { from: f.subtract(days, 'day').format(DATE), to: f.subtract(1, 'day').format(DATE) };
}

/** The org and period, kept in the address bar (`?org=&from=&to=`) so a view can be shared. */
export function useReportScope(): [Scope, (patch: Partial<Scope>) => void] {
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const fallback = useMemo(defaultPeriod, []);
  const scope: Scope = {
    org: params.get('org') || me.org.code,
    from: params.get('from') || fallback.from,
    to: params.get('to') || fallback.to,
  };
  const setScope = useCallback(
    (patch: Partial<Scope>) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(patch)) {
            if (v) next.set(k, v);
            else next.delete(k);
          }
          next.delete('page');
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );
  return [scope, setScope];
}

const NONE: readonly IndicatorMeta[] = [];

/** The indicators from the server's table; until they have come, none (the cards show a skeleton). */
export function useIndicators() {
  const query = useQuery({
    queryKey: ['reports', 'indicators'],
    queryFn: async ({ signal }) => (await ok(http.GET('/api/reports/indicators', { signal }))).items,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const items: readonly IndicatorMeta[] = query.data ?? NONE;
  return useMemo(() => {
    const byKey = new Map(items.map((i) => [i.key, i]));
    const byLead = new Map<Lead, IndicatorMeta[]>(leads.map((l) => [l.key, []]));
    for (const i of items) byLead.get(i.lead)?.push(i);
    return { items, byKey, byLead, loading: query.isLoading };
  }, [items, query.isLoading]);
}

export function useAnswerSheet(scope: Scope, enabled = true) {
  return useQuery({
    queryKey: ['reports', 'answer-sheet', scope.org, scope.from, scope.to],
    queryFn: ({ signal }): Promise<AnswerSheet> =>
      ok(http.GET('/api/reports/answer-sheet', { params: { query: { ...scope } }, signal })),
    enabled: enabled && Boolean(scope.org && scope.from && scope.to),
  });
}

export function useDashboardSeries(scope: Scope) {
  return useQuery({
    queryKey: ['reports', 'dashboard', scope.org, scope.from, scope.to],
    queryFn: ({ signal }) =>
      ok(http.GET('/api/reports/dashboard', { params: { query: { ...scope } }, signal })),
    enabled: Boolean(scope.org && scope.from && scope.to),
  });
}

export function useCompare(scope: Scope, enabled: boolean) {
  return useQuery({
    queryKey: ['reports', 'compare', scope.org, scope.from, scope.to],
    queryFn: ({ signal }): Promise<{ items: AnswerSheet[] }> =>
      ok(http.GET('/api/reports/compare', { params: { query: { ...scope } }, signal })),
    enabled: enabled && Boolean(scope.org && scope.from && scope.to),
  });
}

export function useArticle(scope: Scope) {
  return useQuery({
    queryKey: ['reports', 'article', scope.org, scope.from, scope.to],
    queryFn: ({ signal }) =>
      ok(
        http.GET('/api/reports/article', {
          params: { query: { ...scope, format: 'md' } },
          parseAs: 'text',
          signal,
        }),
      ),
    enabled: Boolean(scope.org && scope.from && scope.to),
  });
}

/** A 404 means the endpoint is not there yet (the server is older than this admin). */
export const notAvailable = (e: unknown): boolean => e instanceof ApiError && e.status === 404;

export function recordsLink(indicator: string, scope: Scope): string {
  const q = new URLSearchParams({ indicator, org: scope.org, from: scope.from, to: scope.to });
  return `/reports/records?${q.toString()}`;
}
