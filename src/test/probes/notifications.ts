/** The scope walk's probes (server/scope.integration.test.ts) for the reminder routes. */
export const NOTIFICATIONS_PROBES: Record<
  string,
  { url: string; payload?: object; expect: 'own' | 'denied'; why?: string }[]
> = {
  'GET /api/notifications/preferences': [
    {
      url: '/api/notifications/preferences',
      expect: 'own',
      why: 'his own settings; no parameter names anyone',
    },
  ],
  'PUT /api/notifications/preferences': [
    {
      url: '/api/notifications/preferences',
      payload: { email: null, wechatOpenid: null, optOuts: [] },
      expect: 'own',
      why: 'his own settings; no parameter names anyone',
    },
  ],
  'GET /api/notifications/outbox': [
    { url: '/api/notifications/outbox', expect: 'own', why: 'the outbox of his own reach only' },
  ],
  'POST /api/notifications/outbox/:id/resend': [
    { url: '/api/notifications/outbox/:notification/resend', payload: {}, expect: 'denied' },
  ],
};
