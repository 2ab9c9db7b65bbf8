import type { updateProfileBody } from '@kefu/shared';
import type { z } from 'zod';
import { recordAudit } from '../audit/auditRecorder.js';
import type { AppContext } from '../context.js';
import type { Actor } from '../http/actor.js';
import { AppError } from '../http/appError.js';
import { requireUser } from '../users/userLookup.js';
import { updateUser } from '../users/userRepository.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { deleteSession, deleteSessionsOfUser } from './sessionRepository.js';

/** Changing one's password keeps the current session and ends all the others. */
export async function passwordChanger(
  ctx: AppContext,
  actor: Actor,
  currentPassword: string,
  newPassword: string,
): Promise<void> {
  const user = await requireUser(ctx.db.kysely, actor.accountId, actor.userId);
  if (!(await verifyPassword(user.password_hash, currentPassword))) {
    throw new AppError('VALIDATION_FAILED', 'The current password is wrong', [
      { field: 'body.currentPassword', issue: 'is wrong' },
    ]);
  }
  const passwordHash = await hashPassword(newPassword);
  const now = ctx.clock.now();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await updateUser(trx, actor.accountId, actor.userId, { password_hash: passwordHash }, now);
    await deleteSessionsOfUser(trx, actor.userId, actor.session?.id);
    await recordAudit(trx, actor, { action: 'auth.password_changed', target: { type: 'user', id: actor.userId } }, now);
  });
}

export async function profileUpdater(
  ctx: AppContext,
  actor: Actor,
  changes: z.infer<typeof updateProfileBody>,
): Promise<void> {
  await updateUser(ctx.db.kysely, actor.accountId, actor.userId, changes, ctx.clock.now());
}

export async function signOut(ctx: AppContext, actor: Actor): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    if (actor.session) await deleteSession(trx, actor.session.id);
    await recordAudit(trx, actor, { action: 'auth.sign_out', target: { type: 'user', id: actor.userId } }, now);
  });
}
