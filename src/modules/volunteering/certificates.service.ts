import type { AppContext } from '../../context.ts';
import { type Db, nowIso } from '../../db/create-db.ts';
import { randomToken } from '../../lib/crypto.ts';
import { today } from '../../lib/dates.ts';
import { NotFoundError, ValidationError } from '../../lib/errors.ts';
import { formatHours, hoursOfHundredths } from '../../lib/hours.ts';
import { ID_TYPES, type IdType } from '../../lib/id-document.ts';
import { maskName } from '../../lib/text.ts';
import { volunteerNo } from '../../lib/volunteer-no.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, assertCan, findInReach } from '../auth/auth.policy.ts';
import { findOrgById, type OrgRow, requireOrgInScope } from '../orgs/orgs.service.ts';
import { findPersonById, requirePersonInScope } from '../people/people.service.ts';
import { findEffectiveSettings } from './activities.repository.ts';
import { volunteerHoursOf } from './records.ledger.ts';
import { requireOwnPerson } from './registrations.service.ts';
import type { IssueCertificate } from './volunteering.schemas.ts';

/** Where anyone checks a certificate by its number (served by volunteering.public.routes.ts). */
export const VERIFY_PATH = '/volunteer-certificates';

/** 志愿者编号: stable per person, derived from the record, so it needs no table of its own. */
export { volunteerNo };

type CertificateRow = NonNullable<Awaited<ReturnType<typeof findCertificate>>>;

async function findCertificate(db: Db, number: string) {
  return db.selectFrom('volunteer_certificates').selectAll().where('number', '=', number).executeTakeFirst();
}

export function presentCertificate(c: CertificateRow) {
  return {
    number: c.number,
    personId: c.person_id,
    name: c.name,
    idType: c.id_type,
    idNumberMasked: c.id_number_masked,
    volunteerNo: c.volunteer_no,
    periodFrom: c.period_from,
    periodTo: c.period_to,
    hours: hoursOfHundredths(c.hours_hundredths),
    activityCount: c.activity_count,
    content: c.content,
    issuerName: c.issuer_name,
    contact: c.contact,
    issuedOn: c.issued_on,
    verifyPath: `${VERIFY_PATH}/${c.number}`,
  };
}
export type CertificateView = ReturnType<typeof presentCertificate>;

function checkPeriod(from: string, to: string): void {
  if (from > to) throw ValidationError.field('from', from, '开始日期不能晚于结束日期');
  if (to > today()) throw ValidationError.field('to', to, '结束日期不能晚于今天');
}

