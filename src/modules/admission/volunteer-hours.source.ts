import type { Db } from '../../db/create-db.ts';
import { volunteerHoursOf as confirmedHoursOf } from '../volunteering/records.ledger.ts';

/**
 * The one seam through which admission reads volunteer hours. `volunteer_records` is the ledger of
 * counted hours, whether imported (`volunteer-hours`) or recorded by the volunteering service; that
 * service narrows it to confirmed hours (src/modules/volunteering/records.ledger.ts), and admission follows.
 */
export interface VolunteerHoursRecord {
  recordId: number;
  activityCode: string;
  activityTitle: string;
  /** The Asia/Shanghai date the activity started. */
  on: string;
  hoursHundredths: number;
}

/**
 * A person's volunteer records of activities that started in [from, to], oldest first. Only confirmed hours
 * are in the ledger (the volunteering service keeps check-ins aside until the organiser confirms them), so
 * the volunteering module's own reading is the one used here.
 */
export async function volunteerHoursOf(
  db: Db,
  personId: number,
  from: string,
  to: string,
): Promise<VolunteerHoursRecord[]> {
  const { records } = await confirmedHoursOf(db, personId, from, to);
  return records.map((r) => ({
    recordId: r.recordId,
    activityCode: r.activityCode,
    activityTitle: r.activityTitle,
    on: r.startDate,
    hoursHundredths: r.hoursHundredths,
  }));
}
