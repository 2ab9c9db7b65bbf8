import type { Executor } from '../db/transaction.js';

export async function insertInvite(
  db: Executor,
  invite: { id: string; accountId: string; userId: string; tokenHash: string; expiresAt: number; now: number },
): Promise<void> {
  await db
    .insertInto('invites')
    .values({
      id: invite.id,
      account_id: invite.accountId,
      user_id: invite.userId,
      token_hash: invite.tokenHash,
      expires_at: invite.expiresAt,
      accepted_at: null,
      created_at: invite.now,
    })
    .execute();
}

export function findOpenInvite(db: Executor, tokenHash: string, now: number) {
  return db
    .selectFrom('invites')
    .innerJoin('users', 'users.id', 'invites.user_id')
    .innerJoin('accounts', 'accounts.id', 'invites.account_id')
    .select([
      'invites.id as invite_id',
      'invites.account_id',
      'users.id as user_id',
      'users.email',
      'users.name',
      'users.status',
      'accounts.name as account_name',
    ])
    .where('invites.token_hash', '=', tokenHash)
    .where('invites.accepted_at', 'is', null)
    .where('invites.expires_at', '>', now)
    .where('users.status', '=', 'invited')
    .executeTakeFirst();
}

export async function markInviteAccepted(db: Executor, inviteId: string, now: number): Promise<void> {
  await db.updateTable('invites').set({ accepted_at: now }).where('id', '=', inviteId).execute();
}
