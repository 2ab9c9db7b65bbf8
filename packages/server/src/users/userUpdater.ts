import type { Role, UserView, updateUserBody } from '@kefu/shared';
import type { z } from 'zod';
import { recordAudit } from '../audit/auditRecorder.js';
import type { AppContext } from '../context.js';
import type { Actor } from '../http/actor.js';
import { assertMayChangeRole } from '../policies/userPolicy.js';
import { loadUserView, requireUser } from './userLookup.js';
import { countActiveAdmins, updateUser } from './userRepository.js';

export async function userUpdater(
  ctx: AppContext,
  actor: Actor,
  userId: string,
  changes: z.infer<typeof updateUserBody>,
): Promise<UserView> {
  const now = ctx.clock.now();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const target = await requireUser(trx, actor.accountId, userId);
    const targetRole = target.role as Role;
    if (changes.role && changes.role !== targetRole) {
      assertMayChangeRole(
        actor,
        { ...target, role: targetRole },
        changes.role,
        await countActiveAdmins(trx, actor.accountId),
      );
    }
    await updateUser(trx, actor.accountId, userId, changes, now);
    if (changes.role && changes.role !== targetRole) {
      await recordAudit(
        trx,
        actor,
        {
          action: 'user.role_changed',
          target: { type: 'user', id: userId },
          details: { from: targetRole, to: changes.role },
        },
        now,
      );
    }
    if (changes.name && changes.name !== target.name) {
      await recordAudit(
        trx,
        actor,
        {
          action: 'user.updated',
          target: { type: 'user', id: userId },
          details: { name: { from: target.name, to: changes.name } },
        },
        now,
      );
    }
  });
  return loadUserView(ctx.db.kysely, actor.accountId, userId);
}
