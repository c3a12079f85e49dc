/**
 * The scope walk's probes (server/scope.integration.test.ts) for the account routes: SL-B's admin aiming at
 * SL-A's clerk. `:user` stands for that clerk's id.
 */
export const USERS_PROBES: Record<string, { url: string; payload?: object; expect: 'denied' }[]> = {
  'POST /api/users/:id/password': [
    { url: '/api/users/:user/password', payload: { newPassword: 'Taken-over-2026' }, expect: 'denied' },
  ],
  'POST /api/users/:id/disable': [{ url: '/api/users/:user/disable', expect: 'denied' }],
  'POST /api/users/:id/enable': [{ url: '/api/users/:user/enable', expect: 'denied' }],
  'PUT /api/users/:id/roles': [
    { url: '/api/users/:user/roles', payload: { roles: ['org_admin'] }, expect: 'denied' },
  ],
};
