import { endExpiredSessions } from '../auth/auth.service.ts';
import { forgetStaleAttempts } from '../auth/throttle.service.ts';
import type { Job } from './scheduler.service.ts';

const HOUR = 3_600_000;

/**
 * Every piece of scheduled work of the server. Before issue 14 these ran on the side of a request (expired
 * sessions at each login, stale throttle keys at one failed attempt in a hundred); here they run hourly, once
 * across the deployment. Publication falling due needs no job: public pages select by publish time, and each
 * process's page cache expires at the next scheduled piece (newsroom/page-cache.ts).
 */
export const JOBS: Job[] = [
  { name: 'sessions.expired', everyMs: HOUR, run: (ctx) => endExpiredSessions(ctx) },
  { name: 'auth-throttle.stale', everyMs: HOUR, run: (ctx) => forgetStaleAttempts(ctx.db) },
];
