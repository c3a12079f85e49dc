import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AppContext } from '../context.ts';
import { addDays, today } from '../lib/dates.ts';
import { makeIdNumber } from '../lib/id-number.ts';
import {
  applyForAdmission,
  approveAdmission,
  endAdmission,
  makeActivist,
  makeCandidate,
  recordCeremony,
  recordTalk,
} from '../modules/admission/admission.service.ts';
import { recordVote } from '../modules/admission/admission.vote.ts';
import { type Actor, permissionsOf, type Role, systemActor } from '../modules/auth/auth.policy.ts';
import { importFile } from '../modules/imports/imports.service.ts';
import { countMembersOfOrgOn } from '../modules/membership/members.repository.ts';
import { findOrgById, type OrgRow } from '../modules/orgs/orgs.repository.ts';
import type { NewPerson, PeopleQuery } from '../modules/people/people.schemas.ts';
import { createPerson, listPeople } from '../modules/people/people.service.ts';
import { findRegionById } from '../modules/regions/regions.repository.ts';
import {
  addTeacher,
  createClass,
  createSchool,
  recordAttendance,
} from '../modules/schools/schools.service.ts';
import { findUserByUsername } from '../modules/users/users.repository.ts';

/** The demo's applicant whose only unmet condition is 团课 学时 (the browser journey completes it). */
export const DEMO_SHORT_OF_CLASSES = '林晓雨';

/** An actor of an org with one role, as the demo's branch secretary and committee act. */
function actorAt(org: OrgRow, role: Role, user?: { id: number; username: string }): Actor {
  return {
    ...systemActor('演示数据'),
    userId: user?.id ?? 0,
    username: user?.username ?? '演示数据',
    orgId: org.id,
    orgCode: org.code,
    orgName: org.name,
    orgLevel: org.level,
    orgPath: org.path,
    scopePath: org.path,
    roles: [role],
    permissions: new Set(permissionsOf([role])),
  };
}

interface DemoApplicant {
  name: string;
  birth: string;
  /** Days before today the steps happened; a missing one was not reached. */
  applied: number;
  talk?: number;
  activist?: number;
  candidate?: number;
  vote?: number;
  approve?: number;
  ceremony?: number;
  end?: { days: number; how: 'rejected' | 'withdrawn'; reason: string };
  classes: number;
}

const APPLICANTS: DemoApplicant[] = [
  { name: '周子涵', birth: '2010-04-12', applied: 45, classes: 0 },
  { name: '吴思远', birth: '2010-09-03', applied: 12, talk: 4, classes: 0 },
  { name: '郑可欣', birth: '2009-11-21', applied: 70, talk: 60, activist: 50, classes: 1 },
  { name: DEMO_SHORT_OF_CLASSES, birth: '2009-06-15', applied: 220, talk: 210, activist: 200, classes: 3 },
  { name: '王梓轩', birth: '2009-02-08', applied: 260, talk: 250, activist: 240, candidate: 60, classes: 4 },
  {
    name: '陈语桐',
    birth: '2008-12-30',
    applied: 280,
    talk: 270,
    activist: 260,
    candidate: 80,
    vote: 30,
    classes: 5,
  },
  {
    name: '刘浩然',
    birth: '2008-07-19',
    applied: 330,
    talk: 320,
    activist: 300,
    candidate: 160,
    vote: 120,
    approve: 115,
    ceremony: 100,
    classes: 5,
  },
  {
    name: '赵一诺',
    birth: '2008-05-05',
    applied: 330,
    talk: 322,
    activist: 300,
    candidate: 200,
    vote: 150,
    approve: 140,
    classes: 5,
  },
  {
    name: '孙嘉怡',
    birth: '2009-08-08',
    applied: 150,
    talk: 140,
    activist: 130,
    end: { days: 20, how: 'rejected', reason: '考察期间表现未达到要求' },
    classes: 2,
  },
  {
    name: '钱明哲',
    birth: '2010-01-26',
    applied: 90,
    talk: 80,
    end: { days: 60, how: 'withdrawn', reason: '本人转学，申请撤回' },
    classes: 0,
  },
];

const CLASS_DAYS = [330, 320, 310, 300, 290];

/**
 * 推优入团 in the demo: at the demo branch secretary's branch, applicants at every stage, recorded through the
 * admission service as the branch and the committee above would; the county's league school holds the 团课
 * they attended, and volunteer hours are loaded through the import path. Returns the number of applicants.
 */
