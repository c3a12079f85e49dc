import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';

/** /api/newsroom (docs/api.md, "newsroom"). */
export interface ArticleSummary {
  id: number;
  title: string;
  summary: string;
  status: 'draft' | 'submitted' | 'returned' | 'published' | 'withdrawn';
  statusLabel: string;
  channelSlug: string;
  channelName: string;
  columnSlug: string | null;
  columnName: string | null;
  orgCode: string;
  source: string;
  authorName: string;
  reviewerName: string | null;
  reviewComment: string | null;
  featured: boolean;
  coverImage: string | null;
  publishAt: string | null;
  publishedAt: string | null;
  submittedAt: string | null;
  revision: number;
  origin: string;
  updatedAt: string;
}

export interface ArticleDetail extends ArticleSummary {
  bodyHtml: string;
  revisions: { revision: number; title: string; username: string; note: string; createdAt: string }[];
  mayReview: boolean;
  mayEdit: boolean;
}

export interface ArticleInput {
  title: string;
  summary?: string;
  bodyHtml: string;
  channelSlug: string;
  columnSlug?: string | null;
  source?: string;
  featured?: boolean;
  publishAt?: string | null;
  coverImage?: string | null;
}

export interface Channel {
  id: number;
  slug: string;
  name: string;
  sortOrder: number;
}

export interface Column {
  id: number;
  slug: string;
  name: string;
  intro: string;
  channelSlug: string;
  channelName: string;
  orgCode: string;
  orgName: string;
  sortOrder: number;
}

export interface Site {
  name: string;
  welcome: string;
  description: string;
  copyright: string;
  address: string;
  postcode: string;
  phone: string;
  friendlyLinks: { name: string; url: string }[];
  sensitiveWords: { word: string; suggestion: string }[];
  staleDays: number;
}

export interface CheckResult {
  ok: boolean;
  sensitiveWords: { column: string; value: string; reason: string }[];
  links: { column: string; value: string; reason: string }[];
}

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
    queryFn: () => api.get<{ channels: Channel[]; columns: Column[] }>('/newsroom/structure'),
    staleTime: 60_000,
  });
}

export function useArticles(query: { view: string; status?: string; q?: string; page: number }) {
  return useQuery({
    queryKey: ['newsroom', 'articles', query],
    queryFn: () =>
      api.get<{ items: ArticleSummary[]; total: number; page: number; pageSize: number }>(
        '/newsroom/articles',
        {
          ...query,
          pageSize: 20,
        },
      ),
  });
}

export function useArticle(id: number | null) {
  return useQuery({
    queryKey: ['newsroom', 'article', id],
    queryFn: () => api.get<ArticleDetail>(`/newsroom/articles/${id}`),
    enabled: id != null,
  });
}

export function useStale() {
  return useQuery({
    queryKey: ['newsroom', 'stale'],
    queryFn: () =>
      api.get<{
        staleDays: number;
        items: (Column & { lastPublishedAt: string | null; daysSinceUpdate: number })[];
      }>('/newsroom/stale-columns'),
  });
}
