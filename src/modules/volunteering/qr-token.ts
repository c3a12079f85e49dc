import { ValidationError } from '../../lib/errors.ts';
import { openToken, signToken } from '../../lib/signed-token.ts';

/**
 * The QR code an organiser shows holds a link with a signed, expiring token naming the activity and
 * whether it checks in or out. Signed with a key derived from TUANWU_SECRET, so nothing is stored and a
 * screenshot stops working when the token expires.
 */
export type ScanAction = 'in' | 'out';

export const TOKEN_TTL_SECONDS = 120;

const PURPOSE = 'volunteer-checkin-qr';

export function makeScanToken(
  secret: string,
  activityId: number,
  action: ScanAction,
  nowMs = Date.now(),
  ttlSeconds = TOKEN_TTL_SECONDS,
): { token: string; expiresAt: string } {
  const exp = Math.floor(nowMs / 1000) + ttlSeconds;
  return {
    token: signToken(secret, PURPOSE, [activityId, action], exp),
    expiresAt: new Date(exp * 1000).toISOString(),
  };
}

export function readScanToken(
  secret: string,
  token: string,
  nowMs = Date.now(),
): { activityId: number; action: ScanAction } {
  const opened = openToken(secret, PURPOSE, token);
  const [activityId = '', action = ''] = opened?.fields ?? [];
  if (opened?.fields.length !== 2 || !/^\d{1,10}$/.test(activityId) || (action !== 'in' && action !== 'out'))
    throw ValidationError.field('token', null, '二维码无效，请重新扫描组织者出示的签到码');
  if (opened.expiresAtSeconds * 1000 < nowMs) {
    throw ValidationError.field('token', null, '二维码已过期，请扫描组织者当前出示的签到码');
  }
  return { activityId: Number(activityId), action };
}
