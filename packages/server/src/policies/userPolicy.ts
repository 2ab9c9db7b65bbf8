import type { Role } from '@kefu/shared';
import type { Actor } from '../http/actor.js';
import { AppError } from '../http/appError.js';

interface TargetUser {
  id: string;
  role: Role;
  status: string;
}

/**
 * Rules about changing a user beyond "may manage users": an admin cannot lock themselves out,
 * and a workspace never loses its last active admin.
 */
export function assertMayChangeRole(actor: Actor, target: TargetUser, newRole: Role, activeAdmins: number): void {
  if (target.role === 'admin' && newRole !== 'admin' && target.status === 'active' && activeAdmins <= 1) {
    throw new AppError('LAST_ADMIN', 'The workspace needs at least one active admin');
  }
  if (actor.userId === target.id && newRole !== actor.role) {
    throw new AppError('FORBIDDEN', 'You cannot change your own role; ask another admin');
  }
}

export function assertMayDisable(actor: Actor, target: TargetUser, activeAdmins: number): void {
  if (actor.userId === target.id) throw new AppError('FORBIDDEN', 'You cannot disable yourself');
  if (target.role === 'admin' && target.status === 'active' && activeAdmins <= 1) {
    throw new AppError('LAST_ADMIN', 'The workspace needs at least one active admin');
  }
}
