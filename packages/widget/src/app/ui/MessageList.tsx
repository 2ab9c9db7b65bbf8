import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { activityText } from '../activityText';
import type { WidgetApi } from '../api';
import type { OutboxError } from '../chat/outbox';
import type { MessageKey, Translate } from '../i18n';
import { type AttachmentView, MAX_MESSAGE_CHARS, type MessageView } from '../protocol';
import { saveBlob } from '../saveBlob';
import { type BotActions, BotReply, type BotView } from './BotReply';
import { formatBytes } from './linkify';
import { MessageText } from './MessageText';

export type MessageStatus = 'pending' | 'sent' | 'read' | 'failed';

/** One line of the chat, whether stored, acknowledged or still in the outbox. */
export interface ChatRow {
  key: string;
  own: boolean;
  /** `activity` rows are system notes ("the conversation was resolved"), shown centred. */
  activity?: boolean;
  /** What an activity row records, to show it in the widget's language. */
  activityDetail?: MessageView['activity'];
  senderName: string | null;
  content: string;
  attachments: AttachmentView[];
  createdAt: string | null;
  status?: MessageStatus;
  clientId?: string;
  error?: OutboxError | null;
  /** Set on the answer bot's messages that carry buttons or a rating. */
  bot?: BotView;
}

function errorText(t: Translate, error: OutboxError): string {
  switch (error.code) {
    case 'RATE_LIMITED':
      return t('error.RATE_LIMITED');
    case 'EMPTY_MESSAGE':
      return t('error.EMPTY_MESSAGE');
    case 'MESSAGE_TOO_LONG':
      return t('error.MESSAGE_TOO_LONG', { max: MAX_MESSAGE_CHARS });
    case 'NOT_FOUND':
    case 'FORBIDDEN':
      return t('error.unavailable');
    default:
      return t('error.other');
  }
}

/** Fetches an attachment with the visitor's credentials into an object URL. */
function useBlobUrl(api: WidgetApi, url: string, enabled: boolean): string | null | 'error' {
  const [blobUrl, setBlobUrl] = useState<string | null | 'error'>(null);
  useEffect(() => {
    if (!enabled) return;
    let objectUrl: string | null = null;
    let live = true;
    api.download(url).then(
      (blob) => {
        if (!live) return;
        objectUrl = URL.createObjectURL(blob);
        setBlobUrl(objectUrl);
      },
      () => live && setBlobUrl('error'),
    );
    return () => {
      live = false;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [api, url, enabled]);
  return blobUrl;
}

interface AttachmentProps {
  attachment: AttachmentView;
  api: WidgetApi;
  t: Translate;
  onOpenImage(src: string, alt: string): void;
  onMediaLoad(): void;
}

function FileLink({ attachment, api, t }: AttachmentProps) {
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      saveBlob(await api.download(attachment.url), attachment.fileName);
    } catch {
      // The button stays; the visitor may try again.
    } finally {
      setBusy(false);
    }
  };
  return (
    <button type="button" class="file" onClick={download} disabled={busy} title={t('download')}>
      <svg class="file-icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
        <path fill="currentColor" d="M6 2h8l6 6v14H6zm7 1.5V9h5.5z" opacity=".7" />
      </svg>
      <span class="file-name">{attachment.fileName}</span>
      <span class="file-size">{busy ? t('loading') : formatBytes(attachment.size)}</span>
    </button>
  );
}

function ImageThumb(props: AttachmentProps) {
  const { attachment, api, t, onOpenImage, onMediaLoad } = props;
  const src = useBlobUrl(api, attachment.url, true);
  if (src === 'error') return <FileLink {...props} />;
  return (
    <button
      type="button"
      class="thumb"
      disabled={!src}
      aria-label={`${t('openImage')}: ${attachment.fileName}`}
      onClick={() => src && onOpenImage(src, attachment.fileName)}
    >
      {src ? <img src={src} alt={attachment.fileName} onLoad={onMediaLoad} /> : <span class="thumb-wait" />}
    </button>
  );
}

interface RowProps extends BotActions {
  row: ChatRow;
  api: WidgetApi;
  t: Translate;
  onOpenImage(src: string, alt: string): void;
  onMediaLoad(): void;
  onRetry(clientId: string): void;
  onDiscard(clientId: string): void;
}

const STATUS_KEY: Record<MessageStatus, MessageKey> = {
  pending: 'status.pending',
  sent: 'status.sent',
  read: 'status.read',
  failed: 'error.other',
};

