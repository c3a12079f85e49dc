import { ForbiddenError } from '../../lib/errors.ts';
import { type Actor, assertCan, can, type Permission } from '../auth/auth.policy.ts';

/**
 * The permissions an import kind may declare for its rows, each with the words a refusal names it by. A kind
 * declares one (ImportKind.permission), so a kind cannot be added without saying who may write its rows, and a
 * permission no kind used before needs its words here first (issue 17, item 8).
 */
export const IMPORT_PERMISSION_LABELS = {
  'org.write': '维护团组织',
  'person.write': '维护团员和青年信息',
  'service.write': '维护服务台账',
  'aid.write': '维护助学台账',
  'counselling.write': '维护心理健康台账',
  'volunteer.write': '组织志愿服务',
  // The schools routes' writes ask the same: 设立团校 school.manage, 登记团课 and 记录考勤 school.write.
  'school.manage': '设立团校',
  'school.write': '登记团课和考勤',
} as const satisfies Partial<Record<Permission, string>>;

export type ImportPermission = keyof typeof IMPORT_PERMISSION_LABELS;

/** What the policy reads of a kind: its name, and who may write its rows. */
export interface ImportGate {
  label: string;
  permission: ImportPermission;
  /**
   * Base data the whole system shares (行政区划): only a user who reaches the whole tree (the system
   * administrator, and the command line acting as him) imports it; a county's administrator never could.
   */
  wholeTree?: boolean;
}

const WHOLE_TREE = '是全市共用的基础数据，只有系统管理员可以导入';

/** Why the actor may not import this kind, or null when he may: the role's import right, then the rows' own. */
function refusal(actor: Actor, kind: ImportGate): string | null {
  if (!can(actor, 'import.run')) return '无权执行此操作：您的角色没有该权限';
  if (!can(actor, kind.permission))
    return `无权导入「${kind.label}」：需要“${IMPORT_PERMISSION_LABELS[kind.permission]}”的权限，您的角色没有`;
  if (kind.wholeTree && actor.scopePath !== '/')
    return `无权导入「${kind.label}」：${kind.label}${WHOLE_TREE}`;
  return null;
}

export function mayImport(actor: Actor, kind: ImportGate): boolean {
  return refusal(actor, kind) === null;
}

/**
 * Every way into an import (the upload, its dry run, the queue, the mapping step, the template, saved mappings)
 * passes here before it reads a byte of the file or writes a row: a refusal changes nothing.
 */
export function assertMayImport(actor: Actor, kind: ImportGate): void {
  assertCan(actor, 'import.run');
  const reason = refusal(actor, kind);
  if (reason) throw new ForbiddenError(reason);
}
