import { useQueryClient } from '@tanstack/react-query';
import { useContext, useEffect } from 'react';
import { ticketsKey } from '../api/tickets';
import { RealtimeContext } from '../realtime/RealtimeContext';

/**
 * Reads tickets again when the socket says one changed (`{type: 'ticket'}` frames reach staff). Consoles without
 * the socket (department users) poll instead, so the context may be missing.
 */
export function useTicketFrames(): void {
  const realtime = useContext(RealtimeContext);
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!realtime) return;
    return realtime.onFrame((frame) => {
      if (frame.type !== 'ticket') return;
      void queryClient.invalidateQueries({ queryKey: [...ticketsKey, 'list'] });
      void queryClient.invalidateQueries({ queryKey: [...ticketsKey, 'one', frame.ticket.id] });
    });
  }, [realtime, queryClient]);
}
