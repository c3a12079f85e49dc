import { type Kysely, sql } from 'kysely';
import { recordAudit } from '../../modules/audit/audit.service.ts';
import type { Db } from '../create-db.ts';

/**
 * Usernames are one name whatever their case (issue 12: `ADMIN` beside `admin` passes for the administrator in
 * lists and the audit log). Names stored before that differ only in case are told apart first: the oldest
 * account (lowest id) keeps its name, each later one becomes `<name>-<id>` (with `-2`, `-3`… if even that is
 * taken), and each renaming is audited. Then a unique index on lower(username) holds it.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not as typed now
export async function up(db: Kysely<any>): Promise<void> {
  const users: { id: number; username: string; org_path: string; org_code: string }[] = await db
    .selectFrom('users')
    .innerJoin('orgs', 'orgs.id', 'users.org_id')
    .select(['users.id', 'users.username', 'orgs.path as org_path', 'orgs.code as org_code'])
    .orderBy('users.id')
    .execute();
  const taken = new Set(users.map((u) => u.username.toLowerCase()));
  const keeper = new Map<string, string>();
  for (const u of users) {
    const key = u.username.toLowerCase();
    const kept = keeper.get(key);
    if (kept === undefined) {
      keeper.set(key, u.username);
      continue;
    }
    let name = `${u.username}-${u.id}`;
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${u.username}-${u.id}-${n}`;
    taken.add(name.toLowerCase());
    await db.updateTable('users').set({ username: name }).where('id', '=', u.id).execute();
    await recordAudit(db as Db, null, {
      action: 'update',
      entity: 'user',
      entityId: u.id,
      org: { path: u.org_path, code: u.org_code },
      summary: `用户名 ${u.username} 与 ${kept} 仅大小写不同，改为 ${name}（迁移：用户名不再区分大小写）`,
    });
  }
  await sql`create unique index users_username_lower on users (lower(username))`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: as above
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index users_username_lower`.execute(db);
}
