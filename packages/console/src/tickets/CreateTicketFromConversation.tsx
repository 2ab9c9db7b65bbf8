import { DownOutlined, FileAddOutlined } from '@ant-design/icons';
import type { TicketTypeView } from '@kefu/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { createTicket, ticketKey, ticketsKey } from '../api/tickets';
import { useErrorMessage } from '../api/useErrorMessage';
import { usePermission } from '../auth/usePermission';
import { useTicketTypes } from './useTicketTypes';

/** A type whose form asks for something first cannot be created from the chat alone. */
const needsForm = (type: TicketTypeView) => type.fields.some((field) => field.required);

/**
 * 转工单: turns the conversation into a ticket of the chosen type, transcript included, and opens it. Types whose
 * form has required fields (the complaint register) open the new-ticket form for this conversation instead.
 */
export function CreateTicketFromConversation({ conversationId }: { conversationId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const canWrite = usePermission('tickets.write');
  const types = useTicketTypes();
  const create = useMutation({
    mutationFn: (typeId: string) => createTicket({ typeId, conversationId }),
    onSuccess: (view) => {
      queryClient.setQueryData(ticketKey(view.id), view);
      void queryClient.invalidateQueries({ queryKey: [...ticketsKey, 'list'] });
      navigate(`/tickets/${view.id}`);
    },
    onError: (error) => message.error(errorMessage(error)),
  });
  if (!canWrite) return null;
  const enabled = types.data?.items.filter((type) => type.enabled) ?? [];
  const choose = (type: TicketTypeView) => {
    if (needsForm(type)) {
      navigate(`/tickets/new?type=${encodeURIComponent(type.id)}&conversation=${encodeURIComponent(conversationId)}`);
    } else create.mutate(type.id);
  };
  return (
    <Dropdown
      trigger={['click']}
      disabled={enabled.length === 0}
      menu={{
        items: enabled.map((type) => ({ key: type.id, label: type.name, 'data-testid': `ticket-type-${type.name}` })),
        onClick: ({ key }) => {
          const type = enabled.find((candidate) => candidate.id === key);
          if (type) choose(type);
        },
      }}
    >
      <Button
        size="small"
        icon={<FileAddOutlined />}
        loading={create.isPending}
        data-testid="create-ticket-from-conversation"
      >
        {t('tickets.fromConversation.button')} <DownOutlined />
      </Button>
    </Dropdown>
  );
}
