import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { http, type Item, ok } from '../../api/http';

/** An organisation as the tree answers it (GET /api/orgs/tree). */
export type Org = Item<'/api/orgs/tree'>;

export const orgsQueryKey = ['orgs'] as const;

export function useOrgList(root?: string) {
  return useQuery({
    queryKey: [...orgsQueryKey, 'tree', root ?? null],
    queryFn: ({ signal }) =>
      ok(http.GET('/api/orgs/tree', { params: { query: { root } }, signal })).then((r) => r.items),
    staleTime: 60_000,
  });
}

export interface OrgNode {
  org: Org;
  children: OrgNode[];
}

/** Builds the forest from the flat list; orgs whose parent is outside the list become roots. */
export function buildOrgForest(items: readonly Org[]): OrgNode[] {
  const nodes = new Map<string, OrgNode>();
  for (const org of items) nodes.set(org.code, { org, children: [] });
  const roots: OrgNode[] = [];
  for (const org of items) {
    const node = nodes.get(org.code)!;
    const parent = org.parentCode ? nodes.get(org.parentCode) : undefined;
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  const sort = (list: OrgNode[]) => {
    list.sort((a, b) => a.org.code.localeCompare(b.org.code));
    for (const n of list) sort(n.children);
  };
  sort(roots);
  return roots;
}

/** Lookup by code plus the forest, memoised on the list. */
export function useOrgIndex(items: readonly Org[] | undefined) {
  return useMemo(() => {
    const list = items ?? [];
    const byCode = new Map(list.map((o) => [o.code, o]));
    return { byCode, forest: buildOrgForest(list) };
  }, [items]);
}

/** The codes of an org and everything beneath it. */
export function subtreeCodes(items: readonly Org[], code: string): Set<string> {
  const children = new Map<string, string[]>();
  for (const o of items) {
    if (!o.parentCode) continue;
    const list = children.get(o.parentCode) ?? [];
    list.push(o.code);
    children.set(o.parentCode, list);
  }
  const out = new Set<string>([code]);
  const stack = [code];
  while (stack.length) {
    const c = stack.pop()!;
    for (const k of children.get(c) ?? []) {
      if (!out.has(k)) {
        out.add(k);
        stack.push(k);
      }
    }
  }
  return out;
}

/** The chain from a root down to `code` (inclusive). */
export function ancestorsOf(byCode: ReadonlyMap<string, Org>, code: string): Org[] {
  const chain: Org[] = [];
  const seen = new Set<string>();
  let cur = byCode.get(code);
  while (cur && !seen.has(cur.code)) {
    chain.unshift(cur);
    seen.add(cur.code);
    cur = cur.parentCode ? byCode.get(cur.parentCode) : undefined;
  }
  return chain;
}
