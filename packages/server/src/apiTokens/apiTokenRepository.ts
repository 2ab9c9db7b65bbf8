import type { Executor } from '../db/transaction.js';

export interface NewApiToken {
  id: string;
  accountId: string;
  userId: string;
  name: string;
  prefix: string;
  tokenHash: string;
  expiresAt: number | null;
  now: number;
}

export async function insertApiToken(db: Executor, t: NewApiToken): Promise<void> {
  await db
    .insertInto('api_tokens')
    .values({
      id: t.id,
      account_id: t.accountId,
      user_id: t.userId,
      name: t.name,
      prefix: t.prefix,
      token_hash: t.tokenHash,
      last_used_at: null,
      expires_at: t.expiresAt,
      revoked_at: null,
      created_at: t.now,
    })
    .execute();
}

export function findApiToken(db: Executor, accountId: string, id: string) {
  return db
    .selectFrom('api_tokens')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

export function listApiTokensOfUser(db: Executor, accountId: string, userId: string) {
  return db
    .selectFrom('api_tokens')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .orderBy('id', 'desc')
    .execute();
}

export function findApiTokenWithUser(db: Executor, tokenHash: string) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select([
      'api_tokens.id as token_id',
      'api_tokens.expires_at',
      'api_tokens.revoked_at',
      'api_tokens.last_used_at',
      'users.id as user_id',
      'users.account_id',
      'users.role',
      'users.name',
      'users.email',
      'users.locale',
      'users.status',
    ])
    .where('api_tokens.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function markApiTokenUsed(db: Executor, id: string, now: number): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', id).execute();
}

export async function revokeApiToken(db: Executor, id: string, now: number): Promise<void> {
  await db.updateTable('api_tokens').set({ revoked_at: now }).where('id', '=', id).execute();
}

export async function revokeApiTokensOfUser(db: Executor, userId: string, now: number): Promise<void> {
  await db
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
}
