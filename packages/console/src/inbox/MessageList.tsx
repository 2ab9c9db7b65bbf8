import type { MessageView } from '@kefu/shared';
import { observeElementRect, type Rect, useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import { Flex, Spin, Typography } from 'antd';
import { type Ref, useCallback, useEffect, useImperativeHandle, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { PendingMessage } from '../realtime/stores';
import { MessageBubble, PendingBubble } from './MessageBubble';

type Row =
  | { key: string; message: MessageView; pending?: never }
  | { key: string; pending: PendingMessage; message?: never };

export interface MessageListHandle {
  scrollToEnd(): void;
}

interface MessageListProps {
  messages: MessageView[];
  pending: PendingMessage[];
  hasMore: boolean;
  loadingOlder: boolean;
  contactLastReadSeq: number;
  onLoadOlder(): void;
  onRetry(clientId: string): void;
  onDiscard(clientId: string): void;
  ref?: Ref<MessageListHandle>;
}

/** Room above the first message for "loading" / "start of the conversation". */
const HEADER_PX = 36;
/** Loads older history this close to the top. */
const LOAD_OLDER_WITHIN_PX = 400;
/** Before a layout exists (tests, a hidden tab) the list renders as if it had this size. */
const FALLBACK_RECT: Rect = { width: 640, height: 800 };

function observeRectWithFallback(instance: Virtualizer<HTMLDivElement, Element>, cb: (rect: Rect) => void) {
  return observeElementRect(instance, (rect) => cb(rect.height > 0 ? rect : FALLBACK_RECT));
}

/**
 * The history of one conversation, virtualised so 10,000 messages cost what 30 do. Anchored to its end: it follows
 * new messages while the agent is at the bottom, and keeps what they are reading in place when older pages load
 * above it.
 */
export function MessageList({
  messages,
  pending,
  hasMore,
  loadingOlder,
  contactLastReadSeq,
  onLoadOlder,
  onRetry,
  onDiscard,
  ref,
}: MessageListProps) {
  const { t } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);

  const rows = useMemo<Row[]>(() => {
    const stored = new Set(messages.map((message) => message.clientId).filter(Boolean));
    return [
      ...messages.map((message) => ({ key: message.id, message })),
      ...pending.filter((p) => !stored.has(p.clientId)).map((p) => ({ key: `pending:${p.clientId}`, pending: p })),
    ];
  }, [messages, pending]);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 72,
    getItemKey: (index) => rows[index]?.key ?? index,
    overscan: 10,
    paddingStart: HEADER_PX,
    paddingEnd: 8,
    anchorTo: 'end',
    followOnAppend: true,
    scrollEndThreshold: 48,
    observeElementRect: observeRectWithFallback,
    initialRect: FALLBACK_RECT,
  });

  useImperativeHandle(ref, () => ({ scrollToEnd: () => virtualizer.scrollToEnd() }), [virtualizer]);

  // Open at the newest message.
  const opened = useRef(false);
  useEffect(() => {
    if (opened.current || rows.length === 0) return;
    opened.current = true;
    virtualizer.scrollToEnd();
  }, [rows.length, virtualizer]);

  const maybeLoadOlder = useCallback(() => {
    const element = scroller.current;
    if (!element || !hasMore || loadingOlder) return;
    // clientHeight is 0 without layout (tests): never page in a loop there.
    if (element.clientHeight === 0) return;
    const fillsView = element.scrollHeight > element.clientHeight;
    if (element.scrollTop < LOAD_OLDER_WITHIN_PX || !fillsView) onLoadOlder();
  }, [hasMore, loadingOlder, onLoadOlder]);

  // A short history that does not fill the view cannot be scrolled up: load more until it does.
  useEffect(() => {
    if (opened.current) maybeLoadOlder();
  }, [maybeLoadOlder]);

  const items = virtualizer.getVirtualItems();
  return (
    <div
      ref={scroller}
      role="log"
      aria-label={t('inbox.historyLabel')}
      // Rows mount and unmount while scrolling; announcing them would be noise. New messages are announced by the
      // conversation pane instead.
      aria-live="off"
      onScroll={maybeLoadOlder}
      style={{ height: '100%', overflowY: 'auto', overflowAnchor: 'none', contain: 'strict' }}
      data-testid="message-list"
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative', width: '100%' }}>
        <Flex
          justify="center"
          align="center"
          style={{ position: 'absolute', top: 0, width: '100%', height: HEADER_PX }}
        >
          {loadingOlder ? (
            <Spin size="small" />
          ) : !hasMore && rows.length > 0 ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('inbox.historyStart')}
            </Typography.Text>
          ) : null}
        </Flex>
        {items.map((item) => {
          const row = rows[item.index];
          if (!row) return null;
          return (
            <div
              key={item.key as string}
              data-index={item.index}
              ref={virtualizer.measureElement}
              style={{ position: 'absolute', top: 0, left: 0, width: '100%', transform: `translateY(${item.start}px)` }}
            >
              {row.message ? (
                <MessageBubble message={row.message} contactLastReadSeq={contactLastReadSeq} />
              ) : (
                <PendingBubble
                  pending={row.pending}
                  onRetry={() => onRetry(row.pending.clientId)}
                  onDiscard={() => onDiscard(row.pending.clientId)}
                />
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
