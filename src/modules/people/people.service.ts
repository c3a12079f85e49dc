import type { AppContext } from '../../context.ts';
import { type Db, nowIso } from '../../db/create-db.ts';
import { today } from '../../lib/dates.ts';
import { xlsxOf } from '../../lib/downloads.ts';
import {
  ForbiddenError,
  NotFoundError,
  PersonExistsError,
  type Problem,
  ValidationError,
} from '../../lib/errors.ts';
import {
  ID_TYPES,
  type IdDocument,
  type IdType,
  maskIdDocument,
  parseIdReference,
} from '../../lib/id-document.ts';
import { type IdNumberInfo, parseIdNumber } from '../../lib/id-number.ts';
import { foldWidth, PHONE_PATTERN } from '../../lib/text.ts';
import { personIdOfVolunteerNo } from '../../lib/volunteer-no.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, assertCan, can, findInReach, reaches } from '../auth/auth.policy.ts';
import { findRootOrg, type OrgRow, requireOrgInScope } from '../orgs/orgs.service.ts';
import { POLITICAL_STATUSES } from './people.labels.ts';
import { peopleReach } from './people.policy.ts';
import { presentPerson, presentPersonSummary } from './people.presenter.ts';
import {
  countPeople,
  findPeople,
  findPeopleByHashes,
  findPersonById,
  insertPerson,
  type PeopleFilter,
  type PersonRow,
  updatePerson,
  volunteersUnderPath,
} from './people.repository.ts';
import {
  identityMismatches,
  personErrors,
  personScope,
  readIdentity,
  type ScopeOrg,
} from './people.rules.ts';
import type { NewPerson, PeopleQuery, PersonChanges, PersonReference } from './people.schemas.ts';
import { readPersonRef } from './person-ref.ts';

/*
 * The public face of people (issue 16, item 2): other modules read a person through the functions below and
 * write one only through them, each in the caller's transaction (db), so an admission, a transfer or a departure
 * stays all-or-nothing with its own records. Where a person's scope lies is people's rule alone (personScope).
 */

export type { PersonRow } from './people.repository.ts';
export type { ScopeOrg } from './people.rules.ts';
/** A person by id, and the people of a batch of identity-number hashes (imports, registration). */
export { findPeopleByHashes, findPersonById };

/** He becomes 共青团员 of `org` from `joinedOn` with `memberNo` (an admission approved). */
export async function admitToLeague(
  db: Db,
  personId: number,
  admitted: { org: ScopeOrg; joinedOn: string; memberNo: string; now: string },
): Promise<void> {
  await updatePerson(db, personId, {
    political_status: 'league_member',
    org_id: admitted.org.id,
    joined_on: admitted.joinedOn,
    member_no: admitted.memberNo,
    ...personScope(admitted.org, admitted.org),
    updated_at: admitted.now,
  });
}

/** His organisation changes (a transfer accepted): the scope follows it. */
export async function moveToOrg(db: Db, person: PersonRow, org: ScopeOrg, now: string): Promise<void> {
  await updatePerson(db, person.id, {
    org_id: org.id,
    ...personScope(org, { id: person.scope_org_id, path: person.scope_path }),
    updated_at: now,
  });
}

/** He leaves the league (超龄离团, 自行脱团…): 群众 without an org, 入团日期 and 团员编号 kept, seen where he was. */
export async function leaveLeague(db: Db, person: PersonRow, now: string): Promise<void> {
  await updatePerson(db, person.id, {
    political_status: 'masses',
    org_id: null,
    ...personScope(null, { id: person.scope_org_id, path: person.scope_path }),
    updated_at: now,
  });
}

/**
 * A confirmed volunteer not yet on file: a 群众 without an org, registered with the organisation he signed up
 * with. The identity number comes encrypted, hashed and masked as his registration kept it.
 */
export async function fileVolunteer(
  db: Db,
  v: {
    idType: IdType;
    idNumberHash: string;
    idNumberEnc: string;
    idNumberMasked: string;
    name: string;
    gender: string;
    birthDate: string;
    phone: string;
    now: string;
  },
  org: ScopeOrg,
): Promise<number> {
  return insertPerson(db, {
    id_number_hash: v.idNumberHash,
    id_number_enc: v.idNumberEnc,
    id_number_masked: v.idNumberMasked,
    id_type: v.idType,
    name: v.name,
    gender: v.gender,
    birth_date: v.birthDate,
    ethnicity: null,
    phone: v.phone,
    political_status: 'masses',
    org_id: null,
    joined_on: null,
    member_no: null,
    education: null,
    workplace: null,
    ...personScope(null, org),
    created_at: v.now,
    updated_at: v.now,
  });
}

