import { ForbiddenError, NotFoundError } from '../../lib/errors.ts';
import { ROLE_LABELS as SHARED_ROLE_LABELS } from '../../shared/labels.ts';

/** DESIGN.md "Access": the roles a user holds at his organisation; each reaches that organisation's subtree. */
export const ROLES = [
  'system_admin',
  'org_admin',
  'branch_secretary',
  'school_staff',
  'volunteer_organiser',
  'counsellor',
  'counselling_supervisor',
  'aid_officer',
  'portal_editor',
  'portal_reviewer',
  'young_person',
] as const;
export type Role = (typeof ROLES)[number];

/** Each role's Chinese name (src/shared/labels.ts, shared with the admin); the compiler checks that every role has one. */
export const ROLE_LABELS: Readonly<Record<Role, string>> = SHARED_ROLE_LABELS;

export type Permission =
  | 'org.read'
  | 'org.write'
  | 'person.read'
  | 'person.write'
  | 'person.reveal'
  /**
   * Find one person by his full name or 证件号码, to record something about him (an attendee, an aid recipient):
   * never a list to browse. For roles whose work names people but reads no roll (issue 17, item 8).
   */
  | 'person.lookup'
  | 'import.run'
  | 'audit.read'
  | 'user.manage'
  /** Grant the counsellor and counselling-supervisor roles (DESIGN.md: not the county admin whose staff the notes are about). */
  | 'user.grant_confidential'
  // Services (issue 6): cadres, venues, funds, internships; student aid; mental health.
  | 'service.read'
  | 'service.write'
  | 'aid.read'
  | 'aid.write'
  | 'counselling.read'
  | 'counselling.write'
  | 'consultation.write'
  /** Consultation notes: a counsellor his own, a supervisor all in his subtree (counselling.policy.ts). */
  | 'consultation.notes'
  | 'internship.apply'
  // The public site (issue 8): write pieces, approve them, run the site.
  | 'portal.edit'
  | 'portal.review'
  | 'portal.settings'
  // Volunteering (issue 5): read activities and hours; organise, record and confirm; a young person's own pages.
  | 'volunteer.read'
  | 'volunteer.write'
  | 'volunteer.self'
  /**
   * Read the people who volunteer in one's reach (registrants, those signed up or with hours), not the whole
   * roll: a volunteer organiser needs his volunteers, not the county's members and minors (issue 17, item 8).
   */
  | 'volunteer.people'
  /** A young person's own league records: the transfer he asked for. */
  | 'member.self'
  // 团校 and 团课 (issue 17, item 8): read classes and attendance; hold classes and take attendance; run a school.
  | 'school.read'
  | 'school.write'
  | 'school.manage';

/**
 * The county's rolls and ledgers — its people (minors among them), its cadre roster, its internship applicants —
 * and the running of the county: a staff role's (system_admin, org_admin, branch_secretary), never a narrow role's
 * (issue 17, item 8). A narrow role does one piece of work and names the person it is about (person.lookup) or
 * reads the people of that work (volunteer.people); the compiler refuses any of these in his list.
 */
export const STAFF_ONLY = [
  'org.write',
  'person.read',
  'person.write',
  'person.reveal',
  'audit.read',
  'user.manage',
  'user.grant_confidential',
  'service.read',
  'service.write',
] as const satisfies readonly Permission[];
type NarrowPermission = Exclude<Permission, (typeof STAFF_ONLY)[number]>;

/** The roles that do one piece of work: school staff, volunteering, counselling, aid, the site, a young person. */
export const NARROW_ROLES = [
  'school_staff',
  'volunteer_organiser',
  'counsellor',
  'counselling_supervisor',
  'aid_officer',
  'portal_editor',
  'portal_reviewer',
  'young_person',
] as const satisfies readonly Role[];
type NarrowRole = (typeof NARROW_ROLES)[number];

const STAFF_READ: Permission[] = ['org.read', 'person.read'];

const VOLUNTEER_ADMIN: NarrowPermission[] = ['volunteer.read', 'volunteer.write'];

const SCHOOL_ADMIN: NarrowPermission[] = ['school.read', 'school.write', 'school.manage'];

const SERVICE_ADMIN: Permission[] = [
  'service.read',
  'service.write',
  'aid.read',
  'aid.write',
  'counselling.read',
  'counselling.write',
];

