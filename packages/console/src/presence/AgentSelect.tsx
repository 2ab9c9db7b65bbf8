import type { AgentDirectoryEntry } from '@kefu/shared';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { PresenceBadge } from './PresenceBadge';
import { useAgentDirectory } from './useAgentDirectory';

/**
 * Picks a colleague, each shown with their status and load (在线 · 3/10). `unavailable` says why one cannot be
 * picked (shown beside the name, the option disabled); `hidden` leaves people out altogether.
 */
export function AgentSelect({
  id,
  value,
  onChange,
  unavailable,
  hidden = [],
  placeholder,
  allowClear,
  testId,
}: {
  id?: string;
  value?: string | null;
  onChange?: (value: string | null) => void;
  unavailable?: (agent: AgentDirectoryEntry) => string | null;
  hidden?: readonly (string | null)[];
  placeholder?: string;
  allowClear?: boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  const directory = useAgentDirectory();
  const agents = (directory.data?.items ?? []).filter((agent) => !hidden.includes(agent.id));
  return (
    <Select<string | null>
      id={id}
      value={value ?? undefined}
      onChange={(next) => onChange?.(next ?? null)}
      allowClear={allowClear}
      placeholder={placeholder ?? t('routing.pickAgent')}
      showSearch={{ optionFilterProp: 'searchText' }}
      loading={directory.isFetching}
      notFoundContent={directory.isError ? t('assign.loadFailed') : t('routing.noAgents')}
      data-testid={testId}
      options={agents.map((agent) => {
        const reason = unavailable?.(agent) ?? null;
        return {
          value: agent.id,
          searchText: agent.name,
          disabled: reason !== null,
          label: (
            <span data-testid="agent-option" data-agent-name={agent.name}>
              <PresenceBadge
                presence={agent.presence}
                name={agent.name}
                load={{ activeChats: agent.activeChats, chatLimit: agent.chatLimit }}
              />
              {reason ? <span style={{ marginInlineStart: 8, opacity: 0.7 }}>({reason})</span> : null}
            </span>
          ),
        };
      })}
    />
  );
}
