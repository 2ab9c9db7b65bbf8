import { recordAudit } from '../audit/auditRecorder.js';
import type { AppContext } from '../context.js';
import { AppError } from '../http/appError.js';
import { hashSecret } from '../http/secrets.js';
import { updateUser } from '../users/userRepository.js';
import { findOpenInvite, markInviteAccepted } from './inviteRepository.js';
import { hashPassword } from './passwords.js';
import { issueSession, type RequestOrigin } from './sessionIssuer.js';

const inviteInvalid = () => new AppError('INVITE_INVALID', 'This invite link is invalid, used or expired');

export async function inviteDescriber(ctx: AppContext, token: string) {
  const invite = await findOpenInvite(ctx.db.kysely, hashSecret(ctx.config.secret, token), ctx.clock.now());
  if (!invite) throw inviteInvalid();
  return { email: invite.email, name: invite.name, accountName: invite.account_name };
}

/** The invitee sets their password; the invite is spent and they are signed in. */
export async function inviteAcceptor(
  ctx: AppContext,
  body: { token: string; name: string; password: string },
  origin: RequestOrigin,
) {
  const passwordHash = await hashPassword(body.password);
  const now = ctx.clock.now();
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const invite = await findOpenInvite(trx, hashSecret(ctx.config.secret, body.token), now);
    if (!invite) throw inviteInvalid();
    await markInviteAccepted(trx, invite.invite_id, now);
    await updateUser(
      trx,
      invite.account_id,
      invite.user_id,
      { name: body.name, password_hash: passwordHash, status: 'active', last_sign_in_at: now },
      now,
    );
    const self = { accountId: invite.account_id, userId: invite.user_id, name: body.name, ip: origin.ip };
    await recordAudit(trx, self, { action: 'user.invite_accepted', target: { type: 'user', id: invite.user_id } }, now);
    return {
      accountId: invite.account_id,
      userId: invite.user_id,
      ...(await issueSession(trx, ctx.config.secret, self, origin, now)),
    };
  });
}
