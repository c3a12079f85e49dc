import { ValidationError } from '../../lib/errors.ts';
import { openToken, signToken } from '../../lib/signed-token.ts';

/**
 * What the named lookup (people.lookup.ts) hands a caller who reads no roll, per person found: a reference
 * binding that person to that user for two hours, signed with a key derived from TUANWU_SECRET. The writes such
 * a caller reaches (考勤, 资助发放) name a person by it, not by his id, so walking ids 1..N through a write whose
 * reply names the person reads nothing: only someone he found by whole name or 证件号码 can be named (issue 17,
 * item 8). Nothing is stored; a colleague's or a stale reference is refused.
 */
export const PERSON_REF_TTL_SECONDS = 2 * 3600;

const PURPOSE = 'person-lookup-ref';

export function makePersonRef(
  secret: string,
  personId: number,
  userId: number,
  nowMs = Date.now(),
  ttlSeconds = PERSON_REF_TTL_SECONDS,
): string {
  return signToken(secret, PURPOSE, [personId, userId], Math.floor(nowMs / 1000) + ttlSeconds);
}

/** The person a reference names, if it is genuine, the caller's own and not expired; else a precise refusal. */
export function readPersonRef(
  secret: string,
  ref: string,
  userId: number,
  field = 'personRef',
  nowMs = Date.now(),
): number {
  const opened = openToken(secret, PURPOSE, ref);
  const [personId = '', refUserId = ''] = opened?.fields ?? [];
  if (opened?.fields.length !== 2 || !/^\d{1,10}$/.test(personId) || !/^\d{1,10}$/.test(refUserId))
    throw ValidationError.field(
      field,
      null,
      '人员凭据无效：请重新按完整姓名或证件号码查找此人，再从查找结果中选择',
    );
  if (Number(refUserId) !== userId)
    throw ValidationError.field(
      field,
      null,
      '此人员凭据由其他用户查得，不能使用：请您自己按完整姓名或证件号码查找此人',
    );
  if (opened.expiresAtSeconds * 1000 < nowMs)
    throw ValidationError.field(field, null, '人员凭据已过期（查找结果 2 小时内有效）：请重新查找此人');
  return Number(personId);
}
