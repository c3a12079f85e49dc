import type { AppContext } from '../../context.ts';
import { type Db, nowIso } from '../../db/create-db.ts';
import { hashPassword } from '../../lib/crypto.ts';
import { ageToday } from '../../lib/dates.ts';
import { ConflictError, DomainError, ForbiddenError, ValidationError } from '../../lib/errors.ts';
import { ID_TYPES, type IdType, maskIdDocument, parseIdDocument } from '../../lib/id-document.ts';
import { foldWidth, maskName, maskPhone, PHONE_PATTERN } from '../../lib/text.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, assertCan, findInReach } from '../auth/auth.policy.ts';
import { passwordProblem } from '../auth/password-policy.ts';
import {
  assertNotBlocked,
  countAttempt,
  REGISTER_PER_ID,
  type ThrottleRule,
} from '../auth/throttle.service.ts';
import { findOrgById, requireOrgInScope } from '../orgs/orgs.service.ts';
import { checkedIdentity, fileVolunteer, findPeopleByHashes } from '../people/people.service.ts';
import {
  activateAccount,
  disableAccount,
  findPersonIdOfUser,
  findUserByPerson,
  findUserByUsername,
  openPendingAccount,
} from '../users/users.service.ts';
import type { Registration } from './volunteering.schemas.ts';

/**
 * Every refusal of a registration reads the same (wrong name, unknown number, a login already there, a phone in
 * use…), so the form cannot be used to learn whose number is on file or who already has an account.
 */
export class RegistrationRefusedError extends DomainError {
  readonly statusCode = 422;
  readonly code = 'REGISTRATION_REFUSED';

  constructor() {
    super('无法完成注册：请核对姓名和证件号码；已有账号的请直接登录，仍有疑问请联系所在团组织');
  }
}

/** The person linked to a young person's account; 403 when the account is not (yet) linked. */
export async function requireOwnPerson(db: Db, actor: Actor): Promise<number> {
  assertCan(actor, 'volunteer.self');
  const personId = await findPersonIdOfUser(db, actor.userId);
  if (!personId) throw new ForbiddenError('您的账号尚未关联人员信息，请等待组织者确认');
  return personId;
}

/**
 * A young person opens his own account (no app to install): identity document, name and phone. Only a person
 * already on file, with no login yet, can register, and the account lives in that person's own org whatever
 * org the link names. The document is read as person entry reads it (checkedIdentity: any 证件类型; a passport
 * holder types 性别 and 出生日期, which must then be those on file), and the guardian rule follows the birth
 * date whatever the document. Name and number are no proof of identity, so the account stays pending until an
 * organiser who reaches the person confirms it. The phone number is the login name. Every attempt naming a
 * number counts against that number's budget (REGISTER_PER_ID) and the address's, in the database.
 */
export async function register(
  ctx: AppContext,
  input: Registration,
  client: { ip: string | null; perAddress: ThrottleRule },
) {
  const { doc, info } = checkedIdentity(input);
  const name = input.name.trim();
  if (!/^[\p{sc=Han}·A-Za-z ]{2,30}$/u.test(name))
    throw ValidationError.field('name', input.name, '请填写真实姓名');
  const phone = foldWidth(input.phone).trim();
  if (!PHONE_PATTERN.test(phone))
    throw ValidationError.field('phone', input.phone, '手机号码应为以1开头的11位数字');
  const weak = passwordProblem(input.password, phone);
  if (weak) throw ValidationError.field('password', null, weak);
  if (input.privacyAccepted !== true)
    throw ValidationError.field('privacyAccepted', null, '请阅读并勾选同意《个人信息保护告知》后再注册');
  const guardian = guardianOf(input, ageToday(info.birthDate));
  const idNumber = doc.idNumber;
  const masked = maskIdDocument(doc.idType, idNumber);
  const hash = ctx.cipher.lookupHash(idNumber);
  const budgets = [
    { key: `register:id:${hash}`, rule: REGISTER_PER_ID },
    { key: `register:ip:${client.ip ?? '-'}`, rule: client.perAddress },
  ];
  await assertNotBlocked(ctx.db, budgets);
  await countAttempt(ctx.db, budgets);
  const passwordHash = await hashPassword(input.password);
  return ctx.db.transaction().execute(async (trx) => {
    const [person] = await findPeopleByHashes(trx, [hash]);
    if (!person || person.name !== name || !sameHolder(person, doc.idType, info))
      throw new RegistrationRefusedError();
    if (await findUserByUsername(trx, phone)) throw new RegistrationRefusedError();
    if (await findUserByPerson(trx, person.id)) throw new RegistrationRefusedError();
    const earlier = await trx
      .selectFrom('volunteer_registrations')
      .select('status')
      .where('id_number_hash', '=', hash)
      .where('status', '!=', 'rejected')
      .executeTakeFirst();
    if (earlier) throw new RegistrationRefusedError();
    const org = (await findOrgById(trx, person.scope_org_id))!;
    const now = nowIso();
    const userId = await openPendingAccount(
      trx,
      { username: phone, passwordHash, displayName: name, orgId: org.id, now },
      ['young_person'],
    );
    await trx
      .insertInto('volunteer_registrations')
      .values({
        user_id: userId,
        org_id: org.id,
        person_id: null,
        name,
        phone,
        id_number_hash: hash,
        id_number_enc: ctx.cipher.encrypt(idNumber),
        id_number_masked: masked,
        id_type: doc.idType,
        gender: info.gender,
        birth_date: info.birthDate,
        status: 'pending',
        created_at: now,
        privacy_accepted_at: now,
        guardian_name: guardian?.name ?? null,
        guardian_phone: guardian?.phone ?? null,
        guardian_consent_at: guardian ? now : null,
      })
      .execute();
    await recordAudit(
      trx,
      { userId, username: maskPhone(phone), ip: client.ip },
      {
        action: 'create',
        entity: 'volunteer_registration',
        entityId: userId,
        org: { path: org.path, code: org.code },
        summary: `青年注册志愿者账号 ${name}（${ID_TYPES[doc.idType]} ${masked}，${maskPhone(phone)}）：已同意个人信息保护告知${guardian ? `；未满18周岁，监护人 ${maskName(guardian.name)}（${maskPhone(guardian.phone)}）已同意` : ''}；待组织者确认`,
      },
      client.ip,
    );
    return { status: 'pending' as const, message: '已提交注册，组织者确认后即可用手机号和密码登录' };
  });
}

