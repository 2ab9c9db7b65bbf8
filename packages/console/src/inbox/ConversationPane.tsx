import type { ConversationView, MessageView } from '@kefu/shared';
import { type QueryClient, useQuery, useQueryClient } from '@tanstack/react-query';
import { Flex, Spin, Typography, theme } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { conversationDetailKey, conversationListsKey, getConversation, messagesKey } from '../api/conversations';
import { useSignedInSession } from '../auth/SessionContext';
import { usePermission } from '../auth/usePermission';
import { ErrorAlert } from '../components/ErrorAlert';
import { useRealtime } from '../realtime/RealtimeContext';
import type { PendingMessage, TypingEntry } from '../realtime/stores';
import { useStoreValue } from '../realtime/stores';
import { Composer } from './Composer';
import { ConversationActions } from './ConversationActions';
import { WaitingTime } from './ConversationList';
import { CustomerSidebar } from './CustomerSidebar';
import { type ConversationListData, findInList, lastSeqOf } from './conversationCache';
import { MessageList, type MessageListHandle } from './MessageList';
import { StatusTag } from './StatusTag';
import { LabelEditor } from './search/LabelEditor';
import { ParticipantsLine } from './transfer/ParticipantsLine';

const NO_PENDING: PendingMessage[] = [];
const NO_MESSAGES: MessageView[] = [];

function fromLists(queryClient: QueryClient, id: string): ConversationView | undefined {
  for (const [, data] of queryClient.getQueriesData<ConversationListData>({ queryKey: conversationListsKey })) {
    const found = findInList(data, id);
    if (found) return found;
  }
  return undefined;
}

/**
 * Marks the conversation read up to the newest message shown, whenever it has unread messages and the agent can
 * actually see it: the tab visible and the window focused.
 */
function useMarkRead(conversationId: string, unreadCount: number, lastSeq: number) {
  const realtime = useRealtime();
  const marked = useRef(0);
  useEffect(() => {
    const attempt = () => {
      if (unreadCount === 0 || lastSeq === 0 || lastSeq <= marked.current) return;
      if (document.visibilityState !== 'visible' || !document.hasFocus()) return;
      marked.current = lastSeq;
      realtime.markRead(conversationId, lastSeq).catch(() => {
        marked.current = 0;
      });
    };
    attempt();
    document.addEventListener('visibilitychange', attempt);
    window.addEventListener('focus', attempt);
    return () => {
      document.removeEventListener('visibilitychange', attempt);
      window.removeEventListener('focus', attempt);
    };
  }, [conversationId, unreadCount, lastSeq, realtime]);
}

const VISUALLY_HIDDEN = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
} as const;

/** What a screen reader should say when the customer writes: their newest message, once. */
function useNewMessageAnnouncement(last: MessageView | undefined): string {
  const { t } = useTranslation();
  const seen = useRef<string | undefined>(undefined);
  const [text, setText] = useState('');
  useEffect(() => {
    if (!last) return;
    const first = seen.current === undefined;
    if (last.id === seen.current) return;
    seen.current = last.id;
    if (!first && last.kind === 'incoming') {
      setText(`${last.sender.name ?? t('inbox.customer')}: ${last.content}`);
    }
  }, [last, t]);
  return text;
}

