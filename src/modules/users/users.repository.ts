import { sql } from 'kysely';
import type { Db } from '../../db/create-db.ts';

const userColumns = [
  'users.id',
  'users.username',
  'users.password_hash',
  'users.display_name',
  'users.status',
  'users.must_change_password',
  'users.org_id',
  'orgs.code as org_code',
  'orgs.name as org_name',
  'orgs.level as org_level',
  'orgs.path as org_path',
] as const;

export type UserRecord = Awaited<ReturnType<typeof findUserByUsername>> & {};

/** The account of a name whatever its case (`ADMIN` is `admin`: migration 20261203000200's index holds it). */
export async function findUserByUsername(db: Db, username: string) {
  return db
    .selectFrom('users')
    .innerJoin('orgs', 'orgs.id', 'users.org_id')
    .select(userColumns)
    .where(sql`lower(users.username)`, '=', sql<string>`lower(${username})`)
    .executeTakeFirst();
}

export async function findUserById(db: Db, id: number) {
  return db
    .selectFrom('users')
    .innerJoin('orgs', 'orgs.id', 'users.org_id')
    .select(userColumns)
    .where('users.id', '=', id)
    .executeTakeFirst();
}

export async function findRoles(db: Db, userId: number): Promise<string[]> {
  const rows = await db.selectFrom('user_roles').select('role').where('user_id', '=', userId).execute();
  return rows.map((r) => r.role);
}

export async function findUsersInScope(db: Db, scopePath: string) {
  const users = await db
    .selectFrom('users')
    .innerJoin('orgs', 'orgs.id', 'users.org_id')
    .select(userColumns)
    .where('orgs.path', 'like', `${scopePath}%`)
    .orderBy('orgs.path')
    .orderBy('users.username')
    .execute();
  const roles = users.length
    ? await db
        .selectFrom('user_roles')
        .select(['user_id', 'role'])
        .where(
          'user_id',
          'in',
          users.map((u) => u.id),
        )
        .execute()
    : [];
  return users.map((u) => ({ ...u, roles: roles.filter((r) => r.user_id === u.id).map((r) => r.role) }));
}

export async function insertUser(
  db: Db,
  user: {
    username: string;
    passwordHash: string;
    displayName: string;
    orgId: number;
    personId?: number | null;
    /** `pending` for a young person's own registration, until an organiser confirms it. */
    status?: 'active' | 'pending';
    now: string;
  },
  roles: string[],
): Promise<number> {
  const { id } = await db
    .insertInto('users')
    .values({
      username: user.username,
      password_hash: user.passwordHash,
      display_name: user.displayName,
      org_id: user.orgId,
      person_id: user.personId ?? null,
      status: user.status ?? 'active',
      created_at: user.now,
      updated_at: user.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('user_roles')
    .values(roles.map((role) => ({ user_id: id, role })))
    .execute();
  return id;
}

/** The person an account is linked to, or null (an account not yet linked, or none). */
export async function findPersonIdOfUser(db: Db, userId: number): Promise<number | null> {
  const row = await db.selectFrom('users').select('person_id').where('id', '=', userId).executeTakeFirst();
  return row?.person_id ?? null;
}

/** A pending account made active and linked to its person. */
export async function activateUser(db: Db, id: number, personId: number, now: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ person_id: personId, status: 'active', updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function findUserByPerson(db: Db, personId: number) {
  return db
    .selectFrom('users')
    .select(['id', 'username'])
    .where('person_id', '=', personId)
    .executeTakeFirst();
}

export async function replaceRoles(db: Db, userId: number, roles: string[]): Promise<void> {
  await db.deleteFrom('user_roles').where('user_id', '=', userId).execute();
  await db
    .insertInto('user_roles')
    .values(roles.map((role) => ({ user_id: userId, role })))
    .execute();
}

export async function updatePassword(
  db: Db,
  id: number,
  change: { passwordHash: string; mustChange: boolean; now: string },
): Promise<void> {
  await db
    .updateTable('users')
    .set({
      password_hash: change.passwordHash,
      must_change_password: change.mustChange ? 1 : 0,
      password_changed_at: change.now,
      updated_at: change.now,
    })
    .where('id', '=', id)
    .execute();
}

export async function setUserStatus(
  db: Db,
  id: number,
  status: 'active' | 'disabled',
  now: string,
): Promise<void> {
  await db.updateTable('users').set({ status, updated_at: now }).where('id', '=', id).execute();
}
