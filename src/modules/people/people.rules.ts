import { ageOn } from '../../lib/dates.ts';
import type { Problem } from '../../lib/errors.ts';
import { type IdDocument, type IdType, parseIdDocument } from '../../lib/id-document.ts';
import type { IdNumberInfo } from '../../lib/id-number.ts';
import type { PoliticalStatus } from './people.labels.ts';

/** An organisation as a person's scope names it. */
export interface ScopeOrg {
  id: number;
  path: string;
}

/**
 * Who reaches a person (DESIGN.md, Access: a user reaches his organisation's subtree): the subtree of the
 * person's 所在团组织. Without one he stays where he was: a member who leaves, or whose org is cleared, stays
 * visible to his last branch's subtree with his 入团日期 and 团员编号; a new person without one is where he is
 * registered (`current` is then the registering organisation). Every write of a person takes its scope from here.
 */
export function personScope(
  org: ScopeOrg | null,
  current: ScopeOrg,
): { scope_org_id: number; scope_path: string } {
  const at = org ?? current;
  return { scope_org_id: at.id, scope_path: at.path };
}

/** The fields of a person after each has been read on its own. */
export interface PersonFacts {
  id: IdNumberInfo;
  gender: '男' | '女' | null;
  birthDate: string | null;
  politicalStatus: PoliticalStatus;
  orgGiven: boolean;
  joinedOn: string | null;
  memberNo: string | null;
}

type Issue = Omit<Problem, 'row'>;

/**
 * Where a row or a form gives 性别 or 出生日期, they must agree with what the number says (IMPORT-SPEC.md; for a
 * passport `id` is what was typed, so they agree by construction). Shared by person entry, the people import
 * and volunteer self-registration.
 */
export function identityMismatches(
  p: Pick<PersonFacts, 'id' | 'gender' | 'birthDate'>,
  headers: Record<'gender' | 'birthDate', string>,
): Issue[] {
  const issues: Issue[] = [];
  if (p.gender && p.gender !== p.id.gender) {
    issues.push({
      column: headers.gender,
      value: p.gender,
      reason: `性别与证件号码不符（证件号码为${p.id.gender}性）`,
    });
  }
  if (p.birthDate && p.birthDate !== p.id.birthDate) {
    issues.push({
      column: headers.birthDate,
      value: p.birthDate,
      reason: `出生日期与证件号码不符（证件号码为 ${p.id.birthDate}）`,
    });
  }
  return issues;
}

/** IMPORT-SPEC.md: 性别 and 出生日期 agree with the number; members need org and date. */
export function personErrors(
  p: PersonFacts,
  headers: Record<'gender' | 'birthDate' | 'orgCode' | 'joinedOn' | 'memberNo', string>,
): Issue[] {
  const issues: Issue[] = identityMismatches(p, headers);
  if (p.politicalStatus === 'league_member') {
    if (!p.orgGiven)
      issues.push({ column: headers.orgCode, value: null, reason: '共青团员必须填写所在团组织编码' });
    if (!p.joinedOn)
      issues.push({ column: headers.joinedOn, value: null, reason: '共青团员必须填写入团日期' });
  }
  if (p.memberNo && !/^\d{12}$/.test(p.memberNo)) {
    issues.push({ column: headers.memberNo, value: p.memberNo, reason: '团员编号应为12位数字' });
  } else if (p.memberNo && p.joinedOn && p.memberNo.slice(0, 4) !== p.joinedOn.slice(0, 4)) {
    issues.push({
      column: headers.memberNo,
      value: p.memberNo,
      reason: `团员编号前四位应为入团年份 ${p.joinedOn.slice(0, 4)}`,
    });
  }
  if (p.joinedOn && p.joinedOn < p.id.birthDate) {
    issues.push({ column: headers.joinedOn, value: p.joinedOn, reason: '入团日期早于出生日期' });
  }
  return issues;
}

/** The league's rules (DOMAIN.md) that history may break: reported as warnings on import. */
export function personWarnings(p: PersonFacts, headers: Record<'joinedOn', string>): Issue[] {
  const issues: Issue[] = [];
  if (p.joinedOn && p.joinedOn >= p.id.birthDate) {
    const age = ageOn(p.id.birthDate, p.joinedOn);
    if (age < 14 || age > 28) {
      issues.push({
        column: headers.joinedOn,
        value: p.joinedOn,
        reason: `入团时 ${age} 周岁，不在14至28周岁之间`,
      });
    }
  }
  return issues;
}

/**
 * A passport number left under the default 证件类型 (居民身份证; the people file's 证件类型 column is optional and
 * last) is refused as a short 身份证号: the refusal also says what a passport row needs.
 */
function withPassportHint(input: { idType: IdType; idNumber: string }, reason: string): string {
  const text = input.idNumber.replace(/\s+/g, '').toUpperCase();
  if (input.idType !== 'resident_id' || text.length === 18 || !parseIdDocument('passport', text).ok)
    return reason;
  return `${reason}；如是护照号码，请将证件类型设为“护照”，并填写性别和出生日期`;
}

/**
 * The identity document of a person as entered in the admin or imported (issue 17 item 7, issue 15 item 3): the
 * number checked against its 证件类型; what it says of sex and birth date, or for a passport (which says neither)
 * what was typed, which must then be given. One rule for both ways in.
 */
export function readIdentity(
  input: { idType: IdType; idNumber: string; gender: '男' | '女' | null; birthDate: string | null },
  headers: Record<'idNumber' | 'gender' | 'birthDate', string>,
  today: string,
): { ok: true; doc: IdDocument; info: IdNumberInfo } | { ok: false; issues: Issue[] } {
  const parsed = parseIdDocument(input.idType, input.idNumber);
  if (!parsed.ok)
    return {
      ok: false,
      issues: [{ column: headers.idNumber, value: null, reason: withPassportHint(input, parsed.reason) }],
    };
  const { doc } = parsed;
  if (doc.derived) return { ok: true, doc, info: { idNumber: doc.idNumber, regionCode: '', ...doc.derived } };
  const issues: Issue[] = [];
  if (!input.gender) issues.push({ column: headers.gender, value: null, reason: '持护照登记须填写性别' });
  if (!input.birthDate)
    issues.push({ column: headers.birthDate, value: null, reason: '持护照登记须填写出生日期' });
  else if (input.birthDate > today)
    issues.push({ column: headers.birthDate, value: input.birthDate, reason: '出生日期不能晚于今天' });
  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    doc,
    info: { idNumber: doc.idNumber, regionCode: '', gender: input.gender!, birthDate: input.birthDate! },
  };
}
