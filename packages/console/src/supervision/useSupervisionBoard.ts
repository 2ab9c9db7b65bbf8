import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { getSupervisionBoard, supervisionBoardKey } from '../api/supervision';
import { useRealtime } from '../realtime/RealtimeContext';

/** The service level and the other totals are not pushed; this is how stale they may get on a quiet day. */
const BOARD_REFRESH_MS = 30_000;
/** After a change arrives, totals the frames do not carry (chats per team) are read again at most this often. */
const CHANGE_REFRESH_MS = 5_000;

/**
 * The supervision board, live: `agent` and `queues` frames patch agents and queues at once
 * (presence/routingFrames.ts); what they do not carry — chats in progress per team, the pool, the service
 * level — is read again a few seconds after a change and every 30 s regardless. Pushing the service level would
 * mean recomputing it for every account on every reply; a supervisor needs it to the half-minute, not the second.
 */
export function useSupervisionBoard() {
  const realtime = useRealtime();
  const queryClient = useQueryClient();
  const board = useQuery({
    queryKey: supervisionBoardKey,
    queryFn: ({ signal }) => getSupervisionBoard(signal),
    refetchInterval: BOARD_REFRESH_MS,
  });

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const unsubscribe = realtime.onFrame((frame) => {
      const relevant = frame.type === 'agent' || frame.type === 'queues' || frame.type === 'conversation';
      if (!relevant || timer) return;
      timer = setTimeout(() => {
        timer = null;
        void queryClient.invalidateQueries({ queryKey: supervisionBoardKey });
      }, CHANGE_REFRESH_MS);
    });
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [realtime, queryClient]);

  return board;
}
