/**
 * Young people with accounts and sessions, signed up for one volunteer activity under way: the check-in
 * benches' world (bench/checkin-burst.ts, bench/cluster.ts), written straight through the repositories and
 * services (setup, not measured).
 */
import type { AppContext } from '../context.ts';
import { type Db, nowIso } from '../db/create-db.ts';
import { createPersonalDataCipher, randomToken, sha256 } from '../lib/crypto.ts';
import { makeIdNumber, maskIdNumber } from '../lib/id-number.ts';
import { systemActor } from '../modules/auth/auth.policy.ts';
import { findOrgByCode } from '../modules/orgs/orgs.repository.ts';
import { insertPeople } from '../modules/people/people.repository.ts';
import { insertUser } from '../modules/users/users.repository.ts';
import { createActivity } from '../modules/volunteering/activities.service.ts';
import { signUpPerson } from '../modules/volunteering/attendance.service.ts';

/** A session row for the user (no login round trip): its cookie and CSRF token. */
export async function signIn(
  db: Db,
  userId: number,
  agent = 'bench',
): Promise<{ cookie: string; csrf: string }> {
  const token = randomToken();
  const csrf = randomToken(24);
  const now = nowIso();
  await db
    .insertInto('sessions')
    .values({
      id: sha256(token),
      user_id: userId,
      csrf_token: csrf,
      ip: null,
      user_agent: agent,
      created_at: now,
      expires_at: new Date(Date.now() + 8 * 3_600_000).toISOString(),
      last_seen_at: now,
    })
    .execute();
  return { cookie: `tuanwu_session=${token}`, csrf };
}

export interface Volunteer {
  personId: number;
  cookie: string;
  csrf: string;
}

/**
 * `n` league members of `orgCode` (region 419801), each with a young_person account and a session, all signed
 * up for a new activity of that org that started half an hour ago; and a session of an org_admin of the org
 * (the organiser, who can show the check-in QR code).
 */
export async function signedUpVolunteers(db: Db, secret: string, orgCode: string, n: number) {
  const cipher = createPersonalDataCipher(secret);
  const now = nowIso();
  const org = (await findOrgByCode(db, orgCode))!;
  const people = Array.from({ length: n }, (_, i) => {
    const id = makeIdNumber(
      '419801',
      `2005-${String((i % 12) + 1).padStart(2, '0')}-15`,
      (i % 1000) + Math.floor(i / 12000),
    );
    return {
      id_number_hash: cipher.lookupHash(id),
      id_number_enc: cipher.encrypt(id),
      id_number_masked: maskIdNumber(id),
      name: `志愿者${i}`,
      gender: '男',
      birth_date: '2005-01-15',
      ethnicity: null,
      phone: null,
      political_status: 'league_member',
      org_id: org.id,
      joined_on: null,
      member_no: null,
      education: null,
      workplace: null,
      scope_org_id: org.id,
      scope_path: org.path,
      created_at: now,
      updated_at: now,
    };
  });
  await insertPeople(db, people);
  const hashes = people.map((p) => p.id_number_hash);
  const personIds = (
    await db.selectFrom('people').select('id').where('id_number_hash', 'in', hashes).orderBy('id').execute()
  ).map((p) => p.id);
  const organiserId = await insertUser(
    db,
    { username: `organiser-${orgCode}`, passwordHash: 'x', displayName: '组织者', orgId: org.id, now },
    ['org_admin'],
  );
  const organiser = await signIn(db, organiserId);
  const volunteers: Volunteer[] = [];
  for (const [i, personId] of personIds.entries()) {
    const userId = await insertUser(
      db,
      { username: `v${i}-${orgCode}`, passwordHash: 'x', displayName: `志愿者${i}`, orgId: org.id, now },
      ['young_person'],
    );
    await db.updateTable('users').set({ person_id: personId }).where('id', '=', userId).execute();
    volunteers.push({ personId, ...(await signIn(db, userId)) });
  }
  // createActivity takes a context; only its database and cipher are used here.
  const ctx = { db, cipher, config: { secret } } as unknown as AppContext;
  const activity = await createActivity(ctx, systemActor('基准测试'), {
    orgCode,
    title: '万人健步行志愿服务',
    startsAt: new Date(Date.now() - 30 * 60_000).toISOString(),
    endsAt: new Date(Date.now() + 3 * 3_600_000).toISOString(),
    capacity: n,
  });
  await db.transaction().execute(async (trx) => {
    for (const v of volunteers) await signUpPerson(trx, activity.id, v.personId);
  });
  return { activityId: activity.id, volunteers, organiser };
}

/** Sign-ups of the activity, how many are checked in, and how many scan check-ins the audit log holds. */
export async function checkInsRecorded(db: Db, activityId: number) {
  const enrolments = await db
    .selectFrom('volunteer_enrolments')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.count<number>('checked_in_at').as('in')])
    .where('activity_id', '=', activityId)
    .executeTakeFirstOrThrow();
  const audited = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('entity', '=', 'volunteer_enrolment')
    .where('summary', 'like', '扫码签到%')
    .executeTakeFirstOrThrow();
  return { signedUp: Number(enrolments.n), checkedIn: Number(enrolments.in), audited: Number(audited.n) };
}
