import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';

/** GET /api/todo (INTERFACES.md): what waits for the signed-in user in his reach. */
export interface TodoItem {
  kind: string;
  title: string;
  count: number;
  /** The admin route where the work is done. */
  link: string;
}

export const todoQueryKey = ['todo'] as const;

export function useTodo(enabled = true) {
  return useQuery({
    queryKey: todoQueryKey,
    queryFn: ({ signal }) => api.get<{ items: TodoItem[] }>('/todo', undefined, signal),
    enabled,
    staleTime: 15_000,
    refetchInterval: 60_000,
  });
}

/** The badge on the menu: how many things wait, all kinds together. */
export function todoTotal(items: TodoItem[] | undefined): number {
  return (items ?? []).reduce((sum, i) => sum + i.count, 0);
}
