import type {
  AgentDirectoryResponse,
  AgentStatusView,
  QueueStatsView,
  ServerFrame,
  SupervisionBoard,
} from '@kefu/shared';
import type { QueryClient } from '@tanstack/react-query';
import { agentDirectoryKey } from '../api/agents';
import { myPresenceKey } from '../api/presence';
import { routingQueueKey } from '../api/routing';
import { supervisionBoardKey } from '../api/supervision';

/** The last `queues` frame: every non-empty queue of the workspace (a queue missing from it is empty). */
export const queueStatsKey = ['routing', 'queue-stats'] as const;

function patchBoardAgent(board: SupervisionBoard, agent: AgentStatusView): SupervisionBoard {
  if (!board.agents.some((entry) => entry.id === agent.id)) return board;
  return {
    ...board,
    agents: board.agents.map((entry) => (entry.id === agent.id ? { ...entry, ...agent, role: entry.role } : entry)),
  };
}

function patchBoardQueues(board: SupervisionBoard, queues: QueueStatsView[]): SupervisionBoard {
  const of = (teamId: string | null) => queues.find((queue) => queue.teamId === teamId);
  const general = of(null);
  return {
    ...board,
    teams: board.teams.map((team) => ({
      ...team,
      queueLength: of(team.id)?.length ?? 0,
      longestWaitSince: of(team.id)?.longestWaitSince ?? null,
    })),
    generalQueue: { teamId: null, length: general?.length ?? 0, longestWaitSince: general?.longestWaitSince ?? null },
  };
}

/**
 * Applies the routing frames to what the console has cached: a colleague's presence and load (`agent`) to the
 * header switcher (when it is me), the agent directory the pickers read and the supervision board; the queues
 * (`queues`) to the board and the queue badge, and marks the queue list stale.
 */
export function applyRoutingFrame(queryClient: QueryClient, frame: ServerFrame, me: string): void {
  if (frame.type === 'agent') {
    const { agent } = frame;
    if (agent.id === me) queryClient.setQueryData<AgentStatusView>(myPresenceKey, agent);
    queryClient.setQueryData<AgentDirectoryResponse>(agentDirectoryKey, (directory) =>
      directory
        ? {
            items: directory.items.map((entry) =>
              entry.id === agent.id
                ? {
                    ...entry,
                    presence: agent.presence,
                    activeChats: agent.activeChats,
                    chatLimit: agent.chatLimit,
                    teamIds: agent.teamIds,
                  }
                : entry,
            ),
          }
        : directory,
    );
    queryClient.setQueryData<SupervisionBoard>(supervisionBoardKey, (board) =>
      board ? patchBoardAgent(board, agent) : board,
    );
    return;
  }
  if (frame.type === 'queues') {
    queryClient.setQueryData<QueueStatsView[]>(queueStatsKey, frame.queues);
    queryClient.setQueryData<SupervisionBoard>(supervisionBoardKey, (board) =>
      board ? patchBoardQueues(board, frame.queues) : board,
    );
    void queryClient.invalidateQueries({ queryKey: routingQueueKey });
  }
}
