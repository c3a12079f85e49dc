import type { Db } from '../../db/create-db.ts';
import { nowIso } from '../../db/create-db.ts';
import { ConflictError, ValidationError } from '../../lib/errors.ts';
import { formatHours, hoursOfHundredths } from '../../lib/hours.ts';
import { activityHundredths } from './hours-rules.ts';
import { refreshPreviousDates } from './previous-dates.repository.ts';
import {
  type ActivityRow,
  findPersonRecords,
  findRecordFor,
  insertRevision,
  type PersonRecordRow,
  type RecordRow,
} from './records.repository.ts';

/**
 * `volunteer_records` is the one ledger of counted hours: a row is there only once confirmed. Each write
 * makes a new revision; the revisions table keeps every version, so the evidence is never overwritten.
 */
export type RecordSource = 'import' | 'checkin' | 'manual' | 'correction';

export const SOURCE_LABELS: Record<RecordSource, string> = {
  import: '导入',
  checkin: '扫码签到',
  manual: '手工补录',
  correction: '更正',
};

export interface RecordEvidence {
  hoursHundredths: number;
  checkedInAt: string | null;
  checkedOutAt: string | null;
  source: RecordSource;
  enteredByUserId: number | null;
  enteredAt: string | null;
  confirmedByUserId: number | null;
  reason: string | null;
}

type LedgerActivity = Pick<ActivityRow, 'id' | 'org_id' | 'org_path' | 'starts_at' | 'ends_at'>;

interface WrittenRecord {
  id: number;
  revision: number;
  previous: RecordRow | undefined;
}

/** Writes the confirmed hours of a person at an activity as a new revision; returns the record's id. */
export async function writeRecord(
  trx: Db,
  activity: LedgerActivity,
  personId: number,
  e: RecordEvidence,
): Promise<WrittenRecord> {
  const [written] = await writeRecords(trx, activity, [{ personId, evidence: e }]);
  return written!;
}

/**
 * Writes the confirmed hours of several persons at one activity (an organiser confirms a whole event at once),
 * in their order. The persons given a new record have their previous dates recomputed once, together: a new
 * record may be a person's first in a subtree, or come before his others. A revision keeps its activity and
 * person, so it moves no date.
 */
export async function writeRecords(
  trx: Db,
  activity: LedgerActivity,
  entries: { personId: number; evidence: RecordEvidence }[],
): Promise<WrittenRecord[]> {
  const written: WrittenRecord[] = [];
  for (const { personId, evidence } of entries)
    written.push(await writeOne(trx, activity, personId, evidence));
  const added = entries.filter((_, i) => !written[i]!.previous).map((entry) => entry.personId);
  if (added.length > 0) await refreshPreviousDates(trx, { personIds: added });
  return written;
}

async function writeOne(
  trx: Db,
  activity: LedgerActivity,
  personId: number,
  e: RecordEvidence,
): Promise<WrittenRecord> {
  const limit = activityHundredths(activity);
  if (e.hoursHundredths > limit) {
    throw ValidationError.field(
      'hours',
      hoursOfHundredths(e.hoursHundredths),
      `服务时长 ${formatHours(hoursOfHundredths(e.hoursHundredths))} 小时超过活动时长 ${formatHours(hoursOfHundredths(limit))} 小时`,
    );
  }
  if (e.hoursHundredths <= 0)
    throw ValidationError.field('hours', hoursOfHundredths(e.hoursHundredths), '服务时长必须大于0');
  const now = nowIso();
  const values = {
    hours_hundredths: e.hoursHundredths,
    checked_in_at: e.checkedInAt,
    checked_out_at: e.checkedOutAt,
    source: e.source,
    entered_by_user_id: e.enteredByUserId,
    entered_at: e.enteredAt,
    confirmed_by_user_id: e.confirmedByUserId,
    confirmed_at: e.confirmedByUserId == null ? null : now,
    reason: e.reason,
  };
  const previous = await findRecordFor(trx, activity.id, personId);
  let id: number;
  let revision: number;
  if (previous) {
    id = previous.id;
    revision = previous.revision + 1;
    const result = await trx
      .updateTable('volunteer_records')
      .set({ ...values, revision, updated_at: now })
      .where('id', '=', id)
      // Two organisers correcting at once: the second must not silently replace the first's revision.
      .where('revision', '=', previous.revision)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new ConflictError('该记录刚被他人修改，请刷新后重试');
  } else {
    revision = 1;
    const row = await trx
      .insertInto('volunteer_records')
      .values({
        ...values,
        activity_id: activity.id,
        person_id: personId,
        org_id: activity.org_id,
        org_path: activity.org_path,
        revision,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    id = row.id;
  }
  await insertRevision(trx, {
    ...values,
    record_id: id,
    revision,
    activity_id: activity.id,
    person_id: personId,
    at: now,
  });
  return { id, revision, previous };
}

/**
 * Files the current version of every record that has none yet (records written by an import), in one
 * statement: one insert a record made a county's 35,000 hours another 35,000 round trips (bench/province.ts).
 */
export async function appendMissingRevisions(trx: Db): Promise<void> {
  const copied = [
    'activity_id',
    'person_id',
    'hours_hundredths',
    'checked_in_at',
    'checked_out_at',
    'source',
    'entered_by_user_id',
    'entered_at',
    'confirmed_by_user_id',
    'confirmed_at',
    'reason',
  ] as const;
  await trx
    .insertInto('volunteer_record_revisions')
    .columns(['record_id', 'revision', ...copied, 'at'])
    .expression((eb) =>
      eb
        .selectFrom('volunteer_records as r')
        .select([
          'r.id as record_id',
          'r.revision',
          ...copied.map((c) => `r.${c}` as const),
          eb.val(nowIso()).as('at'),
        ])
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('volunteer_record_revisions as v')
                .select('v.id')
                .whereRef('v.record_id', '=', 'r.id')
                .whereRef('v.revision', '=', 'r.revision'),
            ),
          ),
        )
        .orderBy('r.id'),
    )
    .execute();
}