/**
 * The person on file holds this document: its type, and for a passport (whose number says neither) the 性别 and
 * 出生日期 he typed, so that a passport number alone does not open another's account nor pass a minor off as an
 * adult to skip his guardian. A 身份证 number's own sex and birth date are those on file already.
 */
function sameHolder(
  person: { id_type: string; gender: string; birth_date: string },
  idType: IdType,
  info: { gender: string; birthDate: string },
): boolean {
  if (person.id_type !== idType) return false;
  return idType !== 'passport' || (person.gender === info.gender && person.birth_date === info.birthDate);
}

/**
 * 《志愿服务条例》 and PIPL art. 31: one under 18 takes part, and gives his personal information, with his
 * guardian's consent — the guardian's name and phone are kept beside the registration so the organiser can
 * reach the guardian before confirming. Undefined for an adult.
 */
function guardianOf(input: Registration, age: number): { name: string; phone: string } | undefined {
  if (age >= 18) return undefined;
  const name = input.guardianName?.trim() ?? '';
  if (!/^[\p{sc=Han}·A-Za-z ]{2,30}$/u.test(name))
    throw ValidationError.field('guardianName', input.guardianName ?? null, '未满18周岁须填写监护人真实姓名');
  const phone = foldWidth(input.guardianPhone ?? '').trim();
  if (!PHONE_PATTERN.test(phone))
    throw ValidationError.field(
      'guardianPhone',
      input.guardianPhone ?? null,
      '未满18周岁须填写监护人手机号（以1开头的11位数字）',
    );
  if (input.guardianConsent !== true)
    throw ValidationError.field(
      'guardianConsent',
      null,
      '未满18周岁须经监护人同意：请监护人阅读告知后勾选同意',
    );
  return { name, phone };
}

/** One filter for the list and its count (the to-do centre counts what the page lists). */
function registrationsUnder(db: Db, path: string, status?: string) {
  let q = db
    .selectFrom('volunteer_registrations as r')
    .innerJoin('orgs as o', 'o.id', 'r.org_id')
    .where('o.path', 'like', `${path}%`);
  if (status) q = q.where('r.status', '=', status);
  return q;
}