const FIELD_NAMES = {
  gender: 'gender',
  birthDate: 'birthDate',
  orgCode: 'orgCode',
  joinedOn: 'joinedOn',
  memberNo: 'memberNo',
};

/**
 * The registered person with this document number (folded from full width and checked), or undefined: any
 * 证件类型 (parseIdReference), checked against `idType` when the caller names one. A malformed number is refused
 * as a problem of `field`, without echoing it; what the caller may see of the person is its own rule to apply.
 */
export async function findPersonByIdNumber(
  ctx: AppContext,
  db: Db,
  idNumber: string,
  field: string,
  idType?: IdType,
) {
  const parsed = parseIdReference(foldWidth(idNumber), idType);
  if (!parsed.ok) throw ValidationError.field(field, null, parsed.reason);
  const [person] = await findPeopleByHashes(db, [ctx.cipher.lookupHash(parsed.doc.idNumber)]);
  return person;
}

/** The person with this identity number, who must lie in the caller's subtree (a ledger row names him so). */
export async function requirePersonByIdNumber(
  ctx: AppContext,
  actor: Actor,
  idNumber: string,
  field: string,
) {
  const person = await findPersonByIdNumber(ctx, ctx.db, idNumber, field);
  // Someone of another county reads as unregistered: the form must not tell which numbers are on file there.
  if (!person || !reaches(actor, person.scope_path))
    throw ValidationError.field(field, null, '系统中没有该证件号码的人员，请先登记人员信息');
  return person;
}

/**
 * The person a ledger record names (a cadre post, an aid grant): the one picked in the admin (personId, issue 17
 * item 12: no 18 digits to type) or one named by identity number (imports, the demo, API clients), exactly one of
 * the two; he must lie in the caller's subtree.
 */
export async function requireReferencedPerson(ctx: AppContext, actor: Actor, ref: PersonReference) {
  const ways = [ref.personId != null, !!ref.personRef, !!ref.idNumber].filter(Boolean).length;
  if (ways === 0) throw ValidationError.field('personId', null, '请选择人员');
  if (ways > 1)
    throw ValidationError.field('idNumber', null, '请只用一种方式指明人员：选择人员，或填写证件号码');
  if (ref.idNumber) return requirePersonByIdNumber(ctx, actor, ref.idNumber, 'idNumber');
  const id = namedPersonId(ctx, actor, ref);
  const person = await findPersonById(ctx.db, id);
  // One answer for "no such id" and "another county's": the id must not tell what lies beyond the reach.
  if (!person || !reaches(actor, person.scope_path))
    throw ValidationError.field(
      ref.personRef ? 'personRef' : 'personId',
      ref.personRef ? null : id,
      '所选人员不在本组织及下级组织登记的人员中，不能为其登记；请从人员选择框中重新选择',
    );
  return person;
}

/**
 * The person a write names by id or by the lookup's reference. A raw id only from one who reads the roll
 * (person.read): from anyone else a write whose reply or list names the person would read the roll id by id
 * (issue 17, item 8), so he names people by the signed reference his own lookup gave him (person-ref.ts).
 */
export function namedPersonId(
  ctx: AppContext,
  actor: Actor,
  ref: { personId?: number; personRef?: string },
  field = 'personId',
): number {
  if (ref.personRef) return readPersonRef(ctx.config.secret, ref.personRef, actor.userId, 'personRef');
  if (ref.personId == null) throw ValidationError.field(field, null, '请选择人员');
  if (!can(actor, 'person.read')) throw new ForbiddenError(ID_NOT_YOURS);
  return ref.personId;
}

/** Why a lookup-only caller's raw person id is refused. */
export const ID_NOT_YOURS =
  '您没有浏览人员名单的权限，不能按人员编号指明人员：请先按完整姓名或证件号码查找此人，再从查找结果中选择';

/**
 * Where a person without a 所在团组织 is registered: the actor's own organisation, or for the command line
 * (which has none) the top of the tree.
 */
export async function registeringOrg(db: Db, actor: Actor): Promise<OrgRow> {
  const org = actor.orgId > 0 ? await requireOrgInScope(db, actor, actor.orgCode) : await findRootOrg(db);
  if (!org) throw new ValidationError('系统中还没有任何组织，请先导入组织');
  return org;
}