export async function seedAdmissionDemo(ctx: AppContext, countyCode: string): Promise<number> {
  const secretary = await findUserByUsername(ctx.db, 'branch_sec');
  if (!secretary) return 0;
  const branch = (await findOrgById(ctx.db, secretary.org_id))!;
  const committee = (await findOrgById(ctx.db, branch.parent_id!))!;
  const county = (await ctx.db
    .selectFrom('orgs')
    .selectAll()
    .where('code', '=', countyCode)
    .executeTakeFirst())!;
  const asBranch = actorAt(branch, 'branch_secretary', secretary);
  const asCommittee = actorAt(committee, 'org_admin');
  const system = systemActor('演示数据');
  const day = (n: number) => addDays(today(), -n);
  // Identity numbers of the county, as the demo's people carry (src/demo/people.ts).
  const regionCode = (await findRegionById(ctx.db, county.region_id))?.code ?? '419801';

  // Two members of the branch to introduce candidates, and one to mentor.
  const members = (
    await listPeople(ctx, asBranch, {
      politicalStatus: 'league_member',
      pageSize: 3,
    } as unknown as PeopleQuery)
  ).items.map((p) => p.id);
  for (let i = members.length; i < 3; i++) {
    const m = await createPerson(ctx, asBranch, {
      idNumber: makeIdNumber(regionCode, `200${i}-03-1${i}`, 880 + i),
      name: ['黄振宇', '许文静', '何佳乐'][i]!,
      politicalStatus: 'league_member',
      orgCode: branch.code,
      joinedOn: `201${i + 5}-05-04`,
    } as NewPerson);
    members.push(m.id);
  }

  const schoolCode = `${countyCode}-TX`;
  await createSchool(ctx, system, {
    code: schoolCode,
    name: `${county.name}团校`,
    orgCode: countyCode,
    honoraryPrincipal: '县委副书记',
  });
  for (const [name, kind] of [
    ['县团委书记', '团干部'],
    ['县委党校讲师', '党员干部'],
    ['县第一中学思政教师', '教师'],
  ] as const) {
    await addTeacher(ctx, system, schoolCode, { name, kind });
  }
  const classCodes: string[] = [];
  for (const [i, days] of CLASS_DAYS.entries()) {
    const code = `${countyCode}-TK${String(i + 1).padStart(2, '0')}`;
    const titles = [
      '团的光荣历史',
      '团章学习',
      '习近平新时代中国特色社会主义思想青年读本',
      '团员的权利和义务',
      '入团誓词的内涵',
    ];
    await createClass(ctx, system, {
      code,
      title: titles[i]!,
      orgCode: countyCode,
      schoolCode,
      heldOn: day(days),
      hours: 2,
      teacher: '县团委宣传部',
      teacherKind: '团干部',
    });
    classCodes.push(code);
  }

  const ids: { id: number; idNumber: string; a: DemoApplicant }[] = [];
  for (const [i, a] of APPLICANTS.entries()) {
    const idNumber = makeIdNumber(regionCode, a.birth, 900 + i);
    const person = await createPerson(ctx, asBranch, {
      idNumber,
      name: a.name,
      politicalStatus: 'masses',
      orgCode: branch.code,
    } as NewPerson);
    ids.push({ id: person.id, idNumber, a });
    for (const code of classCodes.slice(0, a.classes)) {
      await recordAttendance(ctx, asBranch, code, { records: [{ personId: person.id, result: 'passed' }] });
    }
  }
  await importVolunteerHours(
    ctx,
    system,
    branch.code,
    ids.map((x) => x.idNumber),
    day,
  );

  for (const { id: personId, a } of ids) {
    const { id } = await applyForAdmission(ctx, asBranch, {
      personId,
      orgCode: branch.code,
      appliedOn: day(a.applied),
      civicsGrade: '优秀',
    });
    if (a.talk != null) await recordTalk(ctx, asBranch, id, { on: day(a.talk) });
    if (a.activist != null)
      await makeActivist(ctx, asBranch, id, {
        on: day(a.activist),
        recommendedBy: a.birth < '2009-01-01' ? 'member_recommendation' : 'pioneer_recommendation',
        mentorIds: [members[0]!],
      });
    if (a.candidate != null)
      await makeCandidate(ctx, asBranch, id, {
        on: day(a.candidate),
        publicityFrom: day(a.candidate - 1),
        publicityTo: day(a.candidate - 9),
        introducerIds: [members[1]!, members[2]!],
      });
    if (a.vote != null) {
      // Everyone on the branch's roster that day is expected; all but one come and vote yes.
      const roster = await countMembersOfOrgOn(ctx.db, branch.id, day(a.vote));
      await recordVote(ctx, asBranch, id, {
        on: day(a.vote),
        shouldAttend: roster,
        attended: roster - 1,
        yes: roster - 1,
      });
    }
    if (a.approve != null)
      await approveAdmission(ctx, asCommittee, id, { on: day(a.approve), acceptQuotaWarning: true });
    if (a.ceremony != null) await recordCeremony(ctx, asBranch, id, { on: day(a.ceremony) });
    if (a.end)
      await endAdmission(ctx, a.end.how === 'rejected' ? asCommittee : asBranch, id, a.end.how, {
        on: day(a.end.days),
        reason: a.end.reason,
      });
  }
  return APPLICANTS.length;
}

/** Four activities of 8 hours, 6 hours served by each applicant: 24 hours, inside the past 12 months. */
async function importVolunteerHours(
  ctx: AppContext,
  actor: Actor,
  orgCode: string,
  idNumbers: string[],
  day: (n: number) => string,
) {
  const dir = await mkdtemp(path.join(tmpdir(), 'tuanwu-admission-demo-'));
  try {
    const activities = [['活动编号', '活动名称', '服务类别', '组织编码', '开始时间', '结束时间']];
    const hours = [['活动编号', '身份证号', '服务时长']];
    for (const [i, days] of [330, 300, 260, 230].entries()) {
      const code = `${orgCode}-RZY${i + 1}`;
      activities.push([
        code,
        ['关爱留守儿童', '文明城市创建', '防溺水宣传', '敬老院服务'][i]!,
        '社区服务',
        orgCode,
        `${day(days)} 08:00`,
        `${day(days)} 16:00`,
      ]);
      for (const n of idNumbers) hours.push([code, n, '6']);
    }
    for (const [kind, rows] of [
      ['volunteer-activities', activities],
      ['volunteer-hours', hours],
    ] as const) {
      const file = path.join(dir, `${kind}.csv`);
      await writeFile(file, `${rows.map((r) => r.join(',')).join('\n')}\n`, 'utf8');
      await importFile(ctx, actor, kind, { path: file, name: `演示数据-${kind}.csv` }, { dryRun: false });
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
