import { PictureOutlined, ThunderboltOutlined } from '@ant-design/icons';
import {
  type AttachmentView,
  type ConversationView,
  fillQuickReplyVariables,
  type QuickReplyVariable,
  type QuickReplyView,
  rankQuickReplies,
} from '@kefu/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Flex, Tag, Typography, theme } from 'antd';
import { type KeyboardEvent, type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { accountKey, fetchAccount } from '../api/account';
import { conversationDetailKey, getConversation } from '../api/conversations';
import { inboxesKey, listInboxes } from '../api/inboxes';
import { insertQuickReply, listUsableQuickReplies, usableQuickRepliesKey } from '../api/quickReplies';
import { useSignedInSession } from '../auth/SessionContext';
import { findQuickReplyTrigger, type QuickReplyTrigger, replaceTrigger } from './quickReplyTrigger';

/** What inserting a quick reply does to the composer. */
export interface QuickReplyInsertion {
  text: string;
  caret: number;
  /** The reply's picture, being copied into a fresh upload for this message. */
  picture: { name: string; upload: Promise<AttachmentView> } | null;
}

const MAX_SHOWN = 50;
const CACHE_MS = 60_000;

/** The values of the quick-reply variables for this conversation, as the agent sees it (phone masked). */
export function quickReplyValues(input: {
  conversation: ConversationView | undefined;
  agentName: string;
  inboxName: string | undefined;
  timeZone: string | undefined;
  now: Date;
}): Record<QuickReplyVariable, string> {
  const { conversation } = input;
  return {
    'contact.name': conversation?.contact.name ?? '',
    'contact.phone': conversation?.contact.phone ?? '',
    'agent.name': input.agentName,
    'conversation.id': conversation?.id ?? '',
    'inbox.name': input.inboxName ?? '',
    // en-CA writes dates as YYYY-MM-DD.
    'date.today': new Intl.DateTimeFormat('en-CA', input.timeZone ? { timeZone: input.timeZone } : {}).format(
      input.now,
    ),
  };
}

/**
 * The `/` picker of the composer: typing `/` and a few letters of a reply's title, its text or their pinyin
 * initials lists matching quick replies; ↑/↓ choose, Enter or Tab insert with the variables filled in, Esc
 * closes. The composer passes its keys through `onKeyDown` first and shows `picker` above its input.
 */
export function useQuickReplyPicker(options: {
  conversationId: string;
  text: string;
  textArea: () => HTMLTextAreaElement | null;
  onInsert: (insertion: QuickReplyInsertion) => void;
}): { picker: ReactNode; onKeyDown: (event: KeyboardEvent<HTMLTextAreaElement>) => boolean } {
  const { conversationId, text, textArea, onInsert } = options;
  const { user } = useSignedInSession();
  const queryClient = useQueryClient();
  const [caret, setCaret] = useState<number | null>(null);
  // The choice belongs to the search it was made in: typing another letter starts again at the top.
  const [choice, setChoice] = useState({ query: '', index: 0 });
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);

  // The caret moves without the text changing (arrows, clicks): follow it, and close the picker on blur.
  useEffect(() => {
    const element = textArea();
    if (!element) return;
    const follow = () => setCaret(element.selectionStart);
    const leave = () => setCaret(null);
    element.addEventListener('keyup', follow);
    element.addEventListener('click', follow);
    element.addEventListener('focus', follow);
    element.addEventListener('blur', leave);
    return () => {
      element.removeEventListener('keyup', follow);
      element.removeEventListener('click', follow);
      element.removeEventListener('focus', follow);
      element.removeEventListener('blur', leave);
    };
  }, [textArea]);

  const element = textArea();
  // While typing, the element's caret is already where the new text puts it.
  const position = element && document.activeElement === element ? element.selectionStart : caret;
  const trigger: QuickReplyTrigger | null = position === null ? null : findQuickReplyTrigger(text, position);
  const open = trigger !== null && trigger.start !== dismissedAt;
  const typingTrigger = trigger !== null;
  useEffect(() => {
    if (!typingTrigger) setDismissedAt(null);
  }, [typingTrigger]);

  const replies = useQuery({
    queryKey: usableQuickRepliesKey,
    queryFn: ({ signal }) => listUsableQuickReplies(signal),
    enabled: open,
    staleTime: CACHE_MS,
  });
  const conversation = useQuery({
    queryKey: conversationDetailKey(conversationId),
    queryFn: ({ signal }) => getConversation(conversationId, signal),
    enabled: open,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const inboxes = useQuery({ queryKey: inboxesKey, queryFn: listInboxes, enabled: open, staleTime: CACHE_MS });
  const account = useQuery({ queryKey: accountKey, queryFn: fetchAccount, enabled: open, staleTime: CACHE_MS });

  const query = trigger?.query ?? '';
  const matches = useMemo(
    () => (replies.data ? rankQuickReplies(replies.data.items, query).slice(0, MAX_SHOWN) : []),
    [replies.data, query],
  );
  const active = choice.query === query ? Math.min(choice.index, Math.max(0, matches.length - 1)) : 0;
  const setActive = (index: number) => setChoice({ query, index });

  const values = quickReplyValues({
    conversation: conversation.data,
    agentName: user.name,
    inboxName: inboxes.data?.items.find((inbox) => inbox.id === conversation.data?.inboxId)?.name,
    timeZone: account.data?.timezone,
    now: new Date(),
  });

  const insert = (reply: QuickReplyView) => {
    if (!trigger) return;
    const inserted = replaceTrigger(text, trigger, fillQuickReplyVariables(reply.content, values));
    const used = insertQuickReply(reply.id);
    // The next `/` ranks this reply higher.
    used.then(() => queryClient.invalidateQueries({ queryKey: usableQuickRepliesKey })).catch(() => undefined);
    const upload = used.then(({ attachment }) => {
      if (!attachment) throw new Error('the quick reply lost its picture');
      return attachment;
    });
    if (!reply.picture) upload.catch(() => undefined);
    onInsert({ ...inserted, picture: reply.picture ? { name: reply.picture.fileName, upload } : null });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): boolean => {
    // Keys that confirm an IME composition (拼音) belong to the input method.
    if (!open || !trigger || event.nativeEvent.isComposing || event.keyCode === 229) return false;
    if (event.key === 'Escape') {
      event.preventDefault();
      setDismissedAt(trigger.start);
      return true;
    }
    if (matches.length === 0) return false;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((active + step + matches.length) % matches.length);
      return true;
    }
    if ((event.key === 'Enter' && !event.shiftKey) || event.key === 'Tab') {
      event.preventDefault();
      const chosen = matches[active];
      if (chosen) insert(chosen);
      return true;
    }
    return false;
  };

  const picker = open ? (
    <PickerPanel
      replies={matches}
      active={active}
      loading={replies.isPending}
      failed={replies.isError}
      values={values}
      onPick={insert}
      onHover={setActive}
    />
  ) : null;
  return { picker, onKeyDown };
}

function PickerPanel(props: {
  replies: QuickReplyView[];
  active: number;
  loading: boolean;
  failed: boolean;
  values: Record<QuickReplyVariable, string>;
  onPick: (reply: QuickReplyView) => void;
  onHover: (index: number) => void;
}) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const list = useRef<HTMLDivElement>(null);
  useEffect(() => {
    list.current?.children[props.active]?.scrollIntoView?.({ block: 'nearest' });
  }, [props.active]);

  const status = props.loading
    ? t('quickReplies.picker.loading')
    : props.failed
      ? t('quickReplies.picker.failed')
      : props.replies.length === 0
        ? t('quickReplies.picker.empty')
        : null;
  return (
    // A zero-height anchor: the panel opens upwards over the messages instead of pushing the composer down.
    <div style={{ position: 'relative', height: 0 }}>
      <div
        style={{
          position: 'absolute',
          bottom: 6,
          left: 0,
          right: 0,
          zIndex: 10,
          background: token.colorBgElevated,
          border: `1px solid ${token.colorBorderSecondary}`,
          borderRadius: token.borderRadiusLG,
          boxShadow: token.boxShadowSecondary,
          overflow: 'hidden',
        }}
        data-testid="quick-reply-picker"
      >
        <Flex
          justify="space-between"
          style={{ padding: '4px 10px', borderBottom: `1px solid ${token.colorSplit}`, fontSize: 12 }}
        >
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            <ThunderboltOutlined /> {t('quickReplies.picker.label')}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('quickReplies.picker.hint')}
          </Typography.Text>
        </Flex>
        {status ? (
          <div style={{ padding: '8px 10px' }}>
            <Typography.Text type="secondary">{status}</Typography.Text>
          </div>
        ) : (
          <div
            ref={list}
            role="listbox"
            aria-label={t('quickReplies.picker.label')}
            style={{ maxHeight: 260, overflowY: 'auto' }}
          >
            {props.replies.map((reply, index) => (
              <div
                key={reply.id}
                role="option"
                tabIndex={-1}
                aria-selected={index === props.active}
                // mousedown, not click: the text area keeps the focus and the caret.
                onMouseDown={(event) => {
                  event.preventDefault();
                  props.onPick(reply);
                }}
                onMouseEnter={() => props.onHover(index)}
                style={{
                  padding: '6px 10px',
                  cursor: 'pointer',
                  background: index === props.active ? token.controlItemBgActive : undefined,
                }}
              >
                <Flex gap={6} align="center">
                  <Typography.Text strong>{reply.title}</Typography.Text>
                  <Tag bordered={false} style={{ marginInlineEnd: 0 }}>
                    {t(`quickReplies.scopes.${reply.scope}`)}
                  </Tag>
                  {reply.picture ? <PictureOutlined aria-label={t('quickReplies.picker.withPicture')} /> : null}
                </Flex>
                <Typography.Text type="secondary" ellipsis style={{ display: 'block', fontSize: 12 }}>
                  {fillQuickReplyVariables(reply.content, props.values)}
                </Typography.Text>
              </div>
            ))}
          </div>
        )}
      </div>
    </div>
  );
}