/**
 * The person an id names, read as the people list reads him: in the caller's reach and, for a volunteer organiser,
 * one of his volunteers. Routes that take a person id and answer with his name (a volunteer's hours, a
 * certificate) read him through here, or walking ids through them would read the roll past the list's reach.
 */
export async function requirePersonInScope(db: Db, actor: Actor, id: number): Promise<PersonRow> {
  const person = await findInReach(actor, findPersonById(db, id), (p) => p.scope_path, '人员不存在');
  // Outside what the role reads, a person is answered as missing, like one out of reach.
  if (peopleReach(actor) === 'volunteers' && !(await volunteersUnderPath(db, id, actor.scopePath)))
    throw new NotFoundError('人员不存在');
  return person;
}

function problemsError(problems: Omit<Problem, 'row'>[]): ValidationError {
  return new ValidationError(
    problems.map((p) => p.reason).join('；'),
    problems.map((p) => ({ ...p, row: null })),
  );
}

function throwIfProblems(problems: Omit<Problem, 'row'>[]): void {
  if (problems.length > 0) throw problemsError(problems);
}

/** The identity fields of a form (person entry, volunteer self-registration). */
type IdentityInput = Pick<NewPerson, 'idType' | 'idNumber' | 'gender' | 'birthDate'>;

/**
 * What the number says of sex and birth date; for a passport, what was typed, which must then be given (issue 17,
 * item 7).
 */
function identityOf(input: IdentityInput): { doc: IdDocument; info: IdNumberInfo } {
  const read = readIdentity(
    {
      idType: input.idType ?? 'resident_id',
      idNumber: foldWidth(input.idNumber),
      gender: (input.gender ?? null) as '男' | '女' | null,
      birthDate: input.birthDate ?? null,
    },
    { idNumber: 'idNumber', gender: 'gender', birthDate: 'birthDate' },
    today(),
  );
  if (!read.ok) throw problemsError(read.issues);
  return { doc: read.doc, info: read.info };
}

/**
 * A document as a form gives it, whole: person entry's rule (identityOf) and the typed 性别 and 出生日期 checked
 * against the number. For a young person registering himself (issue 17 item 9), who has no other field to check.
 */
export function checkedIdentity(input: IdentityInput): { doc: IdDocument; info: IdNumberInfo } {
  const read = identityOf(input);
  throwIfProblems(
    identityMismatches(
      { id: read.info, gender: input.gender ?? null, birthDate: input.birthDate ?? null },
      { gender: 'gender', birthDate: 'birthDate' },
    ),
  );
  return read;
}

/**
 * The number is on file already. Within the caller's reach he is told who it is and opens the record; beyond it
 * he learns only that the person is registered elsewhere and what to do: 发起转入 (组织关系转接), which the
 * other organisation then answers. Neither the name nor the organisation is given away (DESIGN.md, Access).
 */
function alreadyRegistered(actor: Actor, existing: PersonRow): PersonExistsError {
  if (reaches(actor, existing.scope_path)) {
    return new PersonExistsError(
      `该证件号码的人员已登记：${existing.name}（${existing.org_name ?? '未编入团组织'}）。请打开其档案修改，不要重复新增`,
      existing.id,
    );
  }
  return new PersonExistsError(
    '该证件号码的人员已在其他组织登记，不能重复新增。如其组织关系应转入本组织，请在“组织关系转接”中发起转入，由其原组织同意转出',
    null,
  );
}

