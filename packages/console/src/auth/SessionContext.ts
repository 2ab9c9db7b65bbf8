import type { SessionResponse } from '@kefu/shared';
import { createContext, useContext } from 'react';

export interface SessionContextValue {
  /** Null when signed out. */
  session: SessionResponse | null;
  /** True after the user signed out themselves, as opposed to a session that expired. */
  signOutRequested: boolean;
  /** Starts a new session (after signing in or accepting an invite), dropping anything cached for someone else. */
  signIn(session: SessionResponse): void;
  /** Takes a fresher copy of the current session, e.g. after the profile changed. */
  replaceSession(session: SessionResponse): void;
  signOut(): Promise<void>;
}

export const SessionContext = createContext<SessionContextValue | null>(null);

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside <SessionProvider>');
  return value;
}

/** For pages behind <RequireSession>, where a session is guaranteed. */
export function useSignedInSession(): SessionResponse {
  const { session } = useSession();
  if (!session) throw new Error('useSignedInSession must be used behind <RequireSession>');
  return session;
}
