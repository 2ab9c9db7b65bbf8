import { type QuickReplyScope, roleHasPermission } from '@kefu/shared';
import type { Executor } from '../db/transaction.js';
import type { Actor } from '../http/actor.js';
import { forbidden } from '../http/appError.js';
import { teamIdsByUser } from '../users/userRepository.js';
import type { QuickReplyRow, Visibility } from './quickReplyRepository.js';

/**
 * Who sees and changes which quick reply. Everyone sees the workspace's replies and their own; team replies
 * are seen by the team's members, and by admins and supervisors, who manage every shared reply. A reply the
 * caller cannot see reads as NOT_FOUND; one they see but may not change is FORBIDDEN.
 */
export const managesSharedReplies = (actor: Actor) => roleHasPermission(actor.role, 'quickReplies.manage');

/** `usable` narrows a manager's view to what they would insert in a chat: only their own teams' replies. */
export async function visibilityOf(db: Executor, actor: Actor, usable = false): Promise<Visibility> {
  if (managesSharedReplies(actor) && !usable) return { userId: actor.userId, teams: 'all' };
  const teams = (await teamIdsByUser(db, actor.accountId, [actor.userId])).get(actor.userId) ?? [];
  return { userId: actor.userId, teams };
}

export function canEditQuickReply(actor: Actor, row: Pick<QuickReplyRow, 'scope' | 'owner_id'>): boolean {
  return row.scope === 'personal' ? row.owner_id === actor.userId : managesSharedReplies(actor);
}

export function assertMayWriteScope(actor: Actor, scope: QuickReplyScope): void {
  if (scope !== 'personal' && !managesSharedReplies(actor)) {
    throw forbidden('Only admins and supervisors manage team and workspace quick replies');
  }
}

/** The one column that makes titles unique per scope: the workspace, one team, or one agent. */
export function scopeKeyOf(scope: QuickReplyScope, teamId: string | null, ownerId: string | null): string {
  if (scope === 'workspace') return 'workspace';
  return scope === 'team' ? `team:${teamId}` : `user:${ownerId}`;
}
