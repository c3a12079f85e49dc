import type { AppContext } from '../context.ts';
import type { Db } from '../db/create-db.ts';
import { addDays, today } from '../lib/dates.ts';
import { createDonation, createGrant } from '../modules/aid/aid.service.ts';
import { type Actor, permissionsOf, systemActor } from '../modules/auth/auth.policy.ts';
import { createPost as appointCadre } from '../modules/cadres/cadres.service.ts';
import { createConsultation } from '../modules/counselling/consultations.service.ts';
import { createCounsellor, createOutreach } from '../modules/counselling/counselling.service.ts';
import { createFund } from '../modules/funds/funds.service.ts';
import { createPlacement, createPost as publishPost } from '../modules/internships/internships.service.ts';
import { findOrgByCode } from '../modules/orgs/orgs.repository.ts';
import { createUser } from '../modules/users/users.service.ts';
import { createVenue } from '../modules/venues/venues.service.ts';

const day = (n: number) => addDays(today(), -n);

/**
 * The service ledgers of one county, entered through the services as its staff would: cadres, youth homes in
 * villages of most townships, funds, donations and grants within the balance, counsellors with outreach and
 * consultations (notes sealed), internship posts and placements; plus a counsellor, a supervisor, an aid
 * officer and a student account to try them with.
 */
