import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { loginPathFor } from './nextPath';
import { useSession } from './SessionContext';

export function RequireSession({ children }: { children: ReactNode }) {
  const { session, signOutRequested } = useSession();
  const location = useLocation();
  if (!session) return <Navigate to={signOutRequested ? '/login' : loginPathFor(location)} replace />;
  return children;
}
