import type { Db } from '../../db/create-db.ts';

/**
 * The one seam through which admission reads volunteer hours. `volunteer_records` is the ledger of
 * counted hours, whether imported (`volunteer-hours`) or recorded by the volunteering service; that
 * service may narrow this query (e.g. to confirmed hours) here, and admission follows.
 */
export interface VolunteerHoursRecord {
  recordId: number;
  activityCode: string;
  activityTitle: string;
  /** The Asia/Shanghai date the activity started. */
  on: string;
  hoursHundredths: number;
}

/** A person's volunteer records of activities that started in [from, to], oldest first. */
export async function volunteerHoursOf(
  db: Db,
  personId: number,
  from: string,
  to: string,
): Promise<VolunteerHoursRecord[]> {
  const rows = await db
    .selectFrom('volunteer_records')
    .innerJoin('volunteer_activities', 'volunteer_activities.id', 'volunteer_records.activity_id')
    .select([
      'volunteer_records.id',
      'volunteer_activities.code',
      'volunteer_activities.title',
      'volunteer_activities.start_date',
      'volunteer_records.hours_hundredths',
    ])
    .where('volunteer_records.person_id', '=', personId)
    .where('volunteer_activities.start_date', '>=', from)
    .where('volunteer_activities.start_date', '<=', to)
    .orderBy('volunteer_activities.start_date')
    .orderBy('volunteer_records.id')
    .execute();
  return rows.map((r) => ({
    recordId: r.id,
    activityCode: r.code,
    activityTitle: r.title,
    on: r.start_date,
    hoursHundredths: Number(r.hours_hundredths),
  }));
}
