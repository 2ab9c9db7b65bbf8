import type { Locale, Role, SessionResponse } from '@kefu/shared';
import { findAccount } from '../accounts/accountRepository.js';
import type { Executor } from '../db/transaction.js';
import { notFound } from '../http/appError.js';
import { findUser } from '../users/userRepository.js';

export async function presentSession(
  db: Executor,
  accountId: string,
  userId: string,
  csrfToken: string,
): Promise<SessionResponse> {
  const [user, account] = await Promise.all([findUser(db, accountId, userId), findAccount(db, accountId)]);
  if (!user || !account) throw notFound('User');
  return {
    user: {
      id: user.id,
      accountId: user.account_id,
      email: user.email,
      name: user.name,
      role: user.role as Role,
      locale: user.locale as Locale,
    },
    account: { id: account.id, name: account.name },
    csrfToken,
  };
}
