import { newId } from '../db/ids.js';
import type { Executor } from '../db/transaction.js';
import { sessionExpiry } from '../http/authentication.js';
import { hashSecret, newSecret } from '../http/secrets.js';
import { insertSession } from './sessionRepository.js';

export interface RequestOrigin {
  ip: string;
  userAgent: string | null;
}

export interface IssuedSession {
  sessionToken: string;
  csrfToken: string;
}

/** Creates a session; the cookie carries the token, the database only its hash. */
export async function issueSession(
  db: Executor,
  secretKey: string,
  user: { accountId: string; userId: string },
  origin: RequestOrigin,
  now: number,
): Promise<IssuedSession> {
  const sessionToken = newSecret();
  const csrfToken = newSecret();
  await insertSession(db, {
    id: newId(now),
    accountId: user.accountId,
    userId: user.userId,
    tokenHash: hashSecret(secretKey, sessionToken),
    csrfToken,
    ip: origin.ip,
    userAgent: origin.userAgent,
    expiresAt: sessionExpiry(now),
    now,
  });
  return { sessionToken, csrfToken };
}