export async function createPerson(ctx: AppContext, actor: Actor, input: NewPerson) {
  assertCan(actor, 'person.write');
  const { doc, info: id } = identityOf(input);
  if (input.phone && !PHONE_PATTERN.test(input.phone))
    throw ValidationError.field('phone', input.phone, '手机号码应为以1开头的11位数字');
  const facts = (input.idType ?? 'resident_id') === 'passport' ? { gender: null, birthDate: null } : input;
  throwIfProblems(
    personErrors(
      {
        id,
        gender: facts.gender ?? null,
        birthDate: facts.birthDate ?? null,
        politicalStatus: input.politicalStatus as keyof typeof POLITICAL_STATUSES,
        orgGiven: Boolean(input.orgCode),
        joinedOn: input.joinedOn ?? null,
        memberNo: input.memberNo ?? null,
      },
      FIELD_NAMES,
    ),
  );
  const personId = await ctx.db.transaction().execute(async (trx) => {
    const hash = ctx.cipher.lookupHash(id.idNumber);
    const [existing] = await findPeopleByHashes(trx, [hash]);
    if (existing) throw alreadyRegistered(actor, existing);
    const org = input.orgCode ? await requireOrgInScope(trx, actor, input.orgCode) : null;
    const scope = org ?? (await registeringOrg(trx, actor));
    const now = nowIso();
    const where = personScope(org, scope);
    const newId = await insertPerson(trx, {
      id_number_hash: hash,
      id_number_enc: ctx.cipher.encrypt(id.idNumber),
      id_number_masked: maskIdDocument(doc.idType, id.idNumber),
      id_type: doc.idType,
      name: input.name,
      gender: id.gender,
      birth_date: id.birthDate,
      ethnicity: input.ethnicity ?? null,
      phone: input.phone ?? null,
      political_status: input.politicalStatus,
      org_id: org?.id ?? null,
      joined_on: input.joinedOn ?? null,
      member_no: input.memberNo ?? null,
      education: input.education ?? null,
      workplace: input.workplace ?? null,
      ...where,
      created_at: now,
      updated_at: now,
    });
    await recordAudit(trx, actor, {
      action: 'create',
      entity: 'person',
      entityId: newId,
      org: { path: where.scope_path, code: scope.code },
      summary: `新增人员 ${input.name}（${ID_TYPES[doc.idType]} ${maskIdDocument(doc.idType, id.idNumber)}）`,
    });
    return newId;
  });
  return getPerson(ctx, actor, personId);
}

export async function changePerson(ctx: AppContext, actor: Actor, personId: number, changes: PersonChanges) {
  assertCan(actor, 'person.write');
  await ctx.db.transaction().execute(async (trx) => {
    const person = await requirePersonInScope(trx, actor, personId);
    if (changes.phone && !PHONE_PATTERN.test(changes.phone))
      throw ValidationError.field('phone', changes.phone, '手机号码应为以1开头的11位数字');
    // A passport says nothing of sex and birth: the record's own, as typed at entry, stand for it.
    const parsed = parseIdNumber(ctx.cipher.decrypt(person.id_number_enc));
    const id: IdNumberInfo = parsed.ok
      ? parsed.info
      : { idNumber: '', regionCode: '', gender: person.gender as '男' | '女', birthDate: person.birth_date };
    const orgCode = changes.orgCode === undefined ? person.org_code : changes.orgCode;
    const status = changes.politicalStatus ?? person.political_status;
    const joinedOn = changes.joinedOn === undefined ? person.joined_on : changes.joinedOn;
    const memberNo = changes.memberNo === undefined ? person.member_no : changes.memberNo;
    throwIfProblems(
      personErrors(
        {
          id,
          gender: changes.gender ?? null,
          birthDate: changes.birthDate ?? null,
          politicalStatus: status as keyof typeof POLITICAL_STATUSES,
          orgGiven: Boolean(orgCode),
          joinedOn,
          memberNo,
        },
        FIELD_NAMES,
      ),
    );
    const org = orgCode ? await requireOrgInScope(trx, actor, orgCode) : null;
    const scope = personScope(org, { id: person.scope_org_id, path: person.scope_path });
    const {
      gender: _g,
      birthDate: _b,
      orgCode: _o,
      politicalStatus: _p,
      joinedOn: _j,
      memberNo: _m,
      ...plain
    } = changes;
    await updatePerson(trx, person.id, {
      ...plain,
      political_status: status,
      org_id: org?.id ?? null,
      joined_on: joinedOn,
      member_no: memberNo,
      ...scope,
      updated_at: nowIso(),
    });
    await recordAudit(trx, actor, {
      action: 'update',
      entity: 'person',
      entityId: person.id,
      org: { path: scope.scope_path, code: org?.code ?? person.org_code ?? '' },
      summary: `修改人员 ${person.name}（${person.id_number_masked}）`,
      detail: changes,
    });
  });
  return getPerson(ctx, actor, personId);
}

export async function getPerson(ctx: AppContext, actor: Actor, personId: number) {
  peopleReach(actor);
  return presentPerson(await requirePersonInScope(ctx.db, actor, personId));
}

/** Showing a whole identity number needs its own permission, and every showing is audited (DESIGN.md). */
export async function revealIdNumber(ctx: AppContext, actor: Actor, personId: number) {
  assertCan(actor, 'person.reveal');
  const person = await requirePersonInScope(ctx.db, actor, personId);
  await recordAudit(ctx.db, actor, {
    action: 'reveal',
    entity: 'person',
    entityId: person.id,
    org: { path: person.scope_path, code: person.org_code ?? '' },
    summary: `查看 ${person.name}（${person.id_number_masked}）的完整证件号码`,
  });
  return { idNumber: ctx.cipher.decrypt(person.id_number_enc) };
}