/** The most frequent of the activities' contacts (the organiser's own, on its activities). */
function mostCommon(values: string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/**
 * Issues a numbered, free certificate of the person's confirmed hours in the period, as a snapshot: a later
 * correction of a record does not change an issued paper (a new certificate shows the new figure).
 * 《志愿服务记录与证明出具办法》: the certificate comes from the unit that organised the service and names
 * its contact, so an issuer counts only the activities organised in its own subtree (issue 17 item 10).
 * `issuer` null: the smallest unit that organised all of them (a young person asking for his own).
 */
async function issue(
  db: Db,
  actor: Actor,
  personId: number,
  chosen: OrgRow | null,
  from: string,
  to: string,
) {
  checkPeriod(from, to);
  const person = await findPersonById(db, personId);
  if (!person) throw new NotFoundError('人员不存在');
  const hours = await volunteerHoursOf(db, personId, from, to, chosen?.path);
  if (hours.records.length === 0)
    throw new ValidationError(
      chosen
        ? `${from} 至 ${to} 没有${chosen.name}及其下级组织的活动中已确认的志愿服务时长，无法以其名义出具证明`
        : `${from} 至 ${to} 没有已确认的志愿服务时长，无法出具证明`,
    );
  const organiserId = Number(hours.organisedUnder?.split('/').filter(Boolean).at(-1));
  const issuer = chosen ?? (await findOrgById(db, organiserId));
  if (!issuer) throw new NotFoundError('组织不存在');
  const titles = [...new Set(hours.records.map((r) => r.activityTitle))];
  const content =
    titles.length > 8 ? `${titles.slice(0, 8).join('、')}等 ${titles.length} 项志愿服务` : titles.join('、');
  const settings = await findEffectiveSettings(db, issuer.path);
  const contact = settings?.contact?.trim() || mostCommon(hours.contacts) || issuer.name;
  const number = `ZM${today().replaceAll('-', '')}${randomToken(6)
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '7')
    .slice(0, 8)}`;
  await db
    .insertInto('volunteer_certificates')
    .values({
      number,
      person_id: personId,
      org_id: issuer.id,
      name: person.name,
      // The paper names the document the person is registered with (a passport holder has no 身份证).
      id_type: ID_TYPES[person.id_type as IdType] ?? ID_TYPES.resident_id,
      id_number_masked: person.id_number_masked,
      volunteer_no: volunteerNo(personId),
      period_from: from,
      period_to: to,
      hours_hundredths: hours.totalHundredths,
      activity_count: hours.records.length,
      content,
      issuer_name: issuer.name,
      contact,
      issued_on: today(),
      issued_by_user_id: actor.userId > 0 ? actor.userId : null,
      created_at: nowIso(),
    })
    .execute();
  await recordAudit(db, actor, {
    action: 'create',
    entity: 'volunteer_certificate',
    entityId: number,
    org: { path: issuer.path, code: issuer.code },
    summary: `出具志愿服务证明 ${number}：${person.name}，${from} 至 ${to}，${formatHours(hours.totalHours)} 小时，出具单位 ${issuer.name}`,
  });
  return presentCertificate((await findCertificate(db, number))!);
}

export async function issueCertificate(ctx: AppContext, actor: Actor, input: IssueCertificate) {
  assertCan(actor, 'volunteer.write');
  return ctx.db.transaction().execute(async (trx) => {
    const issuer = await requireOrgInScope(trx, actor, input.orgCode);
    await requirePersonInScope(trx, actor, input.personId);
    return issue(trx, actor, input.personId, issuer, input.from, input.to);
  });
}

/** A young person's own certificate, issued in the name of the unit that organised his service. */
export async function issueOwnCertificate(
  ctx: AppContext,
  actor: Actor,
  period: { from: string; to: string },
) {
  const personId = await requireOwnPerson(ctx.db, actor);
  return ctx.db
    .transaction()
    .execute(async (trx) => issue(trx, actor, personId, null, period.from, period.to));
}

/** A certificate for staff (in their subtree) or for its own holder. */
export async function getCertificate(ctx: AppContext, actor: Actor, number: string) {
  const c = await findCertificate(ctx.db, number);
  if (!c) throw new NotFoundError('证明不存在');
  if (actor.permissions.has('volunteer.read')) {
    await findInReach(actor, findPersonById(ctx.db, c.person_id), (p) => p.scope_path, '证明不存在');
  } else if ((await requireOwnPerson(ctx.db, actor)) !== c.person_id) {
    throw new NotFoundError('证明不存在');
  }
  return presentCertificate(c);
}

export async function listCertificatesOf(db: Db, personId: number) {
  const rows = await db
    .selectFrom('volunteer_certificates')
    .selectAll()
    .where('person_id', '=', personId)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map(presentCertificate);
}

/**
 * Public verification (the QR on the paper opens it): only what proves the paper genuine — number, masked name,
 * hours, issuer and dates. Nothing else about the person, not even a masked identity number (issue 17 item 10).
 */
export async function verifyCertificate(ctx: AppContext, number: string) {
  const c = await findCertificate(ctx.db, number.trim().toUpperCase());
  if (!c) throw new NotFoundError('未找到该编号的志愿服务证明，请核对编号');
  return {
    number: c.number,
    name: maskName(c.name),
    periodFrom: c.period_from,
    periodTo: c.period_to,
    hours: hoursOfHundredths(c.hours_hundredths),
    activityCount: c.activity_count,
    issuerName: c.issuer_name,
    issuedOn: c.issued_on,
  };
}
