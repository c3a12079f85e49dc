import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { ValidationError } from '../../lib/errors.ts';

/**
 * The QR code an organiser shows holds a link with a signed, expiring token naming the activity and
 * whether it checks in or out. Signed with a key derived from TUANWU_SECRET, so nothing is stored and a
 * screenshot stops working when the token expires.
 */
export type ScanAction = 'in' | 'out';

export const TOKEN_TTL_SECONDS = 120;

function keyOf(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), 'tuanwu', 'volunteer-checkin-qr', 32));
}

function sign(secret: string, payload: string): string {
  return createHmac('sha256', keyOf(secret)).update(payload).digest('base64url');
}

export function makeScanToken(
  secret: string,
  activityId: number,
  action: ScanAction,
  nowMs = Date.now(),
  ttlSeconds = TOKEN_TTL_SECONDS,
): { token: string; expiresAt: string } {
  const exp = Math.floor(nowMs / 1000) + ttlSeconds;
  const payload = `${activityId}.${action}.${exp}`;
  return { token: `${payload}.${sign(secret, payload)}`, expiresAt: new Date(exp * 1000).toISOString() };
}

export function readScanToken(
  secret: string,
  token: string,
  nowMs = Date.now(),
): { activityId: number; action: ScanAction } {
  const m = /^(\d{1,10})\.(in|out)\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token.trim());
  const invalid = () => ValidationError.field('token', null, '二维码无效，请重新扫描组织者出示的签到码');
  if (!m) throw invalid();
  const expected = Buffer.from(sign(secret, `${m[1]}.${m[2]}.${m[3]}`));
  const given = Buffer.from(m[4]!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw invalid();
  if (Number(m[3]) * 1000 < nowMs) {
    throw ValidationError.field('token', null, '二维码已过期，请扫描组织者当前出示的签到码');
  }
  return { activityId: Number(m[1]), action: m[2] as ScanAction };
}