export async function seedLedgersDemo(ctx: AppContext, countyCode: string, password: string): Promise<void> {
  const actor: Actor = systemActor('演示数据');
  const county = await findOrgByCode(ctx.db, countyCode);
  if (!county) return;
  const orgs = await ctx.db
    .selectFrom('orgs')
    .select(['id', 'code', 'name', 'level', 'kind', 'path', 'region_id'])
    .where('path', 'like', `${county.path}%`)
    .where('status', '=', 'active')
    .orderBy('path')
    .execute();
  const townships = orgs.filter((o) => o.level === 'township');
  const countyRegion = await ctx.db
    .selectFrom('regions')
    .select('path')
    .where('id', '=', county.region_id)
    .executeTakeFirstOrThrow();
  const places = await ctx.db
    .selectFrom('regions')
    .select(['id', 'code', 'name', 'level', 'path', 'parent_id'])
    .where('path', 'like', `${countyRegion.path}%`)
    .where('level', 'in', ['township', 'village'])
    .orderBy('code')
    .execute();
  const people = await ctx.db
    .selectFrom('people')
    .select(['id', 'name', 'id_number_enc', 'birth_date'])
    .where('scope_path', 'like', `${county.path}%`)
    .orderBy('id')
    .limit(80)
    .execute();
  const idOf = (i: number) => ctx.cipher.decrypt(people[i % people.length]!.id_number_enc);
  let next = 0;
  const someone = () => idOf(next++);

  // 团干部: the county's team, and a secretary (half with a college-student deputy) in each township.
  await appointCadre(ctx, actor, {
    idNumber: someone(),
    orgCode: county.code,
    title: 'secretary',
    mode: 'full_time',
    source: '县直单位',
    startedOn: day(900),
  });
  await appointCadre(ctx, actor, {
    idNumber: someone(),
    orgCode: county.code,
    title: 'deputy_secretary',
    mode: 'seconded',
    source: '县直单位',
    startedOn: day(400),
  });
  await appointCadre(ctx, actor, {
    idNumber: someone(),
    orgCode: county.code,
    title: 'deputy_secretary',
    mode: 'part_time',
    source: '非公企业',
    startedOn: day(600),
  });
  for (const [i, t] of townships.entries()) {
    if (i === townships.length - 1) continue; // one township left without a secretary: a vacancy to remind of
    await appointCadre(ctx, actor, {
      idNumber: someone(),
      orgCode: t.code,
      title: 'secretary',
      mode: 'full_time',
      source: '乡镇街道',
      startedOn: day(1700 - i * 30),
    });
    if (i % 2 === 0)
      await appointCadre(ctx, actor, {
        idNumber: someone(),
        orgCode: t.code,
        title: 'deputy_secretary',
        mode: 'part_time',
        source: '大学生',
        startedOn: day(200),
      });
  }

  // 阵地: youth homes in a village of most townships; one 青翼家园.
  const townshipPlaces = places.filter((p) => p.level === 'township');
  for (const [i, tp] of townshipPlaces.entries()) {
    if (i % 4 === 3) continue;
    const village = places.find((p) => p.parent_id === tp.id) ?? tp;
    await createVenue(ctx, actor, {
      name: `${village.name}青年之家`,
      kind: 'youth_home',
      regionCode: village.code,
      orgCode: townships[i % townships.length]?.code ?? county.code,
      openedOn: day(800 - i * 40),
    });
  }
  if (townshipPlaces[0])
    await createVenue(ctx, actor, {
      name: `${townshipPlaces[0].name}青翼家园`,
      kind: 'qingyi_home',
      regionCode: townshipPlaces[0].code,
      orgCode: county.code,
      openedOn: day(300),
    });

  // 经费 and 助学 (grants stay within what was donated).
  await createFund(ctx, actor, {
    program: '心理健康',
    source: '财政拨款',
    amount: 30000,
    receivedOn: day(200),
    orgCode: county.code,
    purpose: '青少年心理健康服务',
  });
  await createFund(ctx, actor, {
    program: '青年之家',
    source: '社会募集',
    amount: 12000,
    receivedOn: day(150),
    orgCode: county.code,
    purpose: '青年之家运营',
  });
  await createDonation(ctx, actor, {
    donor: '同心食品有限公司',
    donorKind: '单位',
    amount: 20000,
    donatedOn: day(180),
    program: '助学',
    orgCode: county.code,
  });
  await createDonation(ctx, actor, {
    donor: '张建国',
    donorKind: '个人',
    amount: 3000,
    donatedOn: day(120),
    program: '助学',
    orgCode: county.code,
  });
  await createDonation(ctx, actor, {
    donor: '县爱心协会',
    donorKind: '单位',
    amount: 8000,
    donatedOn: day(100),
    program: '心理健康',
    orgCode: county.code,
  });
  for (let i = 0; i < 6; i++)
    await createGrant(ctx, actor, {
      idNumber: someone(),
      amount: 2000,
      grantedOn: day(90 - i),
      program: '助学',
      orgCode: townships[i % townships.length]?.code ?? county.code,
      reason: i % 2 ? '家庭经济困难' : '因病致困',
      school: i % 2 ? '县第一中学' : '县职业中专',
    });

  // 心理健康: two counsellors, outreach in villages, consultations with sealed notes.
  const counsellorPeople = [people[next++]!, people[next++]!];
  for (const [i, p] of counsellorPeople.entries())
    await createCounsellor(ctx, actor, {
      idNumber: ctx.cipher.decrypt(p.id_number_enc),
      orgCode: county.code,
      certificate: '心理咨询师（三级）',
      certificateNo: `XL${2024001 + i}`,
      joinedOn: day(700),
    });
  const villages = places.filter((p) => p.level === 'village');
  for (let i = 0; i < 5; i++) {
    const v = villages[(i * 7) % villages.length]!;
    await createOutreach(ctx, actor, {
      title: `心理健康进村讲座（${v.name}）`,
      heldOn: day(160 - i * 20),
      regionCode: v.code,
      orgCode: county.code,
      reach: 30 + i * 8,
    });
  }
  for (const [username, displayName, role] of [
    ['counsellor', '心理咨询师', 'counsellor'],
    ['dh_supervisor', '心理督导', 'counselling_supervisor'],
    ['aid_officer', '助学工作人员', 'aid_officer'],
  ] as const)
    await createUser(ctx, actor, { username, password, displayName, orgCode: county.code, roles: [role] });
  await linkAccountToPerson(ctx.db, 'counsellor', counsellorPeople[0]!.id);
  const first = await ctx.db
    .selectFrom('users')
    .select('id')
    .where('username', '=', 'counsellor')
    .executeTakeFirstOrThrow();
  // The consultations are the counsellor's own: only he (and the supervisor) may read their notes.
  const asCounsellor: Actor = {
    ...actor,
    userId: first.id,
    username: 'counsellor',
    roles: ['counsellor'],
    permissions: new Set(permissionsOf(['counsellor'])),
  };
  for (let i = 0; i < 8; i++)
    await createConsultation(ctx, asCounsellor, {
      heldOn: day(140 - i * 12),
      clientRef: `LF${String(i + 1).padStart(5, '0')}`,
      channel: (['面询', '电话', '网络'] as const)[i % 3]!,
      risk: i % 5 === 0 ? 'high' : i % 2 ? 'low' : 'medium',
      orgCode: county.code,
      notes: `第${i + 1}次咨询记录（演示）：来访者讲述学业压力，约定两周后复谈。`,
    });

  // 实习: posts of the three programmes, placements within their slots, and a student account.
  const programs = ['大学生向基层报到', '扬帆计划', '三下乡'] as const;
  for (const [i, program] of programs.entries()) {
    const post = await publishPost(ctx, actor, {
      title: `${program}实习岗位`,
      employer: townships[i]?.name ?? county.name,
      program,
      slots: 3,
      startsOn: day(60 - i * 30),
      endsOn: day(-60),
      orgCode: county.code,
    });
    for (let k = 0; k < 2; k++) await createPlacement(ctx, actor, post.id, { idNumber: someone() });
  }
  const studentOrg = orgs.find((o) => o.level === 'grassroots') ?? county;
  await createUser(ctx, actor, {
    username: 'student',
    password,
    displayName: '返乡大学生',
    orgCode: studentOrg.code,
    roles: ['young_person'],
  });
  await linkAccountToPerson(ctx.db, 'student', people[next++]!.id);
}

/**
 * Links an account to the person it stands for. The users module has no such action yet; the demo uses this so
 * its counsellor and young person can be tried.
 */
async function linkAccountToPerson(db: Db, username: string, personId: number): Promise<void> {
  await db.updateTable('users').set({ person_id: personId }).where('username', '=', username).execute();
}
