import { type Permission, roleHasPermission } from '@kefu/shared';
import type { ReactNode } from 'react';
import { ForbiddenPage } from '../pages/ForbiddenPage';
import { useSignedInSession } from './SessionContext';

export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { user } = useSignedInSession();
  return roleHasPermission(user.role, permission) ? children : <ForbiddenPage />;
}
