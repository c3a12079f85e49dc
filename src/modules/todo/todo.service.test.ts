import { describe, expect, it } from 'vitest';
import type { AppContext } from '../../context.ts';
import { systemActor } from '../auth/auth.policy.ts';
import { listTodo, TODO_KINDS } from './todo.service.ts';

describe('listTodo', () => {
  it('loads a page shared by several kinds once per request (the cadre kinds read one set of reminders)', async () => {
    let loads = 0;
    const load = async () => {
      loads++;
      return { vacancies: [1, 2], termsDue: [3] };
    };
    const kind = (name: string, pick: (r: Awaited<ReturnType<typeof load>>) => unknown[]) => ({
      kind: name,
      title: name,
      link: '/services',
      permission: 'service.write' as const,
      count: async (_: AppContext, __: unknown, shared: <T>(k: string, f: () => Promise<T>) => Promise<T>) =>
        pick(await shared('cadres', load)).length,
    });
    const { items } = await listTodo({} as AppContext, systemActor(), [
      kind('a', (r) => r.vacancies),
      kind('b', (r) => r.termsDue),
    ]);
    expect(items.map((i) => [i.kind, i.count])).toEqual([
      ['a', 2],
      ['b', 1],
    ]);
    expect(loads).toBe(1);
  });

  it('names each kind once', () => {
    const names = TODO_KINDS.map((k) => k.kind);
    expect(new Set(names).size).toBe(names.length);
  });
});
