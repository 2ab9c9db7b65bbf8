import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { sessionKey } from '../api/auth';
import { useSignedInSession } from '../auth/SessionContext';
import { unlockAudio } from '../inbox/notifications';
import { type InboxNotice, InboxRealtime } from './inboxRealtime';
import { RealtimeContext } from './RealtimeContext';

/**
 * Opens the tab's one agent socket for the signed-in console (every page, not only the inbox, so notifications
 * and the unread count work everywhere), and closes it when the console unmounts (sign-out).
 */
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
    void realtime.refreshUnread();
    const online = () => realtime.nudge();
    window.addEventListener('online', online);
    // Browsers allow sound only after a gesture: the first click anywhere enables the notification chime.
    window.addEventListener('pointerdown', unlockAudio, { once: true });
    return () => {
      window.removeEventListener('online', online);
      window.removeEventListener('pointerdown', unlockAudio);
      realtime.stop();
    };
  }, [realtime]);

  return <RealtimeContext value={realtime}>{children}</RealtimeContext>;
}
