import type { ReactNode } from 'react';
import { useAuth, type WritePath } from './auth';

type Op = { [M in 'post' | 'put' | 'patch' | 'delete']: [M, WritePath<M>] }[
  | 'post'
  | 'put'
  | 'patch'
  | 'delete'];

/**
 * An action shown only to a user whose roles let him call its route (`may`, from the server's me.writes): a
 * button that would be refused is not shown at all (issue 17, item 8).
 */
export function Allowed({ op, children }: { op: Op; children: ReactNode }) {
  const { may } = useAuth();
  const [method, path] = op;
  return (may as (m: string, p: string) => boolean)(method, path) ? children : null;
}
