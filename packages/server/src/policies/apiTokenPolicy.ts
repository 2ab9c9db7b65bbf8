import type { Actor } from '../http/actor.js';
import { notFound } from '../http/appError.js';

/** A personal API token belongs to one user; nobody else, admins included, may see or revoke it. */
export function assertOwnsToken(actor: Actor, token: { user_id: string; account_id: string } | undefined): void {
  if (!token || token.account_id !== actor.accountId || token.user_id !== actor.userId) throw notFound('API token');
}
