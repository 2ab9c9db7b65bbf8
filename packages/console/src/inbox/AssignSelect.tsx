import type { ConversationView } from '@kefu/shared';
import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { agentDirectoryKey, listAgents } from '../api/agents';
import type { UpdateConversationBody } from '../api/conversations';
import { listTeams, teamsKey } from '../api/teams';
import { usePermission } from '../auth/usePermission';
import { PresenceBadge } from '../presence/PresenceBadge';

/**
 * "Assign to…": a colleague (with their status and load) or a team. The lists load when it is first
 * opened, so an inbox with many conversations does not fetch them for nothing.
 */
export function AssignSelect({
  conversation,
  disabled,
  onAssign,
}: {
  conversation: ConversationView;
  disabled: boolean;
  onAssign(body: Pick<UpdateConversationBody, 'assigneeId' | 'teamId'>): void;
}) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const canListAgents = usePermission('users.directory');
  const canListTeams = usePermission('teams.read');
  const agents = useQuery({
    queryKey: agentDirectoryKey,
    queryFn: ({ signal }) => listAgents(signal),
    enabled: opened && canListAgents,
    staleTime: 30_000,
  });
  const teams = useQuery({
    queryKey: teamsKey,
    queryFn: () => listTeams(),
    enabled: opened && canListTeams,
    staleTime: 60_000,
  });
  if (!canListAgents && !canListTeams) return null;

  const colleagues = (agents.data?.items ?? []).map((agent) => ({
    value: `user:${agent.id}`,
    searchText: agent.name,
    disabled: agent.id === conversation.assigneeId,
    label: (
      <PresenceBadge
        presence={agent.presence}
        name={agent.name}
        load={{ activeChats: agent.activeChats, chatLimit: agent.chatLimit }}
      />
    ),
  }));
  const teamOptions = (teams.data?.items ?? []).map((team) => ({
    value: `team:${team.id}`,
    searchText: team.name,
    disabled: team.id === conversation.teamId,
    label: team.name,
  }));
  const failed = agents.isError || teams.isError;

  return (
    <Select<string | null>
      size="small"
      value={null}
      placeholder={t('assign.placeholder')}
      aria-label={t('assign.placeholder')}
      showSearch={{ optionFilterProp: 'searchText' }}
      onOpenChange={(open) => {
        if (open) setOpened(true);
      }}
      loading={agents.isFetching || teams.isFetching}
      notFoundContent={failed ? t('assign.loadFailed') : t('assign.nobody')}
      options={[
        ...(colleagues.length > 0 ? [{ label: t('assign.colleagues'), options: colleagues }] : []),
        ...(teamOptions.length > 0 ? [{ label: t('assign.teams'), options: teamOptions }] : []),
      ]}
      onChange={(value) => {
        const [kind, id] = (value ?? '').split(':');
        if (!id) return;
        onAssign(kind === 'user' ? { assigneeId: id } : { teamId: id });
      }}
      disabled={disabled}
      popupMatchSelectWidth={false}
      style={{ width: 140 }}
      data-testid="assign-to"
    />
  );
}
