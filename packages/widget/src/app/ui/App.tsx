import type { ConnectionState } from '@kefu/shared/realtime-client';
import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { COLOR_PATTERN } from '../../bridge';
import type { ChatController, ChatState } from '../chat/controller';
import { isFromAgent } from '../chat/messages';
import { type MessageKey, translator } from '../i18n';
import type { Locale, MessageView } from '../protocol';
import { useTicketsView } from '../tickets/TicketsEntry';
import { Composer } from './Composer';
import { LeaveMessageForm, PrechatForm } from './Forms';
import { type ChatRow, MessageList } from './MessageList';
import { formatOpening, QueueBanner, TeamChoice } from './Routing';

export function useChatState(controller: ChatController): ChatState {
  const [state, setState] = useState(controller.getState());
  useEffect(() => {
    setState(controller.getState());
    return controller.subscribe(setState);
  }, [controller]);
  return state;
}

/** Whether a message is one of the bot's replies to the customer (not its hand-off notice). */
const isBotReply = (m: MessageView) =>
  m.sender.type === 'bot' && m.kind === 'outgoing' && m.payload?.kind !== 'bot_handoff';

/**
 * Stored messages and the outbox as the rows the list shows, with each own message's delivery state and the bot's
 * buttons. Only the bot's latest replies keep live buttons: once anything else follows (the customer writes, a
 * person takes over) they would answer a question no longer asked.
 */
export function chatRows(state: ChatState): ChatRow[] {
  let liveFrom = state.messages.length;
  if (state.outbox.length === 0) {
    while (liveFrom > 0) {
      const m = state.messages[liveFrom - 1]!;
      if (m.conversationId !== state.conversationId || !isBotReply(m)) break;
      liveFrom--;
    }
  }
  const rows: ChatRow[] = state.messages.map((m, i) => {
    const own = m.sender.type === 'contact';
    const read = m.conversationId === state.conversationId && m.seq <= state.agentLastReadSeq;
    return {
      key: m.id,
      own,
      activity: m.kind === 'activity' || (m.sender.type === 'system' && !isFromAgent(m)),
      activityDetail: m.activity,
      senderName: own ? null : m.sender.name,
      content: m.content,
      attachments: m.attachments,
      createdAt: m.createdAt,
      status: own ? (read ? 'read' : 'sent') : undefined,
      bot:
        m.sender.type === 'bot' && m.payload
          ? {
              messageId: m.id,
              payload: m.payload,
              live: i >= liveFrom,
              rating: state.ratings[m.id] ?? null,
              ratingSending: state.ratingsSending.includes(m.id),
            }
          : undefined,
    };
  });
  for (const item of state.outbox) {
    rows.push({
      key: item.clientId,
      own: true,
      senderName: null,
      content: item.content,
      attachments: item.attachments,
      createdAt: item.createdAt,
      status: item.error ? 'failed' : 'pending',
      clientId: item.clientId,
      error: item.error,
    });
  }
  return rows;
}

const CONNECTION_KEY: Record<ConnectionState, MessageKey> = {
  connecting: 'conn.connecting',
  connected: 'conn.connected',
  reconnecting: 'conn.reconnecting',
  failed: 'conn.failed',
};

interface AppProps {
  controller: ChatController;
  /** From `data-locale` or the browser; null falls back to the inbox's language, then zh-CN. */
  preferredLocale: Locale | null;
  embedded: boolean;
  onClose(): void;
  /** Subscribes to the panel being opened (focus moves to the text box). */
  onPanelOpen(listener: () => void): () => void;
}

