import type { SessionResponse } from '@kefu/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { fetchSession, logout, sessionKey } from '../api/auth';
import { ApiError, setCsrfToken, setUnauthenticatedHandler } from '../api/client';
import { FullPageSpinner } from '../components/FullPageSpinner';
import { ServerUnavailable } from '../components/ServerUnavailable';
import { useFollowUserLocale } from '../i18n/useFollowUserLocale';
import { SessionContext, type SessionContextValue } from './SessionContext';

async function loadSession(): Promise<SessionResponse | null> {
  const session = await fetchSession();
  setCsrfToken(session?.csrfToken ?? null);
  return session;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [signOutRequested, setSignOutRequested] = useState(false);
  const sessionQuery = useQuery({
    queryKey: sessionKey,
    queryFn: loadSession,
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
    refetchOnWindowFocus: false,
  });

  const storeSession = useCallback(
    (session: SessionResponse | null) => {
      setCsrfToken(session?.csrfToken ?? null);
      queryClient.setQueryData(sessionKey, session);
    },
    [queryClient],
  );

  const forgetOtherQueries = useCallback(() => {
    queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] });
  }, [queryClient]);

  useEffect(() => {
    setUnauthenticatedHandler(() => storeSession(null));
    return () => setUnauthenticatedHandler(() => {});
  }, [storeSession]);

  const session = sessionQuery.data ?? null;
  useFollowUserLocale(session?.user.locale);

  const value = useMemo<SessionContextValue>(
    () => ({
      session,
      signOutRequested,
      signIn(next) {
        forgetOtherQueries();
        setSignOutRequested(false);
        storeSession(next);
      },
      replaceSession: storeSession,
      async signOut() {
        try {
          await logout();
        } catch (error) {
          if (!(error instanceof ApiError && error.code === 'UNAUTHENTICATED')) throw error;
        }
        setSignOutRequested(true);
        forgetOtherQueries();
        storeSession(null);
      },
    }),
    [session, signOutRequested, storeSession, forgetOtherQueries],
  );

  if (sessionQuery.isPending) return <FullPageSpinner />;
  if (sessionQuery.isError) return <ServerUnavailable onRetry={() => void sessionQuery.refetch()} />;
  return <SessionContext value={value}>{children}</SessionContext>;
}
