import { ValidationError } from '../../lib/errors.ts';
import type { Actor } from '../auth/auth.policy.ts';
import type { OrgLevel } from './orgs.labels.ts';

/**
 * The words that name a committee's level (县团委, 示例市团委, 共青团某省委员会), from each level up. A county
 * admin may found township committees and school branches, but nothing called like a county or city
 * committee: such a name passes for a neighbour's or a superior's committee in lists, reports and letters.
 */
const LEVEL_WORDS: Record<OrgLevel | 'province', string[]> = {
  grassroots: ['村', '社区'],
  township: ['镇', '乡', '街道'],
  county: ['县', '区', '旗'],
  city: ['市', '州', '盟', '地区'],
  province: ['省', '自治区'],
};
const RANKS: (OrgLevel | 'province')[] = ['grassroots', 'township', 'county', 'city', 'province'];

function committeePattern(actorLevel: string): RegExp | null {
  const from = RANKS.indexOf(actorLevel as OrgLevel);
  if (from < 0) return null;
  const words = RANKS.slice(from).flatMap((level) => LEVEL_WORDS[level]);
  return new RegExp(`(${words.join('|')})\\s*(团委|委员会)`);
}

/** Why the actor may not give an org this name, or null: the API and the import ask the same question. */
export function lookAlikeNameProblem(actor: Actor, name: string | undefined): string | null {
  if (name === undefined || actor.scopePath === '/') return null;
  return committeePattern(actor.orgLevel)?.test(name)
    ? '组织名称不能冒用本级或上级团委的名称，请以本组织的实际名称登记'
    : null;
}

/** A name may not imitate a committee of the actor's own level or above (the system administrator excepted). */
export function assertNameFitsReach(actor: Actor, name: string | undefined): void {
  const problem = lookAlikeNameProblem(actor, name);
  if (problem) throw ValidationError.field('name', name, problem);
}

/** The changes to his own root an admin may not make, with why: the API and the import ask the same question. */
export function ownRootProblems(
  actor: Actor,
  org: { path: string },
  changes: { name?: string; level?: string; kind?: string },
): { field: 'level' | 'kind' | 'name'; reason: string }[] {
  if (actor.scopePath === '/' || org.path !== actor.scopePath) return [];
  return (
    [
      ['level', '层级'],
      ['kind', '类型'],
      ['name', '名称'],
    ] as const
  )
    .filter(([field]) => changes[field] !== undefined)
    .map(([field, label]) => ({ field, reason: `不能修改本组织的${label}，请由上级组织办理` }));
}

/** An admin's own organisation is placed, named and ranked by the level above it, not by himself. */
export function assertNotOwnRoot(
  actor: Actor,
  org: { path: string },
  changes: { name?: string; level?: string; kind?: string },
): void {
  const [first] = ownRootProblems(actor, org, changes);
  if (first) throw ValidationError.field(first.field, changes[first.field], first.reason);
}
