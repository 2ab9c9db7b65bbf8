import type { Executor } from '../db/transaction.js';

export interface NewSession {
  id: string;
  accountId: string;
  userId: string;
  tokenHash: string;
  csrfToken: string;
  ip: string | null;
  userAgent: string | null;
  expiresAt: number;
  now: number;
}

export async function insertSession(db: Executor, s: NewSession): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id: s.id,
      account_id: s.accountId,
      user_id: s.userId,
      token_hash: s.tokenHash,
      csrf_token: s.csrfToken,
      ip: s.ip,
      user_agent: s.userAgent,
      expires_at: s.expiresAt,
      last_seen_at: s.now,
      created_at: s.now,
    })
    .execute();
}

/** The session and its user in one query: every request re-reads the user so a disabled user is out at once. */
export function findSessionWithUser(db: Executor, tokenHash: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id as session_id',
      'sessions.csrf_token',
      'sessions.expires_at',
      'sessions.last_seen_at',
      'users.id as user_id',
      'users.account_id',
      'users.role',
      'users.name',
      'users.email',
      'users.locale',
      'users.status',
    ])
    .where('sessions.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** Sessions slide: each sign of life pushes the expiry forward. */
export async function touchSession(db: Executor, sessionId: string, now: number, expiresAt: number): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ last_seen_at: now, expires_at: expiresAt })
    .where('id', '=', sessionId)
    .execute();
}

export async function deleteSession(db: Executor, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

export async function deleteSessionsOfUser(db: Executor, userId: string, exceptSessionId?: string): Promise<void> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptSessionId) q = q.where('id', '!=', exceptSessionId);
  await q.execute();
}
