import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AppContext } from '../context.ts';
import { ImportRefusedError } from '../lib/errors.ts';
import { type Actor, systemActor } from '../modules/auth/auth.policy.ts';
import { importFile } from '../modules/imports/imports.service.ts';
import { findRootOrg } from '../modules/orgs/orgs.repository.ts';
import { revokeOrg } from '../modules/orgs/orgs.service.ts';
import { createUser } from '../modules/users/users.service.ts';
import { DEMO_PASSWORD, demoAccounts, logDemoLogins } from './accounts.ts';
import { seedAdmissionDemo } from './admission.ts';
import { writeCsv } from './csv.ts';
import { orgRows } from './demo-org.ts';
import { seedLedgersDemo } from './ledgers.ts';
import { seedMembershipDemo } from './membership.ts';
import { seedPortalDemo } from './newsroom.ts';
import { seedNotificationsDemo } from './notifications.ts';
import { buildOrgTree, CITY_CODE } from './org-tree.ts';
import { buildPeople } from './people.ts';
import { buildPlaces, regionRows } from './places.ts';
import { createRandom } from './random.ts';
import { seedVolunteeringDemo } from './volunteering.ts';

/** The seed of the generator: change it and the whole demo city changes. */
const DEMO_SEED = 19220505;

export interface DemoSeedOutcome {
  regions: number;
  orgs: number;
  revoked: number;
  people: number;
  users: number;
  /** Warnings the imports reported: the demo is meant to have none. */
  warnings: number;
  milliseconds: number;
}

/**
 * Loads one import kind from generated rows through the platform's own import path (the same checks,
 * transaction and audit as a user's upload).
 */
async function importRows(
  ctx: AppContext,
  actor: Actor,
  dir: string,
  kind: string,
  name: string,
  rows: string[][],
) {
  const file = path.join(dir, name);
  await writeCsv(file, rows);
  try {
    return await importFile(ctx, actor, kind, { path: file, name }, { dryRun: false });
  } catch (error) {
    if (!(error instanceof ImportRefusedError)) throw error;
    const first = error.details.errors
      .slice(0, 5)
      .map((p) => `第${p.row}行「${p.column}」${p.value ?? ''}：${p.reason}`);
    throw new Error(`演示数据「${name}」导入失败：${first.join('；')}`);
  }
}

/**
 * Loads the demo city into a database without organisations: regions down to villages, the league's
 * organisations of every kind, level and domain in two counties, a few thousand people, and one user of
 * each kind (demo logins printed by `log`). A database that has organisations is left alone. The demo
 * is generated from a fixed seed, so it is the same on every run.
 */
export async function seedDemoIfEmpty(
  ctx: AppContext,
  log: (line: string) => void,
): Promise<DemoSeedOutcome | null> {
  if (await findRootOrg(ctx.db)) {
    await logDemoLogins(ctx, log);
    return null;
  }
  const started = performance.now();
  const random = createRandom(DEMO_SEED);
  const places = buildPlaces(random);
  const orgs = buildOrgTree(random, places);
  const people = buildPeople(random, orgs);
  const actor = systemActor('演示数据');
  const dir = await mkdtemp(path.join(tmpdir(), 'tuanwu-demo-'));
  const loaded = [];
  try {
    loaded.push(await importRows(ctx, actor, dir, 'regions', '演示数据-行政区划.csv', regionRows(places)));
    loaded.push(await importRows(ctx, actor, dir, 'orgs', '演示数据-团组织.csv', orgRows(orgs)));
    loaded.push(await importRows(ctx, actor, dir, 'people', '演示数据-人员信息.csv', people));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const revoked = orgs.filter((o) => o.revoke);
  for (const org of revoked) await revokeOrg(ctx, actor, org.code);
  const accounts = demoAccounts(orgs);
  for (const account of accounts) await createUser(ctx, actor, account);
  await seedAdmissionDemo(ctx, `${CITY_CODE}-A`);
  await seedLedgersDemo(ctx, `${CITY_CODE}-A`, DEMO_PASSWORD);
  await seedMembershipDemo(ctx, `${CITY_CODE}-A`, `${CITY_CODE}-B`);
  await seedVolunteeringDemo(ctx, `${CITY_CODE}-A`, DEMO_PASSWORD);
  await seedNotificationsDemo(
    ctx,
    accounts.filter((a) => !a.roles.includes('young_person')).map((a) => a.username),
  );
  // Last: its 《青春答卷》 pieces are drafted from the figures of every module's demo data above, so all
  // five leads carry figures (drafted first, only the organisations existed and one lead was written).
  const pieces = await seedPortalDemo(ctx, CITY_CODE, DEMO_PASSWORD);

  const [regions, orgCount, peopleCount] = loaded.map((l) => l.inserted) as [number, number, number];
  const outcome: DemoSeedOutcome = {
    regions,
    orgs: orgCount,
    revoked: revoked.length,
    people: peopleCount,
    users: accounts.length,
    warnings: loaded.reduce((sum, l) => sum + l.warnings.length, 0),
    milliseconds: Math.round(performance.now() - started),
  };
  log(
    `已载入演示数据：行政区划 ${regions} 个，团组织 ${orgCount} 个（其中已撤销 ${revoked.length} 个），` +
      `人员 ${peopleCount} 名，网站稿件 ${pieces} 篇，用时 ${(outcome.milliseconds / 1000).toFixed(1)} 秒`,
  );
  await logDemoLogins(ctx, log);
  return outcome;
}
