import type { CreateUserBody, InviteUserBody, UserView } from '@kefu/shared';
import { LIMITS } from '@kefu/shared';
import { findAccount } from '../accounts/accountRepository.js';
import { type AuditActor, recordAudit } from '../audit/auditRecorder.js';
import { insertInvite } from '../auth/inviteRepository.js';
import { hashPassword } from '../auth/passwords.js';
import type { AppContext } from '../context.js';
import { newId } from '../db/ids.js';
import type { Actor } from '../http/actor.js';
import { AppError } from '../http/appError.js';
import { hashSecret, newSecret } from '../http/secrets.js';
import { loadUserView } from './userLookup.js';
import { findUserByEmail, insertUser } from './userRepository.js';

async function assertEmailFree(ctx: AppContext, email: string) {
  if (await findUserByEmail(ctx.db.kysely, email)) {
    throw new AppError('EMAIL_TAKEN', 'A user with this email already exists', [
      { field: 'body.email', issue: 'is already in use' },
    ]);
  }
}

async function accountLocale(ctx: AppContext, accountId: string): Promise<string> {
  return (await findAccount(ctx.db.kysely, accountId))?.locale ?? 'zh-CN';
}

/** An admin creates a user with an initial password, to hand over in person. */
/** The actor is an AuditActor so the CLI, which has no signed-in user, can create users too. */
export async function userCreator(ctx: AppContext, actor: AuditActor, body: CreateUserBody): Promise<UserView> {
  await assertEmailFree(ctx, body.email);
  const passwordHash = await hashPassword(body.password);
  const locale = await accountLocale(ctx, actor.accountId);
  const now = ctx.clock.now();
  const id = newId(now);
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await insertUser(trx, { id, accountId: actor.accountId, ...body, status: 'active', locale, passwordHash, now });
    await recordAudit(
      trx,
      actor,
      { action: 'user.created', target: { type: 'user', id }, details: { email: body.email, role: body.role } },
      now,
    );
  });
  return loadUserView(ctx.db.kysely, actor.accountId, id);
}

/** An admin invites a user; the invitee sets their own password through a one-time link. */
export async function userInviter(
  ctx: AppContext,
  actor: Actor,
  body: InviteUserBody,
): Promise<{ user: UserView; inviteUrl: string }> {
  await assertEmailFree(ctx, body.email);
  const locale = await accountLocale(ctx, actor.accountId);
  const now = ctx.clock.now();
  const id = newId(now);
  const secret = newSecret();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await insertUser(trx, {
      id,
      accountId: actor.accountId,
      ...body,
      status: 'invited',
      locale,
      passwordHash: null,
      now,
    });
    await insertInvite(trx, {
      id: newId(now),
      accountId: actor.accountId,
      userId: id,
      tokenHash: hashSecret(ctx.config.secret, secret),
      expiresAt: now + LIMITS.inviteTtlDays * 24 * 3600 * 1000,
      now,
    });
    await recordAudit(
      trx,
      actor,
      { action: 'user.invited', target: { type: 'user', id }, details: { email: body.email, role: body.role } },
      now,
    );
  });
  return {
    user: await loadUserView(ctx.db.kysely, actor.accountId, id),
    inviteUrl: `${ctx.config.publicUrl}/invite/${secret}`,
  };
}