export function App({ controller, preferredLocale, embedded, onClose, onPanelOpen }: AppProps) {
  const state = useChatState(controller);
  const { session } = state;
  const settings = session?.inbox.settings;
  const locale = preferredLocale ?? settings?.locale ?? 'zh-CN';
  const t = useMemo(() => translator(locale), [locale]);
  const [lightbox, setLightbox] = useState<{ src: string; alt: string } | null>(null);
  const [showHistory, setShowHistory] = useState(false);
  const [focusToken, setFocusToken] = useState(0);
  const lightboxClose = useRef<HTMLButtonElement>(null);
  // 我的工单: the customer's tickets, opened from the header (tickets/).
  const tickets = useTicketsView(locale, () => controller.getState().session?.visitorToken ?? null);

  useEffect(() => onPanelOpen(() => setFocusToken((n) => n + 1)), [onPanelOpen]);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  useEffect(() => {
    if (lightbox) lightboxClose.current?.focus();
  }, [lightbox]);
  // Files dropped anywhere on the chat are sent like picked ones.
  const ready = state.phase === 'ready';
  useEffect(() => {
    const over = (event: DragEvent) => event.preventDefault();
    const drop = (event: DragEvent) => {
      event.preventDefault();
      const files = Array.from(event.dataTransfer?.files ?? []);
      if (files.length > 0 && ready) void controller.sendFiles(files);
    };
    document.addEventListener('dragover', over);
    document.addEventListener('drop', drop);
    return () => {
      document.removeEventListener('dragover', over);
      document.removeEventListener('drop', drop);
    };
  }, [controller, ready]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      if (lightbox) setLightbox(null);
      else if (embedded) onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [lightbox, embedded, onClose]);

  const color = settings && COLOR_PATTERN.test(settings.color) ? settings.color : undefined;
  // Outside business hours (营业时间), or with nobody online, the leave-a-message form (with when the team is
  // back); unless the bot answers meanwhile.
  const botAnswers = session?.inbox.botAvailable === true;
  const closed = session !== null && !session.inbox.open && !botAnswers;
  const offline = session !== null && (closed || (!session.inbox.agentsOnline && !botAnswers));
  const nextOpen = session?.inbox.nextOpenAt ? formatOpening(session.inbox.nextOpenAt, locale) : '';
  const awayMessage = closed
    ? nextOpen
      ? t('closed.message', { time: nextOpen })
      : t('closed.messageNoTime')
    : (settings?.offlineMessage ?? '');
  const awayTitle = closed ? t('closed.title') : t('offline.title');
  const beforeFirstMessage = state.conversationId === null && state.outbox.length === 0;
  const needsPrechat = settings?.preChatForm.enabled === true && !state.prechatDone && beforeFirstMessage;
  const teamChoice = settings?.teamChoice;
  const needsTeam =
    teamChoice?.enabled === true && teamChoice.teams.length > 0 && state.chosenTeamId === null && beforeFirstMessage;

  let body: ComponentChildren;
  if (state.phase === 'error') {
    body = <div class="center">{t('misconfigured', { code: state.errorCode ?? '' })}</div>;
  } else if (!session || !settings) {
    body = (
      <div class="center">{t(CONNECTION_KEY[state.connection === 'reconnecting' ? 'reconnecting' : 'connecting'])}</div>
    );
  } else if (tickets.open) {
    body = tickets.panel(t('loading'), t('retryNow'));
  } else if (offline && !showHistory) {
    body = (
      <LeaveMessageForm
        t={t}
        offlineMessage={awayMessage}
        onSubmit={(values) => controller.api.leaveMessage(values)}
        onShowHistory={state.conversationId ? () => setShowHistory(true) : null}
      />
    );
  } else if (needsPrechat) {
    body = (
      <PrechatForm t={t} fields={settings.preChatForm.fields} onSubmit={(values) => controller.submitPrechat(values)} />
    );
  } else if (needsTeam && teamChoice) {
    body = (
      <TeamChoice
        t={t}
        prompt={teamChoice.prompt}
        teams={teamChoice.teams}
        onChoose={(teamId) => controller.chooseTeam(teamId)}
      />
    );
  } else {
    body = (
      <>
        {offline && (
          <div class="banner">
            {awayTitle}
            <button type="button" class="link" onClick={() => setShowHistory(false)}>
              {t('offline.leave')}
            </button>
          </div>
        )}
        <MessageList
          rows={chatRows(state)}
          welcome={settings.welcomeMessage || null}
          typingName={state.agentTyping ? state.agentTyping.name : false}
          hasMore={state.hasMore}
          loadingEarlier={state.loadingEarlier}
          api={controller.api}
          t={t}
          onLoadEarlier={() => void controller.loadEarlier()}
          onOpenImage={(src, alt) => setLightbox({ src, alt })}
          onRetry={(id) => controller.retry(id)}
          onDiscard={(id) => controller.discard(id)}
          onSend={(text) => controller.send(text)}
          onRate={(messageId, rating) => void controller.rateAnswer(messageId, rating)}
        />
        {state.queue && <QueueBanner t={t} queue={state.queue} onLeave={() => controller.leaveQueue()} />}
        {state.notice && (
          <div class="notice" role="alert">
            <span>{t(state.notice.key, state.notice.params)}</span>
            <button type="button" class="link" onClick={() => controller.dismissNotice()}>
              {t('dismiss')}
            </button>
          </div>
        )}
        <Composer
          t={t}
          disabled={state.phase !== 'ready'}
          uploading={state.uploading > 0}
          focusToken={focusToken}
          onSend={(text) => controller.send(text)}
          onFiles={(files) => void controller.sendFiles(files)}
          onInput={(text) => controller.inputChanged(text)}
        />
      </>
    );
  }

  return (
    <div class="app" style={color ? { '--kefu-color': color } : undefined}>
      <header class="header">
        <div class="header-text">
          <h1>{session?.inbox.name || t('title')}</h1>
          <div class={`conn conn-${offline ? 'offline' : state.connection}`} role="status">
            <span class="dot" aria-hidden="true" />
            {offline ? awayTitle : t(CONNECTION_KEY[state.connection])}
            {state.connection === 'failed' && state.phase === 'ready' && (
              <button type="button" class="link light" onClick={() => controller.reconnect()}>
                {t('reconnect')}
              </button>
            )}
          </div>
        </div>
        {session && !tickets.open && tickets.button(t('tickets'))}
        {embedded && (
          <button type="button" class="icon close" aria-label={t('close')} title={t('close')} onClick={onClose}>
            ✕
          </button>
        )}
      </header>
      <main class="body">{body}</main>
      {lightbox && (
        // biome-ignore lint/a11y/useKeyWithClickEvents: Esc closes it (document listener above)
        <div
          class="lightbox"
          role="dialog"
          aria-modal="true"
          aria-label={lightbox.alt}
          onClick={() => setLightbox(null)}
        >
          <img src={lightbox.src} alt={lightbox.alt} />
          <button type="button" class="icon close" ref={lightboxClose} aria-label={t('close')}>
            ✕
          </button>
        </div>
      )}
    </div>
  );
}
