import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TablePaginationConfig } from 'antd';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { api, type QueryValue } from '../api/client';
import type { Page } from '../api/types';

const DEFAULT_PAGE_SIZE = 20;

/**
 * Filters kept in the address bar, so that a list comes back as it was after opening a record
 * and a clerk can send the link to a colleague. Changing a filter goes back to page 1.
 */
export function useUrlFilters<K extends string>(keys: readonly K[]) {
  const [params, setParams] = useSearchParams();
  const values = useMemo(() => {
    const out = {} as Record<K, string | undefined>;
    for (const k of keys) out[k] = params.get(k) ?? undefined;
    return out;
  }, [params, keys]);

  const setFilters = useCallback(
    (patch: Partial<Record<K, string | null | undefined>>) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(patch) as [K, string | null | undefined][]) {
            if (v === undefined || v === null || v === '') next.delete(k);
            else next.set(k, v);
          }
          next.delete('page');
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  return { filters: values, setFilters };
}

/**
 * A server-paged list: reads `page`/`pageSize` from the address bar, asks `path` with the filters,
 * and returns what an antd Table needs.
 */
export function usePagedTable<T>(
  queryKey: string,
  path: string,
  filters: Record<string, QueryValue>,
  /** `post`: the filters go in a POST body (a search by identity number or phone stays out of every URL). */
  options: { enabled?: boolean; pageSize?: number; post?: boolean } = {},
) {
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = Math.min(
    200,
    Math.max(1, Number(params.get('pageSize')) || options.pageSize || DEFAULT_PAGE_SIZE),
  );

  const query = useQuery({
    queryKey: [queryKey, path, filters, page, pageSize],
    queryFn: ({ signal }) =>
      options.post
        ? api.post<Page<T>>(
            path,
            Object.fromEntries(
              Object.entries({ ...filters, page, pageSize }).filter(([, v]) => v !== undefined && v !== null),
            ),
          )
        : api.get<Page<T>>(path, { ...filters, page, pageSize }, signal),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });

  const setPage = useCallback(
    (nextPage: number, nextSize: number) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          if (nextPage > 1) next.set('page', String(nextPage));
          else next.delete('page');
          if (nextSize !== (options.pageSize ?? DEFAULT_PAGE_SIZE)) next.set('pageSize', String(nextSize));
          else next.delete('pageSize');
          return next;
        },
        { replace: true },
      );
    },
    [setParams, options.pageSize],
  );

  const pagination: TablePaginationConfig = {
    current: page,
    pageSize,
    total: query.data?.total ?? 0,
    showSizeChanger: true,
    pageSizeOptions: [10, 20, 50, 100],
    showTotal: (total) => `共 ${total} 条`,
    onChange: setPage,
  };

  return {
    query,
    items: query.data?.items ?? [],
    total: query.data?.total ?? 0,
    page,
    pageSize,
    pagination,
    loading: query.isFetching,
  };
}
