import type { AppContext } from '../context.ts';
import { localDateOf } from '../lib/dates.ts';
import { systemActor } from '../modules/auth/auth.policy.ts';
import { findOrgByCode } from '../modules/orgs/orgs.repository.ts';
import { createUser } from '../modules/users/users.service.ts';
import { createActivity, createCampaign } from '../modules/volunteering/activities.service.ts';
import { scanAttendance, signUpPerson } from '../modules/volunteering/attendance.service.ts';
import { findActivityById } from '../modules/volunteering/records.repository.ts';
import { confirmAttendance } from '../modules/volunteering/records.service.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const KINDS = [
  { title: '学雷锋志愿服务', category: '学雷锋', campaign: '学雷锋月', months: [3] },
  { title: '防溺水安全宣传', category: '防溺水', campaign: '暑期防溺水', months: [6, 7, 8] },
  { title: '文明交通劝导', category: '文明城市创建', campaign: '文明城市创建', months: [] },
  { title: '敬老院关爱老人', category: '关爱老人', campaign: null, months: [] },
  { title: '河道清洁', category: '生态环保', campaign: null, months: [] },
  { title: '图书馆整理', category: '文化服务', campaign: null, months: [] },
] as const;

/** A small deterministic generator, so the demo is the same on every run. */
function lcg(seed: number) {
  let s = seed >>> 0;
  return (n: number) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
}

/**
 * A year of one county's volunteering, replayed through the services as it would have happened: campaigns,
 * activities in its townships, sign-ups within the windows, QR check-in and check-out at the times of the
 * day, and the organiser's confirmation the day after. People who are applying to join the league are left
 * out, so the admission demo keeps the hours it was written with. Then what waits today, for the to-do centre
 * and an organiser's account to do it with.
 */
export async function seedVolunteeringDemo(
  ctx: AppContext,
  countyCode: string,
  password: string,
): Promise<void> {
  const county = await findOrgByCode(ctx.db, countyCode);
  if (!county) return;
  const actor = systemActor('演示数据');
  const random = lcg(20260305);
  const townships = await ctx.db
    .selectFrom('orgs')
    .select(['code', 'name'])
    .where('path', 'like', `${county.path}%`)
    .where('level', '=', 'township')
    .where('status', '=', 'active')
    .orderBy('code')
    .execute();
  const applicants = ctx.db.selectFrom('admissions').select('person_id');
  const people = await ctx.db
    .selectFrom('people')
    .select('id')
    .where('scope_path', 'like', `${county.path}%`)
    .where('id', 'not in', applicants)
    .orderBy('id')
    .limit(240)
    .execute();
  if (townships.length === 0 || people.length < 30) return;

  const campaigns = new Map<string, number>();
  const campaignOf = async (title: string, year: number) => {
    const key = `${year}${title}`;
    if (!campaigns.has(key)) {
      const [from, to] =
        title === '学雷锋月'
          ? ['03-01', '03-31']
          : title === '暑期防溺水'
            ? ['06-15', '08-31']
            : ['01-01', '12-31'];
      const c = await createCampaign(ctx, actor, {
        orgCode: countyCode,
        title: `${year}年${title}`,
        startsOn: `${year}-${from}`,
        endsOn: `${year}-${to}`,
      });
      campaigns.set(key, c.id);
    }
    return campaigns.get(key)!;
  };
  // The twelve months before this one, so this year's figures and last year's both have data.
  const today = new Date();
  for (let back = 12; back >= 1; back--) {
    const first = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - back, 1));
    const year = first.getUTCFullYear();
    const month = first.getUTCMonth() + 1;
    const kinds = KINDS.filter(
      (k) => k.months.length === 0 || (k.months as readonly number[]).includes(month),
    );
    for (let n = 0; n < 5; n++) {
      const kind = kinds[random(kinds.length)]!;
      const township = townships[random(townships.length)]!;
      const day = 1 + random(27);
      // 09:00 Beijing time on that day, for two to four hours.
      const starts = Date.UTC(year, month - 1, day, 1, 0);
      const length = (2 + random(3)) * HOUR;
      const activity = await createActivity(ctx, actor, {
        orgCode: township.code,
        title: `${township.name.replace(/团(工)?委$/, '')}${kind.title}`,
        category: kind.category,
        campaignId: kind.campaign ? await campaignOf(kind.campaign, year) : null,
        place: `${township.name.replace(/团(工)?委$/, '')}服务站`,
        startsAt: new Date(starts).toISOString(),
        endsAt: new Date(starts + length).toISOString(),
        capacity: 40,
        signupOpensAt: new Date(starts - 10 * DAY).toISOString(),
        signupClosesAt: new Date(starts - HOUR).toISOString(),
        description: `${kind.title}，${localDateOf(new Date(starts))}`,
        contact: `${county.name} 志愿服务部`,
      });
      const row = (await findActivityById(ctx.db, activity.id))!;
      const size = 8 + random(20);
      const first = random(people.length);
      await ctx.db.transaction().execute(async (trx) => {
        for (let i = 0; i < size; i++) {
          const person = people[(first + i * 7) % people.length]!;
          await signUpPerson(trx, row.id, person.id, starts - (2 + random(7)) * DAY);
          // Most attend the whole activity; some arrive late or leave early; a few never come.
          if (random(10) === 0) continue;
          await scanAttendance(trx, row, person.id, 'in', starts - 10 * 60_000 + random(40) * 60_000);
          await scanAttendance(trx, row, person.id, 'out', starts + length - random(60) * 60_000);
        }
      });
      const ready = await ctx.db
        .selectFrom('volunteer_enrolments')
        .select('id')
        .where('activity_id', '=', row.id)
        .where('checked_out_at', 'is not', null)
        .execute();
      if (ready.length > 0) {
        await confirmAttendance(
          ctx,
          actor,
          row.id,
          { enrolmentIds: ready.map((e) => e.id) },
          starts + length + DAY,
        );
      }
    }
  }

  await seedRegulars(ctx, county, people);
  await seedWaitingWork(ctx, countyCode, townships[0]!, people, password);
}