/** The open conversation: header with actions, history, composer, and the customer sidebar beside it. */
export function ConversationPane({ conversationId, hrefFor }: { conversationId: string; hrefFor(id: string): string }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const queryClient = useQueryClient();
  const realtime = useRealtime();
  const canReply = usePermission('conversations.reply');
  const list = useRef<MessageListHandle>(null);

  const detail = useQuery<ConversationView>({
    queryKey: conversationDetailKey(conversationId),
    queryFn: ({ signal }) => getConversation(conversationId, signal),
    placeholderData: (): ConversationView | undefined => fromLists(queryClient, conversationId),
  });
  const history = useQuery({
    queryKey: messagesKey(conversationId),
    queryFn: ({ signal }) => realtime.loadLatest(conversationId, signal),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 30 * 60_000,
    refetchOnWindowFocus: false,
  });
  const pending = useStoreValue(realtime.pending, conversationId) ?? NO_PENDING;
  const contactRead = useStoreValue(realtime.contactReads, conversationId) ?? 0;
  const typing = useStoreValue(realtime.typing, conversationId);

  const [loadingOlder, setLoadingOlder] = useState(false);
  const [olderError, setOlderError] = useState<unknown>(null);
  const loadOlder = useCallback(() => {
    setLoadingOlder(true);
    setOlderError(null);
    realtime
      .loadOlder(conversationId)
      .catch(setOlderError)
      .finally(() => setLoadingOlder(false));
  }, [realtime, conversationId]);

  const conversation = detail.data;
  const announcement = useNewMessageAnnouncement(history.data?.items.at(-1));
  useMarkRead(conversationId, conversation?.unreadCount ?? 0, lastSeqOf(history.data));

  if (detail.isError && !conversation) {
    return (
      <div style={{ padding: 24, flex: 1 }}>
        <ErrorAlert error={detail.error} />
      </div>
    );
  }
  if (!conversation) {
    return (
      <Flex flex={1} justify="center" align="center">
        <Spin />
      </Flex>
    );
  }

  return (
    <>
      <Flex vertical style={{ flex: 1, minWidth: 0, height: '100%' }} data-testid="conversation-pane">
        <Flex
          justify="space-between"
          align="center"
          gap={8}
          wrap
          style={{ padding: '10px 16px', borderBottom: `1px solid ${token.colorSplit}` }}
        >
          <Flex vertical style={{ minWidth: 0 }}>
            <Flex gap={8} align="center">
              <Typography.Title level={5} style={{ margin: 0 }} ellipsis data-testid="conversation-title">
                {conversation.contact.name}
              </Typography.Title>
              <StatusTag status={conversation.status} />
            </Flex>
            <Flex gap={8}>
              <AssigneeText assigneeId={conversation.assigneeId} />
              {conversation.waitingSince && conversation.status !== 'resolved' ? (
                <WaitingTime since={conversation.waitingSince} />
              ) : null}
            </Flex>
            <LabelEditor conversation={conversation} />
            <ParticipantsLine conversationId={conversationId} messages={history.data?.items} />
          </Flex>
          <ConversationActions conversation={conversation} />
        </Flex>
        <div style={{ flex: 1, minHeight: 0, position: 'relative' }}>
          {history.isError ? (
            <div style={{ padding: 16 }}>
              <ErrorAlert error={history.error} />
            </div>
          ) : history.isPending ? (
            <Flex justify="center" align="center" style={{ height: '100%' }}>
              <Spin />
            </Flex>
          ) : (
            <MessageList
              ref={list}
              messages={history.data?.items ?? NO_MESSAGES}
              pending={pending}
              hasMore={history.data?.hasMore ?? false}
              loadingOlder={loadingOlder}
              contactLastReadSeq={Math.max(conversation.contactLastReadSeq, contactRead)}
              onLoadOlder={loadOlder}
              onRetry={(clientId) => realtime.retry(clientId)}
              onDiscard={(clientId) => realtime.discard(clientId)}
            />
          )}
        </div>
        {olderError ? (
          <div style={{ padding: '0 16px' }}>
            <ErrorAlert error={olderError} />
          </div>
        ) : null}
        <div aria-live="polite" style={VISUALLY_HIDDEN} data-testid="announcement">
          {announcement}
        </div>
        <TypingLine entries={typing} />
        {canReply ? (
          <Composer key={conversationId} conversationId={conversationId} onSent={() => list.current?.scrollToEnd()} />
        ) : null}
      </Flex>
      <aside
        style={{ width: 300, flexShrink: 0, borderInlineStart: `1px solid ${token.colorSplit}`, height: '100%' }}
        aria-label={t('inbox.customerInfo')}
      >
        <CustomerSidebar conversation={conversation} hrefFor={hrefFor} />
      </aside>
    </>
  );
}

function AssigneeText({ assigneeId }: { assigneeId: string | null }) {
  const { t } = useTranslation();
  const { user } = useSignedInSession();
  const text =
    assigneeId === null
      ? t('inbox.unassigned')
      : assigneeId === user.id
        ? t('inbox.assignedToMe')
        : t('inbox.assignedToOther');
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="assignee">
      {text}
    </Typography.Text>
  );
}

function TypingLine({ entries }: { entries: TypingEntry[] | undefined }) {
  const { t } = useTranslation();
  const entry = entries?.find((e) => e.senderType === 'contact') ?? entries?.[0];
  return (
    <div style={{ height: 22, padding: '0 16px' }} aria-live="polite">
      {entry ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="typing-indicator">
          {entry.senderType === 'contact'
            ? t('inbox.customerTyping')
            : t('inbox.agentTyping', { name: entry.name ?? t('inbox.agent') })}
        </Typography.Text>
      ) : null}
    </div>
  );
}
