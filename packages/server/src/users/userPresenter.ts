import type { Locale, Role, UserView } from '@kefu/shared';
import type { UserRow } from './userRepository.js';

/** Lists every field a user shows to the API; the password hash and lock-out counters never leave. */
export function presentUser(row: UserRow, teamIds: string[]): UserView {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as Role,
    status: row.status as UserView['status'],
    locale: row.locale as Locale,
    teamIds,
    lastSignInAt: row.last_sign_in_at === null ? null : new Date(row.last_sign_in_at).toISOString(),
    createdAt: new Date(row.created_at).toISOString(),
  };
}
