import { useQuery } from '@tanstack/react-query';
import { http, type Item, ok } from '../../api/http';

/** GET /api/todo (INTERFACES.md): what waits for the signed-in user in his reach; `link` is the admin route. */
export type TodoItem = Item<'/api/todo'>;

export const todoQueryKey = ['todo'] as const;

export function useTodo(enabled = true) {
  return useQuery({
    queryKey: todoQueryKey,
    queryFn: ({ signal }) => ok(http.GET('/api/todo', { signal })),
    enabled,
    staleTime: 15_000,
    refetchInterval: 60_000,
  });
}

/** The badge on the menu: how many things wait, all kinds together. */
export function todoTotal(items: TodoItem[] | undefined): number {
  return (items ?? []).reduce((sum, i) => sum + i.count, 0);
}
