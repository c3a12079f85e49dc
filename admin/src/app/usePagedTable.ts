import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TablePaginationConfig } from 'antd';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { QueryValue } from '../api/client';
import { type Answer, http, type Item, ok, type paths } from '../api/http';

/** GET lists that answer a page (`{items, total}`), and the POST searches that do. */
type PagedGet = {
  [P in keyof paths]: paths[P] extends { get: unknown } ? (Item<P> extends never ? never : P) : never;
}[keyof paths];
type PagedPost = {
  [P in keyof paths]: paths[P] extends { post: unknown }
    ? Item<P, 'post'> extends never
      ? never
      : P
    : never;
}[keyof paths];
type Row<P> = P extends PagedGet ? Item<P> : P extends PagedPost ? Item<P, 'post'> : never;
type PageOf<P> = P extends PagedGet ? Answer<P> : P extends PagedPost ? Answer<P, 'post'> : never;
/** The client called with a path chosen at run time (one of the paged ones above). */
type LooseCall = (path: string, init: object) => Promise<{ data?: unknown; response: Response }>;

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
export function usePagedTable<P extends PagedGet | PagedPost>(
  queryKey: string,
  path: P,
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
      ok(
        options.post
          ? (http.POST as LooseCall)(path, {
              body: Object.fromEntries(
                Object.entries({ ...filters, page, pageSize }).filter(
                  ([, v]) => v !== undefined && v !== null,
                ),
              ),
              signal,
            })
          : (http.GET as LooseCall)(path, { params: { query: { ...filters, page, pageSize } }, signal }),
      ) as Promise<PageOf<P> & { items: Row<P>[]; total: number }>,
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
