import type { AppContext } from '../../context.ts';
import { nowIso } from '../../db/create-db.ts';
import { today } from '../../lib/dates.ts';
import { xlsxOf } from '../../lib/downloads.ts';
import { ConflictError, ValidationError } from '../../lib/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, assertCan, can, findInReach, seesFromBelow } from '../auth/auth.policy.ts';
import { requireOrgInScope } from '../orgs/orgs.service.ts';
import { findPersonById, namedPersonId } from '../people/people.service.ts';
import { ATTENDANCE_RESULTS, TEACHER_KINDS } from './schools.labels.ts';
import {
  attendanceOf,
  findAttendance,
  findAttendanceRegister,
  findClassByCode,
  findClasses,
  findSchoolByCode,
  findSchools,
  findTeachers,
  insertClass,
  insertSchool,
  insertTeacher,
  upsertAttendance,
} from './schools.repository.ts';
import type { AttendanceInput, ClassHoursQuery, NewClass, NewSchool, NewTeacher } from './schools.schemas.ts';

/*
 * The public face of schools (issue 16, item 2): besides the routes' operations, what admission asks of a
 * person's 团课 (his attendance up to a date, for the 推优入团 checklist).
 */
export { attendanceOf };

export async function listSchools(ctx: AppContext, actor: Actor, orgCode?: string) {
  assertCan(actor, 'school.read');
  const org = await requireOrgInScope(ctx.db, actor, orgCode);
  const rows = await findSchools(ctx.db, org.path);
  return {
    items: rows.map((s) => ({
      code: s.code,
      name: s.name,
      org: { code: s.org_code, name: s.org_name },
      honoraryPrincipal: s.honorary_principal,
      establishedOn: s.established_on,
    })),
  };
}

async function requireSchool(ctx: AppContext, actor: Actor, code: string) {
  return findInReach(actor, findSchoolByCode(ctx.db, code), (s) => s.org_path, `团校 ${code} 不存在`);
}

export async function getSchool(ctx: AppContext, actor: Actor, code: string) {
  assertCan(actor, 'school.read');
  const s = await requireSchool(ctx, actor, code);
  const classes = (await findClasses(ctx.db, s.org_path)).filter((c) => c.school_code === s.code);
  return {
    code: s.code,
    name: s.name,
    org: { code: s.org_code, name: s.org_name },
    honoraryPrincipal: s.honorary_principal,
    establishedOn: s.established_on,
    teachers: await findTeachers(ctx.db, s.id),
    classes: classes.map(presentClass),
  };
}

/** Who runs the league school (school.manage): administrators and its staff, not branch secretaries. */
export async function createSchool(ctx: AppContext, actor: Actor, input: NewSchool) {
  assertCan(actor, 'school.manage');
  await ctx.db.transaction().execute(async (trx) => {
    const org = await requireOrgInScope(trx, actor, input.orgCode);
    if (await findSchoolByCode(trx, input.code)) throw new ConflictError(`团校编码 ${input.code} 已存在`);
    const now = nowIso();
    await insertSchool(trx, {
      code: input.code,
      name: input.name,
      org_id: org.id,
      org_path: org.path,
      honorary_principal: input.honoraryPrincipal ?? null,
      established_on: input.establishedOn ?? null,
      created_at: now,
      updated_at: now,
    });
    await recordAudit(trx, actor, {
      action: 'create',
      entity: 'school',
      entityId: input.code,
      org: { path: org.path, code: org.code },
      summary: `设立团校 ${input.name}（${input.code}）`,
      detail: input,
    });
  });
  return getSchool(ctx, actor, input.code);
}

export async function addTeacher(ctx: AppContext, actor: Actor, code: string, input: NewTeacher) {
  assertCan(actor, 'school.manage');
  if (!(TEACHER_KINDS as readonly string[]).includes(input.kind))
    throw ValidationError.field('kind', input.kind, `教员类型应为：${TEACHER_KINDS.join(' / ')}`);
  const school = await requireSchool(ctx, actor, code);
  await ctx.db.transaction().execute(async (trx) => {
    await insertTeacher(trx, {
      school_id: school.id,
      org_id: school.org_id,
      org_path: school.org_path,
      name: input.name,
      kind: input.kind,
      created_at: nowIso(),
    });
    await recordAudit(trx, actor, {
      action: 'create',
      entity: 'school_teacher',
      entityId: code,
      org: { path: school.org_path, code: school.org_code },
      summary: `团校 ${school.name} 登记教员 ${input.name}（${input.kind}）`,
    });
  });
  return getSchool(ctx, actor, code);
}

