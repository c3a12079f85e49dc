import type { AppContext } from '../../context.ts';
import { addDays, today } from '../../lib/dates.ts';
import { type Actor, assertCan } from '../auth/auth.policy.ts';
import { findMeetingsOfPerson } from './branch-life.repository.ts';
import { findDeparturesOfPerson } from './departures.repository.ts';
import { ageingOutMonth } from './departures.service.ts';
import { findBases, findPaymentsOfPerson } from './dues.repository.ts';
import { requirePersonInScope } from './membership.common.ts';
import { findEvaluationsOfPerson } from './registration.repository.ts';
import { presentTransfer, TRANSFER_OVERDUE_DAYS } from './transfers.presenter.ts';
import { findTransfersOfPerson } from './transfers.repository.ts';

/** A member's whole league life, for his page: admission, transfers, registrations, dues, meetings, posts. */
export async function memberLife(ctx: AppContext, actor: Actor, personId: number) {
  assertCan(actor, 'person.read');
  const person = await requirePersonInScope(ctx.db, actor, personId);
  const db = ctx.db;
  const [admission, transfers, evaluations, bases, payments, meetings, posts, departures] = await Promise.all(
    [
      db
        .selectFrom('admissions')
        .innerJoin('orgs', 'orgs.id', 'admissions.org_id')
        .select([
          'admissions.applied_on',
          'admissions.joined_on',
          'admissions.status',
          'orgs.name as org_name',
        ])
        .where('person_id', '=', person.id)
        .orderBy('applied_on', 'desc')
        .executeTakeFirst(),
      findTransfersOfPerson(db, person.id),
      findEvaluationsOfPerson(db, person.id),
      findBases(db, [person.id]),
      findPaymentsOfPerson(db, person.id),
      findMeetingsOfPerson(db, person.id),
      db
        .selectFrom('cadre_posts')
        .innerJoin('orgs', 'orgs.id', 'cadre_posts.org_id')
        .select([
          'cadre_posts.title',
          'cadre_posts.mode',
          'cadre_posts.started_on',
          'cadre_posts.ended_on',
          'orgs.name as org_name',
        ])
        .where('person_id', '=', person.id)
        .orderBy('started_on')
        .execute(),
      findDeparturesOfPerson(db, person.id),
    ],
  );
  const before = addDays(today(), -TRANSFER_OVERDUE_DAYS);
  const basis = bases[0];
  return {
    person: {
      id: person.id,
      name: person.name,
      politicalStatus: person.political_status,
      org: person.org_code ? { code: person.org_code, name: person.org_name! } : null,
    },
    admission: {
      joinedOn: person.joined_on,
      memberNo: person.member_no,
      appliedOn: admission?.applied_on ?? null,
      admittedBy: admission?.org_name ?? null,
    },
    ageOutMonth: ageingOutMonth(person.birth_date),
    transfers: transfers.map((t) => presentTransfer(t, actor, before)),
    evaluations: evaluations.map((e) => ({
      year: e.year,
      grade: e.grade,
      registered: e.registered === 1,
      meetingOn: e.meeting_on,
      branch: e.org_name,
    })),
    dues: {
      category: basis?.category ?? null,
      amountFen: basis?.amount_fen ?? null,
      payments: payments.map((p) => ({
        month: p.month,
        amountFen: p.amount_fen,
        paidOn: p.paid_on,
        branch: p.org_name,
      })),
    },
    meetings: meetings.map((m) => ({ kind: m.kind, heldOn: m.held_on, topic: m.topic, branch: m.org_name })),
    posts: posts.map((p) => ({
      title: p.title,
      mode: p.mode,
      startedOn: p.started_on,
      endedOn: p.ended_on,
      org: p.org_name,
    })),
    departures: departures.map((d) => ({
      reason: d.reason,
      leftOn: d.left_on,
      note: d.note,
      branch: d.org_name,
    })),
  };
}
