import type { TicketView } from '@kefu/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { getTicket, ticketKey, ticketsKey } from '../api/tickets';
import { useErrorMessage } from '../api/useErrorMessage';
import { type TicketChangeSummary, ticketChanges } from './ticketChanges';
import { useTicketType } from './useTicketTypes';

export interface TicketChangeOptions<Vars> {
  /** Called with the new view; the ticket's queries are already updated. */
  onSuccess?: (view: TicketView, vars: Vars) => void;
  /** Return true when the error was shown where it belongs (a form field); otherwise a message says it. */
  onError?: (error: unknown) => boolean;
  /** Someone else changed the ticket first: it has been read again and the user told what changed. */
  onConflict?: () => void;
}

/**
 * A change to a ticket that carries the version the user read (optimistic concurrency). The answer replaces the
 * cached view. On CONFLICT the ticket is read again and the user is told what someone else changed meanwhile, so
 * they can decide again on the current state instead of overwriting it.
 */
export function useTicketChange<Vars>(
  ticket: TicketView,
  change: (vars: Vars, version: number) => Promise<TicketView>,
  options: TicketChangeOptions<Vars> = {},
) {
  const queryClient = useQueryClient();
  const { message, notification } = App.useApp();
  const errorMessage = useErrorMessage();
  const describe = useDescribeChange();
  const type = useTicketType(ticket.type.id);

  return useMutation({
    mutationFn: (vars: Vars) => change(vars, ticket.version),
    onSuccess: (view, vars) => {
      queryClient.setQueryData(ticketKey(ticket.id), view);
      void queryClient.invalidateQueries({ queryKey: [...ticketsKey, 'one', ticket.id], exact: false });
      void queryClient.invalidateQueries({ queryKey: [...ticketsKey, 'list'] });
      options.onSuccess?.(view, vars);
    },
    onError: async (error) => {
      if (error instanceof ApiError && error.code === 'CONFLICT') {
        options.onConflict?.();
        const fresh = await queryClient.fetchQuery({
          queryKey: ticketKey(ticket.id),
          queryFn: ({ signal }) => getTicket(ticket.id, signal),
          staleTime: 0,
        });
        void queryClient.invalidateQueries({ queryKey: [...ticketsKey, 'one', ticket.id], exact: false });
        const labels = new Map((type?.fields ?? []).map((field) => [field.key, field.label]));
        const changes = fresh.access === 'full' ? ticketChanges(ticket, fresh, labels) : [];
        notification.warning({
          key: `ticket-conflict-${ticket.id}`,
          title: describe.title,
          description: (
            <ul data-testid="ticket-conflict" style={{ margin: 0, paddingInlineStart: 16 }}>
              {changes.map((item) => (
                <li key={item.kind}>{describe.item(item)}</li>
              ))}
            </ul>
          ),
          duration: 0,
        });
        return;
      }
      if (options.onError?.(error)) return;
      message.error(errorMessage(error));
    },
  });
}

function useDescribeChange() {
  const { t } = useTranslation();
  const none = t('common.none');
  return {
    title: t('tickets.conflict.heading'),
    item(change: TicketChangeSummary): string {
      switch (change.kind) {
        case 'state':
          return t('tickets.conflict.state', { from: change.from, to: change.to });
        case 'assignee':
          return t('tickets.conflict.assignee', { from: change.from ?? none, to: change.to ?? none });
        case 'priority':
          return t('tickets.conflict.priority', {
            from: t(`tickets.priorities.${change.from as 'normal'}`),
            to: t(`tickets.priorities.${change.to as 'normal'}`),
          });
        case 'title':
          return t('tickets.conflict.title', { to: change.to });
        case 'team':
          return t('tickets.conflict.team', { from: change.from ?? none, to: change.to ?? none });
        case 'resolution':
          return t('tickets.conflict.resolution');
        case 'fields':
          return t('tickets.conflict.fields', { labels: change.labels.join('、') });
        case 'tasks':
          return t('tickets.conflict.tasks');
        default:
          return t('tickets.conflict.other');
      }
    },
  };
}
