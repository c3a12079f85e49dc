import { nowIso } from '../../db/create-db.ts';
import { localDateOf } from '../../lib/dates.ts';
import { formatHours, hoursOfHundredths } from '../../lib/hours.ts';
import { dateTimeColumn, hoursColumn, textColumn } from '../imports/columns.ts';
import { type ImportSession, v } from '../imports/import-kind.ts';
import {
  orgCodeColumn,
  personColumn,
  recordCodeColumn,
  regionCodeColumn,
} from '../imports/ledger-columns.ts';
import { defineLedgerImport } from '../imports/ledger-import.ts';
import { refreshPreviousDates } from './previous-dates.repository.ts';
import { appendMissingRevisions } from './records.ledger.ts';

const HOUR_MS = 3_600_000;

/** The persons each running import has added records of, for their previous dates at its end. */
const addedBy = new WeakMap<ImportSession, Set<number>>();
const EVIDENCE_KEYS = [
  'source',
  'revision',
  'entered_by_user_id',
  'entered_at',
  'confirmed_by_user_id',
  'confirmed_at',
  'reason',
] as const;

export const volunteerActivitiesImport = defineLedgerImport({
  kind: 'volunteer-activities',
  label: '志愿服务活动',
  permission: 'volunteer.write',
  table: 'volunteer_activities',
  dependents: [{ table: 'volunteer_records', foreignKey: 'activity_id' }],
  naturalKey: ['code'],
  columns: [
    recordCodeColumn('活动编号', { example: 'SL-A-ZY00019' }),
    textColumn({
      header: '活动名称',
      key: 'title',
      required: true,
      example: '学雷锋志愿服务',
      maxLength: 100,
    }),
    textColumn({ header: '服务类别', key: 'category', example: '文明城市创建', maxLength: 50 }),
    orgCodeColumn(),
    dateTimeColumn({ header: '开始时间', key: 'starts_at', required: true, example: '2023-03-05 09:00' }),
    dateTimeColumn({ header: '结束时间', key: 'ends_at', required: true, example: '2023-03-05 12:00' }),
    regionCodeColumn(false),
    textColumn({ header: '地点', key: 'place', example: '社区服务中心', maxLength: 100 }),
  ],
  async toValues(row, refs, session) {
    const org = await refs.org(row, 'org_code');
    const region = v<string>(row, 'region_code') ? await refs.region(row, 'region_code') : undefined;
    const startsAt = v<string>(row, 'starts_at')!;
    const endsAt = v<string>(row, 'ends_at')!;
    if (endsAt <= startsAt) {
      session.error(row, 'ends_at', '结束时间应晚于开始时间');
      return null;
    }
    if (!org || region === null) return null;
    return {
      code: v<string>(row, 'code')!,
      title: v<string>(row, 'title')!,
      category: v<string>(row, 'category'),
      org_id: org.id,
      org_path: org.path,
      starts_at: startsAt,
      ends_at: endsAt,
      start_date: localDateOf(startsAt),
      region_id: region?.id ?? null,
      place: v<string>(row, 'place'),
    };
  },
  async written(session, records) {
    // An activity moved to another date or org changes the previous records of everyone who served at it.
    const moved = records.filter(
      ({ stored, current }) =>
        stored && (stored.start_date !== current.start_date || stored.org_path !== current.org_path),
    );
    if (moved.length > 0)
      await refreshPreviousDates(session.db, { activityIds: moved.map((r) => r.stored!.id) });
  },
});

