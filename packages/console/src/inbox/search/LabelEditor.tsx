import { CloseOutlined, PlusOutlined } from '@ant-design/icons';
import type { ConversationView } from '@kefu/shared';
import { useMutation } from '@tanstack/react-query';
import { App, Flex, Select, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { updateConversation } from '../../api/conversations';
import { useErrorMessage } from '../../api/useErrorMessage';
import { usePermission } from '../../auth/usePermission';
import { LabelTag } from '../../pages/settings/labels/LabelTag';
import { useRealtime } from '../../realtime/RealtimeContext';
import { useLabels } from './useLabels';

/** The conversation's labels in its header: agents add one from the workspace's list or remove one. */
export function LabelEditor({ conversation }: { conversation: ConversationView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const realtime = useRealtime();
  const canEdit = usePermission('conversations.reply');
  const [adding, setAdding] = useState(false);
  const { labels, byName } = useLabels();

  const save = useMutation({
    mutationFn: (next: string[]) => updateConversation(conversation.id, { labels: next }),
    onSuccess: (updated) => realtime.applyConversation(updated),
    onError: (error) => message.error(errorMessage(error)),
  });
  const current = conversation.labels;
  const addable = labels.filter((label) => !current.includes(label.name));

  return (
    <Flex wrap gap={4} align="center" data-testid="label-editor" aria-label={t('conversationSearch.labels')}>
      {current.map((name) => (
        <Tag
          key={name}
          color={byName.get(name)?.color === 'default' ? undefined : byName.get(name)?.color}
          closable={canEdit && !save.isPending}
          closeIcon={<CloseOutlined aria-label={t('conversationSearch.removeLabel', { name })} />}
          onClose={(event) => {
            event.preventDefault();
            save.mutate(current.filter((label) => label !== name));
          }}
          style={{ marginInlineEnd: 0 }}
          data-testid="label-tag"
        >
          {name}
        </Tag>
      ))}
      {canEdit && adding ? (
        <Select
          size="small"
          autoFocus
          defaultOpen
          showSearch
          style={{ width: 140 }}
          placeholder={t('conversationSearch.pickLabel')}
          aria-label={t('conversationSearch.pickLabel')}
          notFoundContent={t('conversationSearch.noMoreLabels')}
          options={addable.map((label) => ({
            value: label.name,
            label: <LabelTag name={label.name} color={label.color} />,
          }))}
          optionFilterProp="value"
          onChange={(name: string) => {
            setAdding(false);
            save.mutate([...current, name]);
          }}
          onBlur={() => setAdding(false)}
        />
      ) : null}
      {canEdit && !adding ? (
        <Tag
          icon={<PlusOutlined />}
          onClick={() => setAdding(true)}
          style={{ borderStyle: 'dashed', cursor: 'pointer', marginInlineEnd: 0 }}
          role="button"
          tabIndex={0}
          onKeyDown={(event) => {
            if (event.key === 'Enter' || event.key === ' ') setAdding(true);
          }}
          data-testid="add-label"
        >
          {t('conversationSearch.addLabel')}
        </Tag>
      ) : null}
    </Flex>
  );
}
