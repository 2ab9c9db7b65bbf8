import { DownOutlined } from '@ant-design/icons';
import { PRESENCE_STATUSES, type PresenceStatus } from '@kefu/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Dropdown, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { getMyPresence, myPresenceKey, setMyPresence } from '../api/presence';
import { useErrorMessage } from '../api/useErrorMessage';
import { PRESENCE_COLORS } from './presenceLook';

/**
 * The header's status switch (在线 / 忙碌 / 小休 / 离线) with the agent's own load (3/10). Other tabs and colleagues
 * follow through the `agent` frame the server sends after the change.
 */
export function PresenceSwitcher() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const presence = useQuery({ queryKey: myPresenceKey, queryFn: ({ signal }) => getMyPresence(signal) });
  const change = useMutation({
    mutationFn: setMyPresence,
    onSuccess: (agent) => queryClient.setQueryData(myPresenceKey, agent),
    onError: (error) => message.error(errorMessage(error)),
  });

  const me = presence.data;
  if (!me) return null;
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        selectable: true,
        selectedKeys: [me.presence],
        items: PRESENCE_STATUSES.map((status) => ({
          key: status,
          label: (
            <span data-testid={`presence-option-${status}`}>
              <Badge color={PRESENCE_COLORS[status]} text={t(`presence.statuses.${status}`)} />
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, paddingInlineStart: 14 }}>
                {t(`presence.hints.${status}`)}
              </Typography.Text>
            </span>
          ),
        })),
        onClick: ({ key }) => {
          if (key !== me.presence) change.mutate(key as PresenceStatus);
        },
      }}
    >
      <Button
        type="text"
        loading={change.isPending}
        data-testid="presence-switcher"
        data-presence={me.presence}
        aria-label={t('presence.switcherLabel', { status: t(`presence.statuses.${me.presence}`) })}
      >
        <Badge color={PRESENCE_COLORS[me.presence]} text={t(`presence.statuses.${me.presence}`)} />
        <Typography.Text type="secondary" data-testid="my-load" title={t('presence.loadHint')}>
          {t('presence.load', { active: me.activeChats, limit: me.chatLimit })}
        </Typography.Text>
        <DownOutlined style={{ fontSize: 10 }} />
      </Button>
    </Dropdown>
  );
}