const ROLE_PERMISSIONS: { [R in Role]: R extends NarrowRole ? NarrowPermission[] : Permission[] } = {
  system_admin: [
    'org.read',
    'org.write',
    'person.read',
    'person.write',
    'person.reveal',
    'import.run',
    'audit.read',
    'user.manage',
    'user.grant_confidential',
    ...SERVICE_ADMIN,
    ...VOLUNTEER_ADMIN,
    ...SCHOOL_ADMIN,
    'portal.edit',
    'portal.review',
    'portal.settings',
  ],
  org_admin: [
    'org.read',
    'org.write',
    'person.read',
    'person.write',
    'person.reveal',
    'import.run',
    'audit.read',
    'user.manage',
    ...SERVICE_ADMIN,
    ...VOLUNTEER_ADMIN,
    ...SCHOOL_ADMIN,
    // A committee sends its own pieces (its 青春答卷) to the site; approving them is the reviewers' job.
    'portal.edit',
    'portal.settings',
  ],
  branch_secretary: [
    ...STAFF_READ,
    'person.write',
    'import.run',
    'service.read',
    'volunteer.read',
    // He holds his branch's 团课 and takes his people's attendance in classes held above.
    'school.read',
    'school.write',
  ],
  // A school's clerk names his attendees; the county's roll, its minors, its admissions and its ledgers (the cadre
  // roster, internship applicants) are not his work.
  school_staff: ['org.read', 'person.lookup', ...SCHOOL_ADMIN, 'import.run'],
  // An organiser reads his volunteers, not the county's roll or its ledgers.
  volunteer_organiser: ['org.read', 'volunteer.people', 'import.run', ...VOLUNTEER_ADMIN],
  counsellor: ['org.read', 'counselling.read', 'consultation.write', 'consultation.notes'],
  counselling_supervisor: [
    'org.read',
    'counselling.read',
    'counselling.write',
    'consultation.write',
    'consultation.notes',
  ],
  // An aid officer names the student a grant goes to; he reads no roll and no ledger but 助学's.
  aid_officer: ['org.read', 'person.lookup', 'import.run', 'aid.read', 'aid.write'],
  portal_editor: ['org.read', 'portal.edit'],
  // Reviewers edit too: they correct a piece before approving it rather than returning it for a typo.
  portal_reviewer: ['org.read', 'portal.edit', 'portal.review'],
  young_person: ['internship.apply', 'volunteer.self', 'member.self'],
};

export function permissionsOf(roles: readonly Role[]): Permission[] {
  return [...new Set(roles.flatMap((r) => ROLE_PERMISSIONS[r]))].sort();
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** The signed-in user as services see him. */
export interface Actor {
  userId: number;
  username: string;
  displayName: string;
  orgId: number;
  orgCode: string;
  orgName: string;
  orgLevel: string;
  orgPath: string;
  /** The subtree this user reaches; `/` for a system administrator. */
  scopePath: string;
  roles: Role[];
  permissions: ReadonlySet<Permission>;
  ip: string | null;
}

/** The command line acts as the system administrator (IMPORT-SPEC.md "scope"). */
export function systemActor(label = '命令行'): Actor {
  return {
    userId: 0,
    username: 'cli',
    displayName: label,
    orgId: 0,
    orgCode: '',
    orgName: '',
    orgLevel: '',
    orgPath: '/',
    scopePath: '/',
    roles: ['system_admin'],
    permissions: new Set(permissionsOf(['system_admin'])),
    ip: null,
  };
}

export function can(actor: Actor, permission: Permission): boolean {
  return actor.permissions.has(permission);
}

export function reaches(actor: Actor, path: string): boolean {
  return path.startsWith(actor.scopePath);
}

export function assertCan(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) throw new ForbiddenError('无权执行此操作：您的角色没有该权限');
}

/**
 * For what the caller named himself (an org in a list's query, an org in a form): 403. A record a route names
 * by :id, :code or :number goes through findInReach instead, which answers 404.
 */
export function assertReaches(actor: Actor, path: string): void {
  if (!reaches(actor, path)) throw new ForbiddenError();
}

/** A committee's records (a campaign, a class) are seen by its subtree and by those below it. */
export function seesFromBelow(actor: Actor, path: string): boolean {
  return path.startsWith(actor.scopePath) || actor.scopePath.startsWith(path);
}

/**
 * The one way a route loads the record it names by :id, :code or :number: loaded, then checked against the
 * caller's reach, and out of reach answered exactly as missing (404, the same message) — a 403 would tell a user
 * of one county which records exist in another (issue 12). `reach` gives the record's org path (checked with
 * reaches()) or decides itself (a record seen from two sides). The route walk holds every route to it
 * (src/server/scope.integration.test.ts, 'answers a record out of reach exactly as a missing one').
 */
export async function findInReach<T>(
  actor: Actor,
  found: Promise<T | null | undefined> | T | null | undefined,
  reach: (row: T) => string | boolean,
  notFound: string,
): Promise<T> {
  const row = await found;
  if (row == null) throw new NotFoundError(notFound);
  const r = reach(row);
  if (typeof r === 'string' ? !reaches(actor, r) : !r) throw new NotFoundError(notFound);
  return row;
}
