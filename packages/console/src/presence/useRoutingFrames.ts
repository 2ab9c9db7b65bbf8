import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { agentDirectoryKey } from '../api/agents';
import { myPresenceKey } from '../api/presence';
import { routingQueueKey } from '../api/routing';
import { supervisionBoardKey } from '../api/supervision';
import { useSignedInSession } from '../auth/SessionContext';
import { useConnectionState, useRealtime } from '../realtime/RealtimeContext';
import { applyRoutingFrame, queueStatsKey } from './routingFrames';

/**
 * Keeps presence, load and queues live in this tab: applies the socket's `agent` and `queues` frames, and reads
 * them again whenever the socket (re)connects, since frames sent while it was down are lost (and connecting is
 * itself what brings an agent back from offline).
 */
export function useRoutingFrames(): void {
  const realtime = useRealtime();
  const queryClient = useQueryClient();
  const { user } = useSignedInSession();
  const state = useConnectionState();

  useEffect(
    () => realtime.onFrame((frame) => applyRoutingFrame(queryClient, frame, user.id)),
    [realtime, queryClient, user.id],
  );

  useEffect(() => {
    if (state !== 'connected') return;
    for (const queryKey of [myPresenceKey, agentDirectoryKey, supervisionBoardKey, routingQueueKey, queueStatsKey]) {
      void queryClient.invalidateQueries({ queryKey });
    }
  }, [state, queryClient]);
}