export interface VolunteerHours {
  personId: number;
  from: string;
  to: string;
  totalHundredths: number;
  totalHours: number;
  records: Array<{
    recordId: number;
    activityCode: string;
    activityTitle: string;
    category: string | null;
    orgName: string;
    startDate: string;
    hours: number;
    hoursHundredths: number;
    source: string;
    revision: number;
    checkedInAt: string | null;
    checkedOutAt: string | null;
    enteredBy: string | null;
    enteredAt: string | null;
    confirmedBy: string | null;
    confirmedAt: string | null;
    reason: string | null;
  }>;
}

export function presentRecord(r: PersonRecordRow): VolunteerHours['records'][number] {
  return {
    recordId: r.id,
    activityCode: r.activity_code,
    activityTitle: r.activity_title,
    category: r.category,
    orgName: r.org_name,
    startDate: r.start_date,
    hours: hoursOfHundredths(r.hours_hundredths),
    hoursHundredths: r.hours_hundredths,
    source: r.source,
    revision: r.revision,
    checkedInAt: r.checked_in_at,
    checkedOutAt: r.checked_out_at,
    enteredBy: r.entered_by,
    enteredAt: r.entered_at,
    confirmedBy: r.confirmed_by,
    confirmedAt: r.confirmed_at,
    reason: r.reason,
  };
}

/**
 * A person's counted (confirmed) volunteer hours for activities starting between `from` and `to`
 * (inclusive, Asia/Shanghai dates), with the evidence of each record. The feed of the admission rules:
 * unconfirmed check-ins are not in the ledger, so they never count.
 */
export async function volunteerHoursOf(
  db: Db,
  personId: number,
  from: string,
  to: string,
  underPath?: string,
): Promise<VolunteerHours & { organisedUnder: string | null; contacts: string[] }> {
  const rows = await findPersonRecords(db, personId, from, to, underPath);
  const totalHundredths = rows.reduce((sum, r) => sum + r.hours_hundredths, 0);
  return {
    personId,
    from,
    to,
    totalHundredths,
    totalHours: hoursOfHundredths(totalHundredths),
    records: rows.map(presentRecord),
    organisedUnder: commonPath(rows.map((r) => r.org_path)),
    contacts: rows.map((r) => r.contact).filter((c): c is string => !!c?.trim()),
  };
}

/** The path of the smallest organisation whose subtree holds every one of these paths (`/1/5/` of `/1/5/23/`, `/1/5/9/`). */
export function commonPath(paths: string[]): string | null {
  if (paths.length === 0) return null;
  let common = paths[0]!.split('/').filter(Boolean);
  for (const path of paths.slice(1)) {
    const ids = path.split('/').filter(Boolean);
    let n = 0;
    while (n < common.length && common[n] === ids[n]) n++;
    common = common.slice(0, n);
  }
  return common.length ? `/${common.join('/')}/` : null;
}
