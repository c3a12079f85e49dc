import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo } from 'react';
import { ApiError, onUnauthorized, setCsrfToken } from '../api/client';
import { type Answer, http, ok, type paths } from '../api/http';

/** The signed-in user; `mustChangePassword`: an administrator reset the password (only the password page). */
export type Me = Answer<'/api/auth/me'>['user'] & { mustChangePassword?: boolean };

type WriteMethod = 'post' | 'put' | 'patch' | 'delete';
/** The API paths that take `M`, as the generated contract names them. */
export type WritePath<M extends WriteMethod> = {
  [P in keyof paths]: paths[P][M] extends undefined ? never : P;
}[keyof paths];

interface AuthState {
  /** undefined while the session is being checked, null when signed out. */
  user: Me | null | undefined;
  can: (permission: string) => boolean;
  /**
   * Whether the user's roles let him call this write: the server lists them (me.writes) from each route's own
   * declaration, so a button shown by `may` is one the route accepts (issue 17, item 8). Per-record rules (the
   * organisation a step belongs to) are the server's to tell with each record.
   */
  may: <M extends WriteMethod>(method: M, path: WritePath<M>) => boolean;
  login: (username: string, password: string) => Promise<Me>;
  logout: () => Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

export const meQueryKey = ['auth', 'me'] as const;

async function fetchMe(): Promise<Me | null> {
  try {
    const session = await ok(http.GET('/api/auth/me'));
    setCsrfToken(session.csrfToken);
    return { ...session.user, mustChangePassword: session.mustChangePassword };
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw e;
  }
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const me = useQuery({ queryKey: meQueryKey, queryFn: fetchMe, staleTime: 5 * 60_000, retry: 1 });

  useEffect(() => {
    onUnauthorized(() => {
      setCsrfToken(null);
      queryClient.setQueryData(meQueryKey, null);
    });
    return () => onUnauthorized(null);
  }, [queryClient]);

  const login = useCallback(
    async (username: string, password: string) => {
      const session = await ok(http.POST('/api/auth/login', { body: { username, password } }));
      setCsrfToken(session.csrfToken);
      // Drop whatever an earlier user had cached.
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'auth' });
      const user = { ...session.user, mustChangePassword: session.mustChangePassword };
      queryClient.setQueryData(meQueryKey, user);
      return user;
    },
    [queryClient],
  );

  const logout = useCallback(async () => {
    try {
      await http.POST('/api/auth/logout');
    } catch {
      /* signed out either way */
    }
    setCsrfToken(null);
    queryClient.clear();
    queryClient.setQueryData(meQueryKey, null);
  }, [queryClient]);

  const user = me.isPending ? undefined : me.isError ? null : (me.data ?? null);

  const value = useMemo<AuthState>(() => {
    const perms = new Set(user?.permissions ?? []);
    const writes = new Set(user?.writes ?? []);
    return {
      user,
      can: (p) => perms.has(p),
      may: (method, path) => writes.has(`${method.toUpperCase()} ${path}`),
      login,
      logout,
    };
  }, [user, login, logout]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

/** The signed-in user; only for pages under the authenticated layout. */
export function useMe(): Me {
  const { user } = useAuth();
  if (!user) throw new Error('useMe without a signed-in user');
  return user;
}