/**
 * The whole phone number: responses carry it masked, like the identity number, and each showing is audited. Any
 * role that reads the person may call him; the log tells who looked.
 */
export async function revealPhone(ctx: AppContext, actor: Actor, personId: number) {
  peopleReach(actor);
  const person = await requirePersonInScope(ctx.db, actor, personId);
  await recordAudit(ctx.db, actor, {
    action: 'reveal',
    entity: 'person',
    entityId: person.id,
    org: { path: person.scope_path, code: person.org_code ?? '' },
    summary: `查看 ${person.name}（${person.id_number_masked}）的完整手机号码`,
  });
  return { phone: person.phone };
}

async function filterFor(
  ctx: AppContext,
  actor: Actor,
  query: PeopleQuery,
): Promise<{ filter: PeopleFilter; org: OrgRow }> {
  const reach = peopleReach(actor);
  const org = await requireOrgInScope(ctx.db, actor, query.org);
  const filter: PeopleFilter = { scopePath: org.path, politicalStatus: query.politicalStatus };
  if (reach === 'volunteers') filter.volunteersUnder = actor.scopePath;
  // Typed with a Chinese input method, digits and X may come full-width; stored values are folded too.
  const q = query.q == null ? undefined : foldWidth(query.q).trim();
  if (q) {
    const id = parseIdNumber(q);
    const volunteer = personIdOfVolunteerNo(q);
    // Letters and digits that are no 志愿者编号 are a passport number (issue 17 item 7): no name or phone has both.
    const passport = /[A-Za-z]/.test(q) ? parseIdReference(q, 'passport') : null;
    if (id.ok) filter.idNumberHash = ctx.cipher.lookupHash(id.info.idNumber);
    else if (volunteer) filter.personId = volunteer;
    else if (passport?.ok) filter.idNumberHash = ctx.cipher.lookupHash(passport.doc.idNumber);
    else if (/^\d{3,11}$/.test(q)) filter.phone = q;
    else filter.name = q;
  }
  return { filter, org };
}

export async function listPeople(ctx: AppContext, actor: Actor, query: PeopleQuery) {
  const { filter } = await filterFor(ctx, actor, query);
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const [total, rows] = await Promise.all([
    countPeople(ctx.db, filter),
    findPeople(ctx.db, filter, pageSize, (page - 1) * pageSize),
  ]);
  return { items: rows.map(presentPersonSummary), total, page, pageSize };
}

const EXPORT_LIMIT = 100_000;

/** The list as an .xlsx workbook, identity numbers masked; audited as an export. */
export async function exportPeople(ctx: AppContext, actor: Actor, query: PeopleQuery): Promise<Buffer> {
  assertCan(actor, 'person.read');
  const { filter, org } = await filterFor(ctx, actor, query);
  const rows = await findPeople(ctx.db, filter, EXPORT_LIMIT, 0);
  const content = await xlsxOf(
    '人员',
    [
      { header: '姓名', key: 'name', width: 12 },
      { header: '性别', key: 'gender', width: 6 },
      { header: '年龄', key: 'age', width: 6 },
      { header: '证件类型', key: 'idType', width: 16 },
      { header: '证件号码', key: 'idNumberMasked', width: 22 },
      { header: '手机号码', key: 'phoneMasked', width: 14 },
      { header: '政治面貌', key: 'politicalStatus', width: 12 },
      { header: '所在团组织', key: 'orgName', width: 30 },
      { header: '入团日期', key: 'joinedOn', width: 12 },
      { header: '团员编号', key: 'memberNo', width: 16 },
    ],
    rows.map((row) => {
      const p = presentPersonSummary(row);
      return {
        ...p,
        idType: ID_TYPES[p.idType as IdType] ?? p.idType,
        politicalStatus: POLITICAL_STATUSES[p.politicalStatus as keyof typeof POLITICAL_STATUSES],
        orgName: p.org?.name ?? '',
      };
    }),
  );
  await recordAudit(ctx.db, actor, {
    action: 'export',
    entity: 'person',
    org: { path: org.path, code: org.code },
    summary: `导出 ${org.name} 人员 ${rows.length} 条`,
    detail: query,
  });
  return content;
}
