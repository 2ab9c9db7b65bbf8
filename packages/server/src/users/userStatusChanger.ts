import type { Role, UserView } from '@kefu/shared';
import { revokeApiTokensOfUser } from '../apiTokens/apiTokenRepository.js';
import { recordAudit } from '../audit/auditRecorder.js';
import { deleteSessionsOfUser } from '../auth/sessionRepository.js';
import type { AppContext } from '../context.js';
import type { Actor } from '../http/actor.js';
import { AppError } from '../http/appError.js';
import { assertMayDisable } from '../policies/userPolicy.js';
import { loadUserView, requireUser } from './userLookup.js';
import { countActiveAdmins, updateUser } from './userRepository.js';

/** Disabling ends every session and revokes every API token of the user in the same transaction. */
export async function userDisabler(ctx: AppContext, actor: Actor, userId: string): Promise<UserView> {
  const now = ctx.clock.now();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const target = await requireUser(trx, actor.accountId, userId);
    if (target.status === 'disabled') return;
    assertMayDisable(actor, { ...target, role: target.role as Role }, await countActiveAdmins(trx, actor.accountId));
    await updateUser(trx, actor.accountId, userId, { status: 'disabled' }, now);
    await deleteSessionsOfUser(trx, userId);
    await revokeApiTokensOfUser(trx, userId, now);
    await recordAudit(
      trx,
      actor,
      { action: 'user.disabled', target: { type: 'user', id: userId }, details: { email: target.email } },
      now,
    );
  });
  return loadUserView(ctx.db.kysely, actor.accountId, userId);
}

export async function userEnabler(ctx: AppContext, actor: Actor, userId: string): Promise<UserView> {
  const now = ctx.clock.now();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const target = await requireUser(trx, actor.accountId, userId);
    if (target.status !== 'disabled') return;
    if (!target.password_hash) {
      throw new AppError('CONFLICT', 'This user never set a password; invite them again or reset their password');
    }
    await updateUser(trx, actor.accountId, userId, { status: 'active', failed_logins: 0, locked_until: null }, now);
    await recordAudit(
      trx,
      actor,
      { action: 'user.enabled', target: { type: 'user', id: userId }, details: { email: target.email } },
      now,
    );
  });
  return loadUserView(ctx.db.kysely, actor.accountId, userId);
}
