import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { sessionKey } from '../api/auth';
import { useSignedInSession } from '../auth/SessionContext';
import { type InboxNotice, InboxRealtime } from './inboxRealtime';
import { RealtimeContext } from './RealtimeContext';

/** Opens the tab's one agent socket for the pages inside, and closes it when they unmount. */
export function RealtimeProvider({
  children,
  notify,
}: {
  children: ReactNode;
  notify?: (notice: InboxNotice) => void;
}) {
  const queryClient = useQueryClient();
  const { user } = useSignedInSession();
  // The realtime object outlives renders; it calls whichever notify callback is current.
  const notifyRef = useRef(notify);
  useEffect(() => {
    notifyRef.current = notify;
  }, [notify]);
  const [realtime] = useState(
    () =>
      new InboxRealtime({
        queryClient,
        me: user.id,
        notify: (notice) => notifyRef.current?.(notice),
        // Refused for want of a session: ask the server, which sends the user to sign in if it is really gone.
        onUnauthenticated: () => void queryClient.invalidateQueries({ queryKey: sessionKey }),
      }),
  );

  useEffect(() => {
    realtime.start();
    const online = () => realtime.nudge();
    window.addEventListener('online', online);
    return () => {
      window.removeEventListener('online', online);
      realtime.stop();
    };
  }, [realtime]);

  return <RealtimeContext value={realtime}>{children}</RealtimeContext>;
}
