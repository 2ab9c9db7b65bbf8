import { LIMITS, type LoginBody } from '@kefu/shared';
import { recordAudit } from '../audit/auditRecorder.js';
import type { AppContext } from '../context.js';
import { AppError } from '../http/appError.js';
import { findUserByEmail, incrementFailedLogins, type UserRow, updateUser } from '../users/userRepository.js';
import { burnPasswordCheck, verifyPassword } from './passwords.js';
import { type IssuedSession, issueSession, type RequestOrigin } from './sessionIssuer.js';

export interface NewSessionGrant extends IssuedSession {
  user: UserRow;
}

const invalid = () => new AppError('INVALID_CREDENTIALS', 'Wrong email or password');

/**
 * Email + password sign-in with a lock-out: after `loginFailuresBeforeLock` wrong passwords the user is
 * locked for `loginLockMinutes`, counted in the database so every node sees the same count.
 */
export async function signIn(ctx: AppContext, body: LoginBody, origin: RequestOrigin): Promise<NewSessionGrant> {
  const db = ctx.db.kysely;
  const user = await findUserByEmail(db, body.email);
  if (!user) {
    await burnPasswordCheck(body.password);
    throw invalid();
  }
  const now = ctx.clock.now();
  if (user.locked_until !== null && user.locked_until > now) {
    throw new AppError('ACCOUNT_LOCKED', 'Too many wrong passwords; this sign-in is locked for a while', {
      retryAfterSeconds: Math.ceil((user.locked_until - now) / 1000),
    });
  }
  if (!(await verifyPassword(user.password_hash, body.password))) {
    await recordFailure(ctx, user, origin, now);
    throw invalid();
  }
  if (user.status === 'disabled') throw new AppError('USER_DISABLED', 'This user is disabled; ask an admin');

  const issued = await db.transaction().execute(async (trx) => {
    await updateUser(
      trx,
      user.account_id,
      user.id,
      { failed_logins: 0, locked_until: null, last_sign_in_at: now },
      now,
    );
    const self = { accountId: user.account_id, userId: user.id, name: user.name, ip: origin.ip };
    await recordAudit(
      trx,
      self,
      { action: 'auth.sign_in', target: { type: 'user', id: user.id }, details: { userAgent: origin.userAgent } },
      now,
    );
    return issueSession(trx, ctx.config.secret, self, origin, now);
  });
  return { user, ...issued };
}

async function recordFailure(ctx: AppContext, user: UserRow, origin: RequestOrigin, now: number) {
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const failures = await incrementFailedLogins(trx, user.id);
    const target = { type: 'user', id: user.id };
    const anonymous = { accountId: user.account_id, userId: null, name: null, ip: origin.ip };
    await recordAudit(
      trx,
      anonymous,
      { action: 'auth.sign_in_failed', target, details: { email: user.email, failures } },
      now,
    );
    if (failures >= LIMITS.loginFailuresBeforeLock) {
      const lockedUntil = now + LIMITS.loginLockMinutes * 60_000;
      await updateUser(trx, user.account_id, user.id, { failed_logins: 0, locked_until: lockedUntil }, now);
      await recordAudit(
        trx,
        anonymous,
        { action: 'auth.locked', target, details: { email: user.email, minutes: LIMITS.loginLockMinutes } },
        now,
      );
    }
  });
}
