import type { TeamsTable } from '../db/schema.js';
import type { Executor } from '../db/transaction.js';

export type TeamRow = TeamsTable;

/** A new team has no chat limit unless given one, and no chats in progress. */
export async function insertTeam(
  db: Executor,
  t: Omit<TeamRow, 'chat_limit' | 'active_chats'> & { chat_limit?: number | null },
): Promise<void> {
  await db
    .insertInto('teams')
    .values({ chat_limit: null, ...t, active_chats: 0 })
    .execute();
}

export function findTeam(db: Executor, accountId: string, id: string): Promise<TeamRow | undefined> {
  return db.selectFrom('teams').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
}

export function findTeamByName(db: Executor, accountId: string, name: string): Promise<TeamRow | undefined> {
  return db
    .selectFrom('teams')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('name', '=', name)
    .executeTakeFirst();
}

export function listTeams(db: Executor, accountId: string): Promise<TeamRow[]> {
  return db.selectFrom('teams').selectAll().where('account_id', '=', accountId).orderBy('name').execute();
}

export async function updateTeam(
  db: Executor,
  accountId: string,
  id: string,
  changes: Partial<Pick<TeamRow, 'name' | 'kind' | 'description' | 'chat_limit'>>,
  now: number,
): Promise<void> {
  await db
    .updateTable('teams')
    .set({ ...changes, updated_at: now })
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .execute();
}

export async function deleteTeam(db: Executor, accountId: string, id: string): Promise<void> {
  await db.deleteFrom('teams').where('account_id', '=', accountId).where('id', '=', id).execute();
}

export async function replaceTeamMembers(
  db: Executor,
  accountId: string,
  teamId: string,
  userIds: string[],
  now: number,
): Promise<void> {
  await db.deleteFrom('team_members').where('account_id', '=', accountId).where('team_id', '=', teamId).execute();
  if (userIds.length === 0) return;
  await db
    .insertInto('team_members')
    .values(userIds.map((user_id) => ({ account_id: accountId, team_id: teamId, user_id, created_at: now })))
    .execute();
}

/** Adds members to a team, leaving its current members as they are. */
export async function addTeamMembers(
  db: Executor,
  accountId: string,
  teamId: string,
  userIds: string[],
  now: number,
): Promise<void> {
  if (userIds.length === 0) return;
  await db
    .insertInto('team_members')
    .values(userIds.map((user_id) => ({ account_id: accountId, team_id: teamId, user_id, created_at: now })))
    .onConflict((oc) => oc.columns(['team_id', 'user_id']).doNothing())
    .execute();
}

export async function memberIdsByTeam(
  db: Executor,
  accountId: string,
  teamIds: string[],
): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (teamIds.length === 0) return map;
  const rows = await db
    .selectFrom('team_members')
    .select(['team_id', 'user_id'])
    .where('account_id', '=', accountId)
    .where('team_id', 'in', teamIds)
    .orderBy('user_id')
    .execute();
  for (const r of rows) map.set(r.team_id, [...(map.get(r.team_id) ?? []), r.user_id]);
  return map;
}

/** The team's members with their names and roles, by name; the team must be of the workspace. */
export function listTeamMembers(db: Executor, accountId: string, teamId: string) {
  return db
    .selectFrom('team_members')
    .innerJoin('users', 'users.id', 'team_members.user_id')
    .select(['users.id', 'users.name', 'users.role', 'users.status'])
    .where('team_members.account_id', '=', accountId)
    .where('team_members.team_id', '=', teamId)
    .orderBy('users.name')
    .orderBy('users.id')
    .execute();
}

export async function isTeamMember(db: Executor, teamId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('team_members')
    .select('user_id')
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Of the given ids, those that are users of this workspace: members are checked against the tenant. */
export async function existingUserIds(db: Executor, accountId: string, userIds: string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('account_id', '=', accountId)
    .where('id', 'in', userIds)
    .execute();
  return new Set(rows.map((r) => r.id));
}