/**
 * A year of the county's own service station, a day-long shift every four weeks kept by a few regulars, so that some pass
 * 100 hours: the stars (星级志愿者), the honour roll and "再服务 N 小时" have someone to show (issue 17 item 14).
 * The student's account (services demo) is the most faithful of them, so his own page shows a star.
 */
async function seedRegulars(
  ctx: AppContext,
  county: { code: string; name: string },
  people: { id: number }[],
) {
  const actor = systemActor('演示数据');
  const student = await ctx.db
    .selectFrom('users')
    .select('person_id')
    .where('username', '=', 'student')
    .executeTakeFirst();
  const pool = people.slice(6).map((p) => p.id);
  const first = student?.person_id ?? pool[0]!;
  const regulars = [first, ...pool.filter((id) => id !== first).slice(0, 2)];
  // Of 13 day-long shifts of 12 hours: 156, 120 and 96 hours (the last one still 4 short of a star).
  const shiftsOf = [13, 10, 8];
  const nine = Date.parse(`${localDateOf(new Date())}T01:00:00Z`);
  for (let k = 12; k >= 0; k--) {
    const starts = nine - HOUR - (7 + 28 * k) * DAY;
    const activity = await createActivity(ctx, actor, {
      orgCode: county.code,
      title: `${county.name.replace(/团(工)?委$/, '')}志愿服务站全天值守`,
      category: '文明城市创建',
      place: '县志愿服务站',
      startsAt: new Date(starts).toISOString(),
      endsAt: new Date(starts + 12 * HOUR).toISOString(),
      capacity: 10,
      signupOpensAt: new Date(starts - 10 * DAY).toISOString(),
      signupClosesAt: new Date(starts - HOUR).toISOString(),
      description: `志愿服务站值守，${localDateOf(new Date(starts))}`,
      contact: `${county.name} 志愿服务部`,
    });
    const row = (await findActivityById(ctx.db, activity.id))!;
    const came = regulars.filter((_, i) => 12 - k < shiftsOf[i]!);
    await ctx.db.transaction().execute(async (trx) => {
      for (const id of came) {
        await signUpPerson(trx, row.id, id, starts - 3 * DAY);
        await scanAttendance(trx, row, id, 'in', starts - 5 * 60_000);
        await scanAttendance(trx, row, id, 'out', starts + 12 * HOUR);
      }
    });
    const ready = await ctx.db
      .selectFrom('volunteer_enrolments')
      .select('id')
      .where('activity_id', '=', row.id)
      .where('checked_out_at', 'is not', null)
      .execute();
    await confirmAttendance(
      ctx,
      actor,
      row.id,
      { enrolmentIds: ready.map((e) => e.id) },
      starts + 12 * HOUR + DAY,
    );
  }
}

/**
 * What waits today (issue 15's to-do centre): yesterday's activity, attended and checked out but not yet
 * confirmed by its organiser, and tomorrow's, signed up for. The student's account (services demo) takes part
 * in both, so his own list has them too; `volunteer_org` is the organiser who confirms.
 */
async function seedWaitingWork(
  ctx: AppContext,
  countyCode: string,
  township: { code: string; name: string },
  people: { id: number }[],
  password: string,
) {
  const actor = systemActor('演示数据');
  await createUser(ctx, actor, {
    username: 'volunteer_org',
    password,
    displayName: '县志愿者协会组织者',
    orgCode: countyCode,
    roles: ['volunteer_organiser'],
  });
  const student = await ctx.db
    .selectFrom('users')
    .select('person_id')
    .where('username', '=', 'student')
    .executeTakeFirst();
  const who = [...people.slice(0, 6).map((p) => p.id), ...(student?.person_id ? [student.person_id] : [])];
  const place = township.name.replace(/团(工)?委$/, '');
  // 09:00 Beijing time today.
  const nine = Date.parse(`${localDateOf(new Date())}T01:00:00Z`);
  for (const [starts, title] of [
    [nine - DAY, `${place}敬老院关爱老人`],
    [nine + DAY, `${place}河道清洁`],
  ] as const) {
    const activity = await createActivity(ctx, actor, {
      orgCode: township.code,
      title,
      category: title.endsWith('河道清洁') ? '生态环保' : '关爱老人',
      place: `${place}服务站`,
      startsAt: new Date(starts).toISOString(),
      endsAt: new Date(starts + 3 * HOUR).toISOString(),
      capacity: 40,
      signupOpensAt: new Date(starts - 10 * DAY).toISOString(),
      signupClosesAt: new Date(starts - HOUR).toISOString(),
      description: `${title}，${localDateOf(new Date(starts))}`,
      contact: '县志愿服务部',
    });
    const row = (await findActivityById(ctx.db, activity.id))!;
    await ctx.db.transaction().execute(async (trx) => {
      for (const id of who) {
        await signUpPerson(trx, row.id, id, starts - 2 * DAY);
        if (starts > Date.now()) continue;
        await scanAttendance(trx, row, id, 'in', starts - 5 * 60_000);
        await scanAttendance(trx, row, id, 'out', starts + 3 * HOUR - 10 * 60_000);
      }
    });
  }
}
