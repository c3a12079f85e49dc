import type { AppContext } from '../context.ts';
import { ROLE_LABELS, type Role } from '../modules/auth/auth.policy.ts';
import { findOrgByCode } from '../modules/orgs/orgs.repository.ts';
import { findRoles, findUserByUsername } from '../modules/users/users.repository.ts';
import type { NewUser } from '../modules/users/users.service.ts';
import type { DemoOrg } from './demo-org.ts';
import { CITY_CODE, CITY_NAME } from './org-tree.ts';

/** The one password of every demo account; printed on the console, so never use the demo in production. */
export const DEMO_PASSWORD = 'Demo@2026';

const ACCOUNT_NAMES = [
  'admin',
  'city_admin',
  'donghu_admin',
  'xiling_admin',
  'branch_sec',
  'dh_school',
  // The website's newsroom (newsroom.ts).
  'city_reviewer',
  'donghu_editor',
  'xiling_editor',
  // The service ledgers (ledgers.ts).
  'counsellor',
  'dh_supervisor',
  'aid_officer',
  'student',
  // The volunteering demo (volunteering.ts).
  'volunteer_org',
] as const;

/**
 * One account per kind of user worth trying: the system administrator, the city committee's and each
 * county committee's administrator, and the secretary of a village branch of the first county.
 */
export function demoAccounts(orgs: readonly DemoOrg[]): NewUser[] {
  const village = orgs.find(
    (o) =>
      o.domain === '村社区' && o.code.startsWith(`${CITY_CODE}-A-`) && o.unitName?.endsWith('村民委员会'),
  );
  const user = (username: string, displayName: string, orgCode: string, role: Role): NewUser => ({
    username,
    password: DEMO_PASSWORD,
    displayName,
    orgCode,
    roles: [role],
  });
  return [
    user('admin', '系统管理员', CITY_CODE, 'system_admin'),
    user('city_admin', '市团委管理员', CITY_CODE, 'org_admin'),
    user('donghu_admin', '东湖县团委管理员', `${CITY_CODE}-A`, 'org_admin'),
    user('xiling_admin', '西岭县团委管理员', `${CITY_CODE}-B`, 'org_admin'),
    user('branch_sec', '村团支部书记', village!.code, 'branch_secretary'),
    // The first county's 团校 (admission.ts sets it up): its classes, teachers and attendance.
    user('dh_school', '东湖县团校工作人员', `${CITY_CODE}-A`, 'school_staff'),
  ];
}

/**
 * Prints the demo accounts, with role and organisation, when the database holds the demo city; a real
 * city's database may have an `admin` too, and its password is not ours to announce.
 */
export async function logDemoLogins(ctx: AppContext, log: (line: string) => void): Promise<void> {
  if ((await findOrgByCode(ctx.db, CITY_CODE))?.name !== CITY_NAME) return;
  const lines: string[] = [];
  for (const username of ACCOUNT_NAMES) {
    const found = await findUserByUsername(ctx.db, username);
    if (!found) continue;
    const roles = (await findRoles(ctx.db, found.id)).map((r) => ROLE_LABELS[r as Role] ?? r).join('、');
    lines.push(`  ${username.padEnd(14)}${roles.padEnd(6, '　')}  ${found.org_name}（${found.org_code}）`);
  }
  if (lines.length === 0) return;
  log(`演示账号（密码均为 ${DEMO_PASSWORD}）：`);
  for (const line of lines) log(line);
  // The password above is public: listening on every interface lets anyone on the network sign in as admin.
  if (!LOOPBACK.has(ctx.config.host))
    log(
      `  提示：演示密码公开，当前监听 ${ctx.config.host}，局域网内任何人都能登录；仅本机试用请用 HOST=127.0.0.1 npm start`,
    );
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);
