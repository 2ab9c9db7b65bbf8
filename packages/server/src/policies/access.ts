import { type Permission, roleHasPermission } from '@kefu/shared';
import type { Actor } from '../http/actor.js';
import { AppError } from '../http/appError.js';

/**
 * What a route requires: `public` (no sign-in), `visitor` (a widget visitor's signed token),
 * `authenticated` (any signed-in user) or a permission. Every /api route declares one; the server
 * refuses to start if a route forgets.
 */
export type Access = 'public' | 'visitor' | 'authenticated' | Permission;

export function authorize(actor: Actor | null, access: Access): void {
  if (access === 'public' || access === 'visitor') return;
  if (!actor) throw new AppError('UNAUTHENTICATED', 'Sign in first');
  if (access === 'authenticated') return;
  if (!roleHasPermission(actor.role, access)) {
    throw new AppError('FORBIDDEN', `Your role (${actor.role}) may not use this (${access})`);
  }
}
