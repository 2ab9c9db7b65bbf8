import type { Role } from '@kefu/shared';
import { type SqlBool, sql } from 'kysely';
import type { UsersTable } from '../db/schema.js';
import type { Executor } from '../db/transaction.js';

export type UserRow = UsersTable;

export interface NewUser {
  id: string;
  accountId: string;
  email: string;
  name: string;
  role: Role;
  status: 'active' | 'invited';
  locale: string;
  passwordHash: string | null;
  now: number;
}

export async function insertUser(db: Executor, u: NewUser): Promise<void> {
  await db
    .insertInto('users')
    .values({
      id: u.id,
      account_id: u.accountId,
      email: u.email,
      name: u.name,
      role: u.role,
      status: u.status,
      locale: u.locale,
      password_hash: u.passwordHash,
      failed_logins: 0,
      locked_until: null,
      last_sign_in_at: null,
      created_at: u.now,
      updated_at: u.now,
    })
    .execute();
}

export function findUser(db: Executor, accountId: string, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
}

/** Emails are unique across workspaces: one email signs in to one workspace. */
export function findUserByEmail(db: Executor, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

export interface UserFilter {
  q?: string | undefined;
  role?: Role | undefined;
  status?: string | undefined;
}

export function listUsers(db: Executor, accountId: string, filter: UserFilter = {}): Promise<UserRow[]> {
  let q = db.selectFrom('users').selectAll().where('account_id', '=', accountId);
  if (filter.role) q = q.where('role', '=', filter.role);
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.q) {
    const like = `%${filter.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    // SQLite has no default LIKE escape character, so name it: `_` and `%` in the search are literal on both databases.
    q = q.where((eb) =>
      eb.or([
        sql<SqlBool>`lower(${eb.ref('name')}) like ${like} escape '\\'`,
        sql<SqlBool>`${eb.ref('email')} like ${like} escape '\\'`,
      ]),
    );
  }
  return q.orderBy('name').orderBy('id').execute();
}

export async function countActiveAdmins(db: Executor, accountId: string): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', accountId)
    .where('role', '=', 'admin')
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function updateUser(
  db: Executor,
  accountId: string,
  id: string,
  changes: Partial<
    Pick<
      UserRow,
      'name' | 'role' | 'status' | 'locale' | 'password_hash' | 'failed_logins' | 'locked_until' | 'last_sign_in_at'
    >
  >,
  now: number,
): Promise<void> {
  await db
    .updateTable('users')
    .set({ ...changes, updated_at: now })
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .execute();
}

/** Counts a failed sign-in atomically, so parallel attempts cannot slip past the lock-out. */
export async function incrementFailedLogins(db: Executor, id: string): Promise<number> {
  await db
    .updateTable('users')
    .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) }))
    .where('id', '=', id)
    .execute();
  const row = await db.selectFrom('users').select('failed_logins').where('id', '=', id).executeTakeFirstOrThrow();
  return row.failed_logins;
}

export async function teamIdsByUser(
  db: Executor,
  accountId: string,
  userIds: string[],
): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (userIds.length === 0) return map;
  const rows = await db
    .selectFrom('team_members')
    .select(['user_id', 'team_id'])
    .where('account_id', '=', accountId)
    .where('user_id', 'in', userIds)
    .orderBy('team_id')
    .execute();
  for (const r of rows) map.set(r.user_id, [...(map.get(r.user_id) ?? []), r.team_id]);
  return map;
}
