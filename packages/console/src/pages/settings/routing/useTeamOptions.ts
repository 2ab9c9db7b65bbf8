import { useQuery } from '@tanstack/react-query';
import { listTeams, teamsKey } from '../../../api/teams';

/** Skill teams (售前, 售后 …) to route to; department teams (协办) take no chats. */
export function useTeamOptions() {
  const teams = useQuery({ queryKey: teamsKey, queryFn: () => listTeams(), staleTime: 60_000 });
  const options = (teams.data?.items ?? [])
    .filter((team) => team.kind === 'skill')
    .map((team) => ({ value: team.id, label: team.name }));
  return { options, loading: teams.isPending };
}
