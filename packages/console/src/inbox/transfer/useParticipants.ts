import { type MessageView, ROUTING_ACTIVITY_CODES } from '@kefu/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { listParticipants, participantsKey } from '../../api/routing';

const PARTICIPANT_CODES: readonly string[] = [
  ROUTING_ACTIVITY_CODES.participantJoined,
  ROUTING_ACTIVITY_CODES.participantLeft,
];

/** The newest join or leave in the history the tab holds: when it changes, the list is read again. */
function lastParticipantChange(messages: readonly MessageView[] | undefined): string | null {
  if (!messages) return null;
  for (let i = messages.length - 1; i >= 0; i--) {
    const code = messages[i]?.activity?.code;
    if (code && PARTICIPANT_CODES.includes(code)) return messages[i]!.id;
  }
  return null;
}

/**
 * Agents invited into the conversation besides its assignee. Someone else inviting or leaving shows in the
 * timeline (`routing.participant_joined` / `_left`), which is when this reads the list again.
 */
export function useParticipants(conversationId: string, messages?: readonly MessageView[]) {
  const queryClient = useQueryClient();
  const change = lastParticipantChange(messages);
  const seen = useRef(change);
  useEffect(() => {
    if (change === seen.current) return;
    seen.current = change;
    void queryClient.invalidateQueries({ queryKey: participantsKey(conversationId) });
  }, [change, conversationId, queryClient]);
  return useQuery({
    queryKey: participantsKey(conversationId),
    queryFn: ({ signal }) => listParticipants(conversationId, signal),
    staleTime: Number.POSITIVE_INFINITY,
  });
}