export function MessageRow({ row, api, t, onOpenImage, onMediaLoad, onRetry, onDiscard, onSend, onRate }: RowProps) {
  if (row.activity) {
    return (
      <li class="activity">
        <MessageText text={activityText(row.activityDetail ?? null, row.content, t)} />
      </li>
    );
  }
  const time = row.createdAt ? new Date(row.createdAt).toLocaleString() : undefined;
  return (
    <li class={`row ${row.own ? 'own' : 'agent'}${row.status === 'pending' ? ' pending' : ''}`}>
      {!row.own && row.senderName && <div class="sender">{row.senderName}</div>}
      {row.bot ? (
        <BotReply view={row.bot} content={row.content} time={time} t={t} onSend={onSend} onRate={onRate} />
      ) : (
        row.content && (
          <div class="bubble" title={time}>
            <MessageText text={row.content} />
          </div>
        )
      )}
      {row.attachments.map((attachment) => {
        const props = { attachment, api, t, onOpenImage, onMediaLoad };
        return (
          <div class="attachment" key={attachment.id}>
            {attachment.isImage ? <ImageThumb {...props} /> : <FileLink {...props} />}
          </div>
        );
      })}
      {row.own && row.status && row.status !== 'failed' && (
        <div class={`status status-${row.status}`}>{t(STATUS_KEY[row.status])}</div>
      )}
      {row.own && row.error && row.clientId && (
        <div class="failed" role="alert">
          <span>{errorText(t, row.error)}</span>
          <button type="button" class="link" onClick={() => row.clientId && onRetry(row.clientId)}>
            {t('retry')}
          </button>
          <button type="button" class="link" onClick={() => row.clientId && onDiscard(row.clientId)}>
            {t('discard')}
          </button>
        </div>
      )}
    </li>
  );
}

interface ListProps extends BotActions {
  rows: ChatRow[];
  welcome: string | null;
  typingName: string | null | false;
  hasMore: boolean;
  loadingEarlier: boolean;
  api: WidgetApi;
  t: Translate;
  onLoadEarlier(): void;
  onOpenImage(src: string, alt: string): void;
  onRetry(clientId: string): void;
  onDiscard(clientId: string): void;
}

/** The conversation, newest at the bottom; it follows new messages while the visitor is at the bottom. */
export function MessageList(props: ListProps) {
  const { rows, welcome, typingName, hasMore, loadingEarlier, api, t } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const anchor = useRef<{ height: number; top: number } | null>(null);
  const firstKey = rows[0]?.key;
  const lastRow = rows[rows.length - 1];

  const stickToBottom = () => {
    const el = scroller.current;
    if (el && atBottom.current) el.scrollTop = el.scrollHeight;
  };

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (anchor.current) {
      // Earlier messages were added above: keep what the visitor was looking at in place.
      el.scrollTop = anchor.current.top + (el.scrollHeight - anchor.current.height);
      anchor.current = null;
      return;
    }
    if (lastRow?.own) atBottom.current = true;
    stickToBottom();
  }, [firstKey, lastRow?.key, rows.length, typingName]);

  const loadEarlier = () => {
    const el = scroller.current;
    if (el) anchor.current = { height: el.scrollHeight, top: el.scrollTop };
    props.onLoadEarlier();
  };

  return (
    <div
      class="messages"
      ref={scroller}
      onScroll={(event) => {
        const el = event.currentTarget;
        atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 60;
      }}
    >
      {hasMore && (
        <button type="button" class="load-earlier" onClick={loadEarlier} disabled={loadingEarlier}>
          {loadingEarlier ? t('loading') : t('loadEarlier')}
        </button>
      )}
      <ul role="log" aria-live="polite" aria-relevant="additions">
        {welcome && !hasMore && (
          <li class="row agent welcome">
            <div class="bubble">
              <MessageText text={welcome} />
            </div>
          </li>
        )}
        {rows.map((row) => (
          <MessageRow
            key={row.key}
            row={row}
            api={api}
            t={t}
            onOpenImage={props.onOpenImage}
            onMediaLoad={stickToBottom}
            onRetry={props.onRetry}
            onDiscard={props.onDiscard}
            onSend={props.onSend}
            onRate={props.onRate}
          />
        ))}
      </ul>
      {typingName !== false && (
        <div class="typing" aria-live="polite">
          <span class="dots" aria-hidden="true">
            <i />
            <i />
            <i />
          </span>
          {t('typing', { name: typingName ?? t('agent') })}
        </div>
      )}
    </div>
  );
}
