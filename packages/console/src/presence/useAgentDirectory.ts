import { useQuery } from '@tanstack/react-query';
import { agentDirectoryKey, listAgents } from '../api/agents';
import { usePermission } from '../auth/usePermission';

/** Colleagues with their presence and load; `agent` frames keep it live once loaded (presence/routingFrames.ts). */
export function useAgentDirectory(enabled = true) {
  const canList = usePermission('users.directory');
  return useQuery({
    queryKey: agentDirectoryKey,
    queryFn: ({ signal }) => listAgents(signal),
    enabled: enabled && canList,
    staleTime: 30_000,
  });
}
