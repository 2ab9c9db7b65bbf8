import { type Permission, roleHasPermission } from '@kefu/shared';
import { useSignedInSession } from './SessionContext';

export function usePermission(permission: Permission): boolean {
  return roleHasPermission(useSignedInSession().user.role, permission);
}
