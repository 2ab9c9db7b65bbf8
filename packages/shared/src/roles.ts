export const ROLES = ['admin', 'supervisor', 'agent', 'department'] as const;
export type Role = (typeof ROLES)[number];

/**
 * What each role may do. The server's policy layer is the only place that reads this map;
 * the console reads it too, to show only what the signed-in user can use.
 */
export const PERMISSIONS = {
  'profile.self': ['admin', 'supervisor', 'agent', 'department'],
  'account.read': ['admin', 'supervisor', 'agent', 'department'],
  'account.update': ['admin'],
  'users.read': ['admin', 'supervisor'],
  'users.manage': ['admin'],
  'teams.read': ['admin', 'supervisor', 'agent'],
  'teams.manage': ['admin'],
  'apiTokens.own': ['admin', 'supervisor', 'agent'],
  'audit.read': ['admin'],
  'inboxes.read': ['admin', 'supervisor', 'agent'],
  'inboxes.manage': ['admin'],
  'conversations.read': ['admin', 'supervisor', 'agent'],
  'conversations.reply': ['admin', 'supervisor', 'agent'],
  'contacts.read': ['admin', 'supervisor', 'agent'],
  /** Seeing a contact's unmasked phone or email; every reveal is audited with its reason. */
  'contacts.reveal': ['admin', 'supervisor'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function roleHasPermission(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