export const volunteerHoursImport = defineLedgerImport({
  kind: 'volunteer-hours',
  label: '志愿服务记录',
  permission: 'volunteer.write',
  table: 'volunteer_records',
  naturalKey: ['activity_id', 'person_id'],
  columns: [
    recordCodeColumn('活动编号', {
      key: 'activity_code',
      example: 'SL-A-ZY00019',
      refersTo: 'volunteer_activities',
    }),
    personColumn(),
    hoursColumn({
      header: '服务时长',
      key: 'hours',
      decimals: 2,
      positive: true,
      example: '3',
      format: '小时，最多2位小数；签到、签退时间都填写时可不填',
    }),
    dateTimeColumn({ header: '签到时间', key: 'checked_in_at', example: '' }),
    dateTimeColumn({ header: '签退时间', key: 'checked_out_at', example: '' }),
  ],
  async toValues(row, refs, session) {
    const activity = await refs.byCode(row, 'activity_code', 'volunteer_activities', '志愿服务活动');
    const person = await refs.person(row, 'id_number');
    const checkedIn = v<string>(row, 'checked_in_at');
    const checkedOut = v<string>(row, 'checked_out_at');
    let hundredths = v<number>(row, 'hours') == null ? null : Math.round(v<number>(row, 'hours')! * 100);
    if (checkedIn && checkedOut && checkedOut <= checkedIn) {
      session.error(row, 'checked_out_at', '签退时间应晚于签到时间');
      return null;
    }
    if (hundredths == null) {
      if (!checkedIn || !checkedOut) {
        session.error(row, 'hours', '未填写服务时长时，签到时间和签退时间都必须填写');
        return null;
      }
      // IMPORT-SPEC.md: their exact difference in hours, to 2 decimals; no live rounding rule applies.
      hundredths = Math.round((Date.parse(checkedOut) - Date.parse(checkedIn)) / (HOUR_MS / 100));
    }
    if (!activity || !person) return null;
    const activityHundredths = Math.round(
      (Date.parse(String(activity.ends_at)) - Date.parse(String(activity.starts_at))) / (HOUR_MS / 100),
    );
    if (hundredths > activityHundredths) {
      session.error(
        row,
        'hours',
        `服务时长 ${formatHours(hoursOfHundredths(hundredths))} 小时超过活动时长 ${formatHours(hoursOfHundredths(activityHundredths))} 小时`,
        formatHours(hoursOfHundredths(hundredths)),
      );
      return null;
    }
    if (hundredths <= 0) {
      session.error(row, 'hours', '服务时长必须大于0');
      return null;
    }
    const importer = session.actor.userId > 0 ? session.actor.userId : null;
    const now = nowIso();
    return {
      activity_id: activity.id,
      person_id: person.id,
      org_id: activity.org_id,
      org_path: activity.org_path,
      hours_hundredths: hundredths,
      checked_in_at: checkedIn,
      checked_out_at: checkedOut,
      // The evidence: imported history is vouched for by its importer (the import itself is on record).
      source: 'import',
      revision: 1,
      entered_by_user_id: importer,
      entered_at: now,
      confirmed_by_user_id: importer,
      confirmed_at: now,
      reason: null,
    };
  },
  warn(_row, values, _refs, _session, existing) {
    // Runs just before the upsert, so the evidence follows the substance: a re-import of the same hours and
    // times leaves the record (and its evidence) unchanged; different ones make the next revision.
    if (!existing) return;
    const same =
      existing.hours_hundredths === values.hours_hundredths &&
      (existing.checked_in_at ?? null) === (values.checked_in_at ?? null) &&
      (existing.checked_out_at ?? null) === (values.checked_out_at ?? null);
    if (same) {
      for (const key of EVIDENCE_KEYS) delete values[key];
    } else {
      values.revision = (existing.revision as number) + 1;
    }
  },
  async written(session, records) {
    // Only a new record moves anyone's previous dates: an update changes hours and times, never the activity or
    // the person, which are the record's key.
    const persons = addedBy.get(session) ?? new Set<number>();
    addedBy.set(session, persons);
    for (const r of records) if (!r.stored) persons.add(r.current.person_id as number);
  },
  async finish(_refs, session) {
    await appendMissingRevisions(session.db);
    // Once per import (one transaction), not per batch: a person in several batches is recomputed once. A
    // county's 35,000 records: 1.8 s this way against 5 s batch by batch (5-county bench database, load 13).
    const persons = addedBy.get(session);
    if (persons?.size) await refreshPreviousDates(session.db, { personIds: [...persons] });
  },
});