type ClassRow = Awaited<ReturnType<typeof findClasses>>[number];

function presentClass(c: ClassRow) {
  return {
    code: c.code,
    title: c.title,
    heldOn: c.held_on,
    hours: Number(c.hours_tenths) / 10,
    teacher: c.teacher,
    teacherKind: c.teacher_kind,
    org: { code: c.org_code, name: c.org_name },
    school: c.school_code && c.school_name ? { code: c.school_code, name: c.school_name } : null,
    attendees: Number(c.attendees ?? 0),
  };
}

/** 团课 of the actor's subtree and those held above it, which his members may attend. */
export async function listClasses(ctx: AppContext, actor: Actor, orgCode?: string) {
  assertCan(actor, 'school.read');
  const org = await requireOrgInScope(ctx.db, actor, orgCode);
  return { items: (await findClasses(ctx.db, org.path)).map(presentClass) };
}

/** A class the actor may see: held in his subtree, or by an org above his own. */
async function requireClass(ctx: AppContext, actor: Actor, code: string) {
  return findInReach(
    actor,
    findClassByCode(ctx.db, code),
    (c) => seesFromBelow(actor, c.org_path),
    `团课 ${code} 不存在`,
  );
}

export async function getClass(ctx: AppContext, actor: Actor, code: string) {
  assertCan(actor, 'school.read');
  const c = await requireClass(ctx, actor, code);
  const attendance = await findAttendance(ctx.db, c.id, actor.scopePath);
  return {
    code: c.code,
    title: c.title,
    heldOn: c.held_on,
    hours: Number(c.hours_tenths) / 10,
    teacher: c.teacher,
    teacherKind: c.teacher_kind,
    org: { code: c.org_code, name: c.org_name },
    school: c.school_code && c.school_name ? { code: c.school_code, name: c.school_name } : null,
    attendance: attendance.map((a) => ({
      personId: a.person_id,
      name: a.name,
      idNumberMasked: a.id_number_masked,
      result: a.result,
    })),
  };
}

/** school.write: administrators, school staff and branch secretaries hold 团课 and take attendance. */
export async function createClass(ctx: AppContext, actor: Actor, input: NewClass) {
  assertCan(actor, 'school.write');
  if (Math.round(input.hours * 10) !== input.hours * 10)
    throw ValidationError.field('hours', input.hours, '学时至多一位小数');
  if (input.teacherKind && !(TEACHER_KINDS as readonly string[]).includes(input.teacherKind))
    throw ValidationError.field(
      'teacherKind',
      input.teacherKind,
      `授课人类型应为：${TEACHER_KINDS.join(' / ')}`,
    );
  if (input.heldOn > today()) throw ValidationError.field('heldOn', input.heldOn, '上课日期不能晚于今天');
  await ctx.db.transaction().execute(async (trx) => {
    const org = await requireOrgInScope(trx, actor, input.orgCode);
    if (await findClassByCode(trx, input.code)) throw new ConflictError(`课程编号 ${input.code} 已存在`);
    const school = input.schoolCode ? await findSchoolByCode(trx, input.schoolCode) : null;
    if (input.schoolCode && !school?.org_path.startsWith(actor.scopePath))
      throw ValidationError.field('schoolCode', input.schoolCode, `团校 ${input.schoolCode} 不存在`);
    const now = nowIso();
    await insertClass(trx, {
      code: input.code,
      title: input.title,
      school_id: school?.id ?? null,
      org_id: org.id,
      org_path: org.path,
      held_on: input.heldOn,
      hours_tenths: Math.round(input.hours * 10),
      teacher: input.teacher ?? null,
      teacher_kind: input.teacherKind ?? null,
      created_at: now,
      updated_at: now,
    });
    await recordAudit(trx, actor, {
      action: 'create',
      entity: 'class_session',
      entityId: input.code,
      org: { path: org.path, code: org.code },
      summary: `登记团课 ${input.title}（${input.code}，${input.hours} 学时）`,
      detail: input,
    });
  });
  return getClass(ctx, actor, input.code);
}