/** Registrations waiting in the actor's whole reach (the to-do centre's count). */
export async function countRegistrationsInReach(
  ctx: AppContext,
  actor: Actor,
  status: 'pending' | 'confirmed' | 'rejected',
): Promise<number> {
  assertCan(actor, 'volunteer.read');
  const row = await registrationsUnder(ctx.db, actor.scopePath, status)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listRegistrations(
  ctx: AppContext,
  actor: Actor,
  query: { org?: string; status?: 'pending' | 'confirmed' | 'rejected' },
) {
  assertCan(actor, 'volunteer.read');
  const org = await requireOrgInScope(ctx.db, actor, query.org);
  const rows = await registrationsUnder(ctx.db, org.path, query.status)
    .select([
      'r.id',
      'r.name',
      'r.phone',
      'r.id_number_masked',
      'r.id_type',
      'r.status',
      'r.person_id',
      'r.created_at',
      'r.decided_at',
      'r.privacy_accepted_at',
      'r.guardian_name',
      'r.guardian_phone',
      'r.guardian_consent_at',
      'o.code as org_code',
      'o.name as org_name',
    ])
    .orderBy('r.created_at', 'desc')
    .limit(500)
    .execute();
  return {
    items: rows.map((r) => ({
      id: r.id,
      name: r.name,
      phone: maskPhone(r.phone),
      idType: r.id_type,
      idNumberMasked: r.id_number_masked,
      status: r.status,
      personId: r.person_id,
      orgCode: r.org_code,
      orgName: r.org_name,
      createdAt: r.created_at,
      decidedAt: r.decided_at,
      privacyAcceptedAt: r.privacy_accepted_at,
      guardianName: r.guardian_name,
      guardianPhone: r.guardian_phone ? maskPhone(r.guardian_phone) : null,
      guardianConsentAt: r.guardian_consent_at,
    })),
  };
}

async function requirePending(db: Db, actor: Actor, id: number) {
  const r = await db
    .selectFrom('volunteer_registrations')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  const found = r ? { r, org: (await findOrgById(db, r.org_id))! } : undefined;
  const { r: registration, org } = await findInReach(actor, found, (f) => f.org.path, '注册申请不存在');
  if (registration.status !== 'pending') throw new ConflictError('该注册申请已处理');
  return { r: registration, org };
}

/** The organiser vouches for the young person: the person is put on file (as 群众 until a league record says otherwise). */
export async function confirmRegistration(ctx: AppContext, actor: Actor, id: number) {
  // volunteer.write alone, as the route declares: confirming registrants is the organiser's own work, and the
  // person it files is a 群众 of his organisation. Asking for person.write too refused the organiser the 确认
  // his screen showed him (issue 17, item 8).
  assertCan(actor, 'volunteer.write');
  return ctx.db.transaction().execute(async (trx) => {
    const { r, org } = await requirePending(trx, actor, id);
    const parsed = parseIdDocument(r.id_type as IdType, ctx.cipher.decrypt(r.id_number_enc));
    if (!parsed.ok) throw new ValidationError(parsed.reason);
    // A passport's 性别 and 出生日期 are what was typed at registration (checked against the person on file then).
    const facts = parsed.doc.derived ?? { gender: r.gender, birthDate: r.birth_date };
    if (!facts.gender || !facts.birthDate)
      throw new ValidationError('该注册缺少性别或出生日期，请驳回后请其重新注册');
    const now = nowIso();
    const [existing] = await findPeopleByHashes(trx, [r.id_number_hash]);
    if (existing && existing.name !== r.name)
      throw new ConflictError('系统中该证件号码的人员姓名与注册姓名不符，请核实后驳回');
    const linked = existing ? await findUserByPerson(trx, existing.id) : undefined;
    if (linked) throw new ConflictError('该人员已有登录账号，请驳回本次注册');
    const personId =
      existing?.id ??
      (await fileVolunteer(
        trx,
        {
          idType: parsed.doc.idType,
          idNumberHash: r.id_number_hash,
          idNumberEnc: r.id_number_enc,
          idNumberMasked: r.id_number_masked,
          name: r.name,
          gender: facts.gender,
          birthDate: facts.birthDate,
          phone: r.phone,
          now,
        },
        org,
      ));
    const decider = actor.userId > 0 ? actor.userId : null;
    await trx
      .updateTable('volunteer_registrations')
      .set({ status: 'confirmed', person_id: personId, decided_by_user_id: decider, decided_at: now })
      .where('id', '=', id)
      .execute();
    await activateAccount(trx, r.user_id, personId, now);
    await recordAudit(trx, actor, {
      action: 'update',
      entity: 'volunteer_registration',
      entityId: id,
      org: { path: org.path, code: org.code },
      summary: `确认青年志愿者注册 ${r.name}（${r.id_number_masked}）${existing ? '，关联已有人员' : '，新增人员信息'}`,
    });
    return { id, status: 'confirmed', personId };
  });
}

export async function rejectRegistration(ctx: AppContext, actor: Actor, id: number) {
  assertCan(actor, 'volunteer.write');
  return ctx.db.transaction().execute(async (trx) => {
    const { r, org } = await requirePending(trx, actor, id);
    const now = nowIso();
    await trx
      .updateTable('volunteer_registrations')
      .set({
        status: 'rejected',
        decided_by_user_id: actor.userId > 0 ? actor.userId : null,
        decided_at: now,
      })
      .where('id', '=', id)
      .execute();
    await disableAccount(trx, r.user_id, now);
    await recordAudit(trx, actor, {
      action: 'update',
      entity: 'volunteer_registration',
      entityId: id,
      org: { path: org.path, code: org.code },
      summary: `驳回青年志愿者注册 ${r.name}（${r.id_number_masked}）`,
    });
    return { id, status: 'rejected' };
  });
}
