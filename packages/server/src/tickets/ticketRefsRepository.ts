import type { Executor } from '../db/transaction.js';

/** Names a ticket view refers to, read in batches. */
export async function userNamesOf(db: Executor, accountId: string, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'name'])
    .where('account_id', '=', accountId)
    .where('id', 'in', unique)
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function teamNamesOf(db: Executor, accountId: string, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .selectFrom('teams')
    .select(['id', 'name'])
    .where('account_id', '=', accountId)
    .where('id', 'in', unique)
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function contactNamesOf(db: Executor, accountId: string, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .selectFrom('contacts')
    .select(['id', 'name'])
    .where('account_id', '=', accountId)
    .where('id', 'in', unique)
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Active users of the workspace among `ids`, with their roles: who may be assigned, watch or be mentioned. */
export function activeUsersOf(db: Executor, accountId: string, ids: string[]) {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('users')
    .select(['id', 'name', 'role'])
    .where('account_id', '=', accountId)
    .where('status', '=', 'active')
    .where('id', 'in', unique)
    .execute();
}

/** Users with a role among `roles`: approvers to ask for a decision. */
export function activeUsersWithRoles(db: Executor, accountId: string, roles: string[]) {
  return db
    .selectFrom('users')
    .select(['id', 'name', 'role'])
    .where('account_id', '=', accountId)
    .where('status', '=', 'active')
    .where('role', 'in', roles)
    .execute();
}

export function teamMemberIds(db: Executor, teamId: string) {
  return db
    .selectFrom('team_members')
    .innerJoin('users', 'users.id', 'team_members.user_id')
    .select('team_members.user_id')
    .where('team_members.team_id', '=', teamId)
    .where('users.status', '=', 'active')
    .execute()
    .then((rows) => rows.map((r) => r.user_id));
}
