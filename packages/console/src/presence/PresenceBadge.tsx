import type { PresenceStatus } from '@kefu/shared';
import { Badge } from 'antd';
import { useTranslation } from 'react-i18next';
import { PRESENCE_COLORS } from './presenceLook';

/** An agent's status as a coloured dot and its name; with their load (3/10) when given. */
export function PresenceBadge({
  presence,
  name,
  load,
}: {
  presence: PresenceStatus;
  name?: string;
  load?: { activeChats: number; chatLimit: number };
}) {
  const { t } = useTranslation();
  const parts = [name, t(`presence.statuses.${presence}`), load ? `${load.activeChats}/${load.chatLimit}` : undefined];
  return (
    <Badge
      color={PRESENCE_COLORS[presence]}
      text={parts.filter(Boolean).join(' · ')}
      data-testid="presence-badge"
      data-presence={presence}
    />
  );
}
