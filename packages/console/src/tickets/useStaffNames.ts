import { useQuery } from '@tanstack/react-query';
import { listUsers, usersListKey } from '../api/users';
import { usePermission } from '../auth/usePermission';
import { useAgentDirectory } from '../presence/useAgentDirectory';

/**
 * Names of the people a ticket or task can name, by id: the agent directory (agents, supervisors, admins) and,
 * for those who may list users, department members too (the directory leaves them out).
 */
export function useStaffNames(): Map<string, string> {
  const canListUsers = usePermission('users.read');
  const agents = useAgentDirectory();
  const users = useQuery({
    queryKey: usersListKey({ status: 'active' }),
    queryFn: () => listUsers({ status: 'active' }),
    enabled: canListUsers,
    staleTime: 60_000,
  });
  const names = new Map<string, string>();
  for (const agent of agents.data?.items ?? []) names.set(agent.id, agent.name);
  for (const user of users.data?.items ?? []) names.set(user.id, user.name);
  return names;
}
