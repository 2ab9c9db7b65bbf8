import { createContext, useContext } from 'react';
import type { ConnectionState } from './agentSocket';
import type { InboxRealtime } from './inboxRealtime';
import { useStoreValue } from './stores';

export const RealtimeContext = createContext<InboxRealtime | null>(null);

export function useRealtime(): InboxRealtime {
  const realtime = useContext(RealtimeContext);
  if (!realtime) throw new Error('useRealtime must be used inside <RealtimeProvider>');
  return realtime;
}

export function useConnectionState(): ConnectionState {
  const realtime = useRealtime();
  return useStoreValue(realtime.connection, 'state') ?? 'connecting';
}