/** Attendance of the actor's own people in a class (合格 / 不合格); re-recording a person changes his result. */
export async function recordAttendance(ctx: AppContext, actor: Actor, code: string, input: AttendanceInput) {
  assertCan(actor, 'school.write');
  const c = await requireClass(ctx, actor, code);
  // Who each record names. One who reads no roll names a newcomer by his lookup's reference only; someone
  // already on this class's register (the list shows him anyway) may be re-marked by id (issue 17, item 8).
  const registered = can(actor, 'person.read')
    ? new Set<number>()
    : new Set((await findAttendance(ctx.db, c.id, actor.scopePath)).map((a) => a.person_id));
  const records = input.records.map((r) => {
    if (r.personId != null && r.personRef)
      throw ValidationError.field('personRef', null, '请只用一种方式指明学员');
    const personId =
      r.personId != null && registered.has(r.personId) ? r.personId : namedPersonId(ctx, actor, r);
    return { personId, result: r.result };
  });
  if (new Set(records.map((r) => r.personId)).size !== records.length)
    throw ValidationError.field('records', null, '同一人员重复出现');
  await ctx.db.transaction().execute(async (trx) => {
    const names: string[] = [];
    for (const r of records) {
      const person = await findPersonById(trx, r.personId);
      if (!person?.scope_path.startsWith(actor.scopePath))
        throw ValidationError.field(
          'personId',
          r.personId,
          `人员（编号 ${r.personId}）不存在或不在您的管理范围内`,
        );
      await upsertAttendance(trx, {
        class_session_id: c.id,
        person_id: person.id,
        org_id: c.org_id,
        org_path: c.org_path,
        result: r.result,
        now: nowIso(),
      });
      names.push(`${person.name}${ATTENDANCE_RESULTS[r.result]}`);
    }
    await recordAudit(trx, actor, {
      action: 'update',
      entity: 'attendance',
      entityId: c.code,
      org: { path: c.org_path, code: c.org_code },
      summary: `团课 ${c.title}（${c.code}）考勤：${names.join('、')}`,
      detail: input,
    });
  });
  return getClass(ctx, actor, code);
}

/**
 * A person's total 学时 (合格 only) with every class behind it. One who reads no roll (school staff) names the
 * person by the reference his own lookup gave, never by id: by id, any attendee's name and classes could be read
 * back by walking ids 1..N (issue 17, item 8; person-ref.ts).
 */
export async function classHoursOf(ctx: AppContext, actor: Actor, ref: ClassHoursQuery) {
  if (!can(actor, 'person.read')) assertCan(actor, 'school.read');
  if (ref.personId != null && ref.personRef)
    throw ValidationError.field('personRef', null, '请只用一种方式指明人员');
  const person = await findInReach(
    actor,
    findPersonById(ctx.db, namedPersonId(ctx, actor, ref)),
    (p) => p.scope_path,
    '人员不存在',
  );
  const rows = await attendanceOf(ctx.db, person.id, '9999-12-31');
  const passed = rows.filter((r) => r.result === 'passed').reduce((s, r) => s + r.hours_tenths, 0);
  return {
    person: { id: person.id, name: person.name, idNumberMasked: person.id_number_masked },
    totalHours: passed / 10,
    items: rows.map((r) => ({
      code: r.code,
      title: r.title,
      heldOn: r.held_on,
      hours: r.hours_tenths / 10,
      result: r.result,
    })),
  };
}

/** The attendance register of the people of an org's subtree as .xlsx (identity numbers masked); audited. */
export async function exportAttendance(ctx: AppContext, actor: Actor, orgCode?: string): Promise<Buffer> {
  assertCan(actor, 'school.read');
  const org = await requireOrgInScope(ctx.db, actor, orgCode);
  const rows = await findAttendanceRegister(ctx.db, org.path);
  const content = await xlsxOf(
    '团课考勤',
    [
      { header: '课程编号', key: 'code', width: 14 },
      { header: '课程名称', key: 'title', width: 28 },
      { header: '上课日期', key: 'heldOn', width: 12 },
      { header: '学时', key: 'hours', width: 6 },
      { header: '姓名', key: 'name', width: 10 },
      { header: '证件号码', key: 'id', width: 22 },
      { header: '考核结果', key: 'result', width: 10 },
    ],
    rows.map((r) => ({
      code: r.code,
      title: r.title,
      heldOn: r.held_on,
      hours: Number(r.hours_tenths) / 10,
      name: r.name,
      id: r.id_number_masked,
      result: ATTENDANCE_RESULTS[r.result as keyof typeof ATTENDANCE_RESULTS] ?? r.result,
    })),
  );
  await recordAudit(ctx.db, actor, {
    action: 'export',
    entity: 'attendance',
    org: { path: org.path, code: org.code },
    summary: `导出 ${org.name} 团课考勤 ${rows.length} 条`,
  });
  return content;
}
