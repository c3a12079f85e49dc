import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/**
 * A token that carries its own proof, so nothing is stored: `<field>.<field>….<expiry>.<signature>`, the
 * signature an HMAC of the rest under a key derived from TUANWU_SECRET for one purpose, so a token made for one
 * use (a check-in QR code) is worthless for another (a person reference). Callers check their fields' shape and
 * the expiry, each with its own message.
 */
const SIGNATURE = /^[A-Za-z0-9_-]{43}$/;

function sign(secret: string, purpose: string, payload: string): string {
  const key = Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), 'tuanwu', purpose, 32));
  return createHmac('sha256', key).update(payload).digest('base64url');
}

export function signToken(
  secret: string,
  purpose: string,
  fields: readonly (string | number)[],
  expiresAtSeconds: number,
): string {
  const payload = [...fields, expiresAtSeconds].join('.');
  return `${payload}.${sign(secret, purpose, payload)}`;
}

/** The fields and expiry of a genuine token of this purpose; null for anything forged, altered or malformed. */
export function openToken(
  secret: string,
  purpose: string,
  token: string,
): { fields: string[]; expiresAtSeconds: number } | null {
  const parts = token.trim().split('.');
  const signature = parts.pop() ?? '';
  const expiry = parts.at(-1) ?? '';
  if (parts.length < 2 || !SIGNATURE.test(signature) || !/^\d{1,12}$/.test(expiry)) return null;
  const expected = Buffer.from(sign(secret, purpose, parts.join('.')));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  return { fields: parts.slice(0, -1), expiresAtSeconds: Number(expiry) };
}
