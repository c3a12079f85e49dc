/**
 * 确认时长 after big events: the organiser confirms every volunteer's attendance of an activity in one request,
 * activity after activity, so that each person's ledger grows as the rounds go on.
 *
 *   node --import tsx bench/confirm-hours.ts [--volunteers 2000] [--rounds 6] [--pg postgres://…]
 *
 * Each confirmed attendance writes a volunteer record, and the record's write recomputes the person's previous
 * dates (prev_date_1…6, which keep the answer sheet's distinct volunteer count a sum: previous-dates.repository.ts).
 * Prints each round's confirm time, then times the recompute alone on the final ledger, once a person and for
 * everyone together, so what it costs a confirmation is a figure rather than a guess. Service calls in one
 * process (no HTTP): the write path itself is measured.
 */
import { benchSetup, loadAverage } from './harness.ts';

const { pg, number, processes } = await benchSetup(
  { volunteers: { type: 'string', default: '2000' }, rounds: { type: 'string', default: '6' } },
  { postgres: 'with --pg' },
);
const N = number('volunteers');
const ROUNDS = number('rounds');
const { prepare, SECRET } = processes;
const { createTestContext } = await import('../src/test/db.ts');
const { signedUpVolunteers } = await import('../src/test/volunteers.ts');
const { systemActor } = await import('../src/modules/auth/auth.policy.ts');
const { createActivity } = await import('../src/modules/volunteering/activities.service.ts');
const { findActivityById } = await import('../src/modules/volunteering/records.repository.ts');
const { scanAttendance, signUpPerson } = await import('../src/modules/volunteering/attendance.service.ts');
const { confirmAttendance } = await import('../src/modules/volunteering/records.service.ts');
const { refreshPreviousDates } = await import('../src/modules/volunteering/previous-dates.repository.ts');

const DAY = 86_400_000;
const HOUR = 3_600_000;
const seconds = (ms: number) => (ms / 1000).toFixed(2);

async function main() {
  const ctx = await createTestContext(pg ? 'postgres' : 'sqlite');
  try {
    await prepare(ctx.db);
    const { volunteers } = await signedUpVolunteers(ctx.db, SECRET, 'FT', N);
    const personIds = volunteers.map((v) => v.personId);
    const actor = systemActor('基准测试');
    console.log(
      `${N} volunteers, ${ROUNDS} activities, ${pg ? 'PostgreSQL' : 'SQLite'}; load ${loadAverage()}`,
    );
    let lastMs = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      // Past activities, oldest first, a week apart: each round adds every person's newest record.
      const starts = Date.now() - (ROUNDS - round + 1) * 7 * DAY;
      const activity = await createActivity(ctx, actor, {
        orgCode: 'FT',
        title: `第${round}场志愿服务`,
        startsAt: new Date(starts).toISOString(),
        endsAt: new Date(starts + 3 * HOUR).toISOString(),
        capacity: N,
        signupOpensAt: new Date(starts - 10 * DAY).toISOString(),
      });
      const row = (await findActivityById(ctx.db, activity.id))!;
      await ctx.db.transaction().execute(async (trx) => {
        for (const id of personIds) {
          await signUpPerson(trx, row.id, id, starts - DAY);
          await scanAttendance(trx, row, id, 'in', starts);
          await scanAttendance(trx, row, id, 'out', starts + 2 * HOUR);
        }
      });
      const enrolmentIds = (
        await ctx.db
          .selectFrom('volunteer_enrolments')
          .select('id')
          .where('activity_id', '=', row.id)
          .execute()
      ).map((e) => e.id);
      const t0 = performance.now();
      const { confirmed } = await confirmAttendance(ctx, actor, row.id, { enrolmentIds }, starts + 4 * HOUR);
      const ms = performance.now() - t0;
      lastMs = ms;
      console.log(
        `round ${round}: confirmed ${confirmed} in ${seconds(ms)} s (${(ms / confirmed).toFixed(2)} ms each; now ${round} a person)`,
      );
    }
    // The recompute alone on the final ledger (values unchanged): once a person, as each write did before
    // writeRecords, and once for everyone, as a confirmation does now.
    const timed = async (each: boolean) => {
      const t0 = performance.now();
      await ctx.db.transaction().execute(async (trx) => {
        if (!each) return refreshPreviousDates(trx, { personIds });
        for (const id of personIds) await refreshPreviousDates(trx, { personIds: [id] });
      });
      return performance.now() - t0;
    };
    const onceEach = await timed(true);
    const together = await timed(false);
    console.log(
      `previous dates of ${N} persons × ${ROUNDS} records recomputed: one person at a time ${seconds(onceEach)} s, all together ${seconds(together)} s (the last round's confirmation took ${seconds(lastMs)} s); load ${loadAverage()}`,
    );
  } finally {
    await ctx.dispose();
  }
}

await main();
