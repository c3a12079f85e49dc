import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { ValidationError } from '../../lib/errors.ts';

/**
 * What the named lookup (people.lookup.ts) hands a caller who reads no roll, per person found: a reference
 * binding that person to that user for two hours, signed with a key derived from TUANWU_SECRET. The writes such
 * a caller reaches (考勤, 资助发放) name a person by it, not by his id, so walking ids 1..N through a write whose
 * reply names the person reads nothing: only someone he found by whole name or 证件号码 can be named (issue 17,
 * item 8). Nothing is stored; a colleague's or a stale reference is refused.
 */
export const PERSON_REF_TTL_SECONDS = 2 * 3600;

function keyOf(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), 'tuanwu', 'person-lookup-ref', 32));
}

function sign(secret: string, payload: string): string {
  return createHmac('sha256', keyOf(secret)).update(payload).digest('base64url');
}

export function makePersonRef(
  secret: string,
  personId: number,
  userId: number,
  nowMs = Date.now(),
  ttlSeconds = PERSON_REF_TTL_SECONDS,
): string {
  const payload = `${personId}.${userId}.${Math.floor(nowMs / 1000) + ttlSeconds}`;
  return `${payload}.${sign(secret, payload)}`;
}

/** The person a reference names, if it is genuine, the caller's own and not expired; else a precise refusal. */
export function readPersonRef(
  secret: string,
  ref: string,
  userId: number,
  field = 'personRef',
  nowMs = Date.now(),
): number {
  const m = /^(\d{1,10})\.(\d{1,10})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(ref.trim());
  const invalid = () =>
    ValidationError.field(
      field,
      null,
      '人员凭据无效：请重新按完整姓名或证件号码查找此人，再从查找结果中选择',
    );
  if (!m) throw invalid();
  const expected = Buffer.from(sign(secret, `${m[1]}.${m[2]}.${m[3]}`));
  const given = Buffer.from(m[4]!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw invalid();
  if (Number(m[2]) !== userId)
    throw ValidationError.field(
      field,
      null,
      '此人员凭据由其他用户查得，不能使用：请您自己按完整姓名或证件号码查找此人',
    );
  if (Number(m[3]) * 1000 < nowMs)
    throw ValidationError.field(field, null, '人员凭据已过期（查找结果 2 小时内有效）：请重新查找此人');
  return Number(m[1]);
}
