/** Moved to the auth module; kept until the last modules declare their permissions. */
export {
  actorOf as requireActor,
  CSRF_COOKIE,
  clearSessionCookies,
  registerAuth,
  SESSION_COOKIE,
  setSessionCookies,
} from '../modules/auth/auth.request.ts';
