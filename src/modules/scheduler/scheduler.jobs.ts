import { endExpiredSessions } from '../auth/auth.service.ts';
import { forgetStaleAttempts } from '../auth/throttle.service.ts';
import { queueDigests } from '../notifications/notifications.digest.ts';
import { sendDue } from '../notifications/notifications.sender.ts';
import type { Job } from './scheduler.service.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * Every piece of scheduled work of the server. Before issue 14 these ran on the side of a request (expired
 * sessions at each login, stale throttle keys at one failed attempt in a hundred); here they run hourly, once
 * across the deployment. Publication falling due needs no job: public pages select by publish time, and each
 * process's page cache expires at the next scheduled piece (newsroom/page-cache.ts).
 */
export const JOBS: Job[] = [
  { name: 'sessions.expired', everyMs: HOUR, run: (ctx) => endExpiredSessions(ctx) },
  { name: 'auth-throttle.stale', everyMs: HOUR, run: (ctx) => forgetStaleAttempts(ctx.db) },
  // Issue 15. Hourly, so a digest is queued soon after 07:00 and the dedupe key keeps it to one a day; what it
  // queued goes out at once rather than up to a minute later.
  {
    name: 'notifications.digest',
    everyMs: HOUR,
    run: async (ctx) => {
      await queueDigests(ctx);
      await sendDue(ctx);
    },
  },
  // Retries fall due at their back-off; each message is claimed before it is sent (notifications.repository).
  { name: 'notifications.send', everyMs: MINUTE, run: async (ctx) => void (await sendDue(ctx)) },
];
