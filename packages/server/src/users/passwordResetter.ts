import { recordAudit } from '../audit/auditRecorder.js';
import { hashPassword } from '../auth/passwords.js';
import { deleteSessionsOfUser } from '../auth/sessionRepository.js';
import type { AppContext } from '../context.js';
import type { Actor } from '../http/actor.js';
import { requireUser } from './userLookup.js';
import { updateUser } from './userRepository.js';

/**
 * An admin sets a new password for a user who lost theirs: it also lifts a lock-out, and signs the
 * user out everywhere, since whoever knew the old password may be holding a session.
 */
export async function passwordResetter(
  ctx: AppContext,
  actor: Actor,
  userId: string,
  newPassword: string,
): Promise<void> {
  const passwordHash = await hashPassword(newPassword);
  const now = ctx.clock.now();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const target = await requireUser(trx, actor.accountId, userId);
    const status = target.status === 'invited' ? 'active' : target.status;
    await updateUser(
      trx,
      actor.accountId,
      userId,
      { password_hash: passwordHash, failed_logins: 0, locked_until: null, status },
      now,
    );
    await deleteSessionsOfUser(trx, userId);
    await recordAudit(
      trx,
      actor,
      { action: 'user.password_reset', target: { type: 'user', id: userId }, details: { email: target.email } },
      now,
    );
  });
}
