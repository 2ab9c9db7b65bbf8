import { TICKET_PRIORITIES } from '@kefu/shared';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { businessHoursKey, listBusinessHours } from '../../../api/businessHours';
import { listTeams, teamsKey } from '../../../api/teams';
import { listUsers, usersListKey } from '../../../api/users';
import { useTicketTypes } from '../../../tickets/useTicketTypes';
import { AROUND_THE_CLOCK } from './policyForm';

interface Option {
  value: string;
  label: string;
}

/**
 * What a policy may name, read from the existing lists: ticket types, business-hours calendars, staff who work
 * tickets (active, not department users: the server refuses others) and teams.
 */
export function usePolicyOptions() {
  const { t } = useTranslation();
  const types = useTicketTypes();
  const calendars = useQuery({ queryKey: businessHoursKey, queryFn: listBusinessHours, staleTime: 60_000 });
  const users = useQuery({
    queryKey: usersListKey({ status: 'active' }),
    queryFn: () => listUsers({ status: 'active' }),
    staleTime: 60_000,
  });
  const teams = useQuery({ queryKey: teamsKey, queryFn: () => listTeams(), staleTime: 60_000 });
  const option = (value: string, label: string): Option => ({ value, label });
  return {
    types: (types.data?.items ?? []).map((type) => option(type.id, type.name)),
    priorities: TICKET_PRIORITIES.map((priority) => option(priority, t(`tickets.priorities.${priority}`))),
    calendars: [
      option(AROUND_THE_CLOCK, t('slaPolicies.allDay')),
      ...(calendars.data?.items ?? []).map((calendar) => option(calendar.id, calendar.name)),
    ],
    staff: (users.data?.items ?? [])
      .filter((user) => user.role !== 'department')
      .map((user) => option(user.id, user.name)),
    teams: (teams.data?.items ?? []).map((team) => option(team.id, team.name)),
    loading: {
      types: types.isPending,
      calendars: calendars.isPending,
      staff: users.isPending,
      teams: teams.isPending,
    },
  };
}
