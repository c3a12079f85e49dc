import { useQuery } from '@tanstack/react-query';
import { type Answer, http, type Item, ok, type Query, type RequestBody } from '../../api/http';

/** /api/newsroom: the shapes are the server's (generated schema.d.ts); the OpenAPI UI at /api/docs shows them. */
export type ArticleSummary = Item<'/api/newsroom/articles'>;
export type ArticleDetail = Answer<'/api/newsroom/articles/{id}'>;
export type ArticleInput = RequestBody<'/api/newsroom/articles'>;
export type Channel = Answer<'/api/newsroom/structure'>['channels'][number];
export type Column = Answer<'/api/newsroom/structure'>['columns'][number];
export type Site = Answer<'/api/newsroom/site'>;
export type CheckResult = Answer<'/api/newsroom/articles/{id}/check'>;

export const statusColors: Record<string, string> = {
  draft: 'default',
  submitted: 'processing',
  returned: 'warning',
  published: 'success',
  withdrawn: 'error',
};

export function useStructure() {
  return useQuery({
    queryKey: ['newsroom', 'structure'],
    queryFn: ({ signal }) => ok(http.GET('/api/newsroom/structure', { signal })),
    staleTime: 60_000,
  });
}

export function useArticles(query: { view: string; status?: string; q?: string; page: number }) {
  return useQuery({
    queryKey: ['newsroom', 'articles', query],
    queryFn: ({ signal }) =>
      ok(
        http.GET('/api/newsroom/articles', {
          params: { query: { ...query, pageSize: 20 } as Query<'/api/newsroom/articles'> },
          signal,
        }),
      ),
  });
}

export function useArticle(id: number | null) {
  return useQuery({
    queryKey: ['newsroom', 'article', id],
    queryFn: ({ signal }) =>
      ok(http.GET('/api/newsroom/articles/{id}', { params: { path: { id: id! } }, signal })),
    enabled: id != null,
  });
}

/**
 * The pre-publish check of a piece (错敏词, links and pictures), run whenever the piece is opened or saved, so
 * editor and reviewer see what would stop it before pressing 发布 (issue 17, item 15).
 */
export function useArticleCheck(id: number | null, revision: number | undefined, enabled: boolean) {
  return useQuery({
    queryKey: ['newsroom', 'article', id, 'check', revision],
    queryFn: ({ signal }) =>
      ok(http.GET('/api/newsroom/articles/{id}/check', { params: { path: { id: id! } }, signal })),
    enabled: id != null && enabled,
  });
}

export function useStale() {
  return useQuery({
    queryKey: ['newsroom', 'stale'],
    queryFn: ({ signal }) => ok(http.GET('/api/newsroom/stale-columns', { signal })),
  });
}
