import type { WidgetTicketView } from '@kefu/shared';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Locale } from '../protocol';
import { saveBlob } from '../saveBlob';
import { type TicketTranslate, ticketTranslator } from './strings';
import { TicketForm } from './TicketForm';
import { createTicketsClient, type TicketsClient } from './ticketsClient';
import './tickets.css';

/** While the view is open the list is read again this often: staff move tickets along meanwhile. */
const REFRESH_MS = 30_000;

export interface TicketsPanelProps {
  locale: Locale;
  /** The chat session's visitor token (the same credentials as the chat). */
  token(): string | null;
  onBack(): void;
  /** Tests pass their own client. */
  client?: TicketsClient;
}

const CATEGORY_CLASS: Record<string, string> = {
  new: 'st-new',
  open: 'st-open',
  pending: 'st-pending',
  resolved: 'st-done',
  closed: 'st-closed',
};

/**
 * 我的工单 in the widget: the customer's tickets and their progress, our public replies, a form to submit a new one,
 * and the proposed solution to accept or decline when one waits for them.
 */
export default function TicketsPanel({ locale, token, onBack, client: given }: TicketsPanelProps) {
  const t = useMemo(() => ticketTranslator(locale), [locale]);
  // The token may be renewed while the view is open; the client always asks for the current one.
  const tokenRef = useRef(token);
  tokenRef.current = token;
  const client = useMemo(
    () =>
      given ??
      createTicketsClient(
        location.origin,
        () => tokenRef.current(),
        (input, init) => fetch(input, init),
      ),
    [given],
  );
  const [tickets, setTickets] = useState<WidgetTicketView[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [mode, setMode] = useState<'list' | 'form'>('list');
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(() => {
    client.list().then(
      (items) => {
        setTickets(items);
        setFailed(false);
      },
      () => setFailed(true),
    );
  }, [client]);
  useEffect(() => {
    load();
    const timer = setInterval(load, REFRESH_MS);
    return () => clearInterval(timer);
  }, [load]);

  const replace = (updated: WidgetTicketView) =>
    setTickets((old) => (old ?? []).map((ticket) => (ticket.id === updated.id ? updated : ticket)));

  return (
    <div class="tickets" data-testid="widget-tickets">
      <div class="tickets-bar">
        <button type="button" class="link" onClick={onBack}>
          ← {t('back')}
        </button>
        {mode === 'list' && (
          <button type="button" class="link" onClick={() => setMode('form')} data-testid="widget-new-ticket">
            {t('new')}
          </button>
        )}
      </div>
      {notice && (
        <div class="notice" role="status">
          {notice}
        </div>
      )}
      {mode === 'form' ? (
        <TicketForm
          t={t}
          client={client}
          onCancel={() => setMode('list')}
          onSubmitted={(number) => {
            setNotice(t('submitted', { number }));
            setMode('list');
            load();
          }}
        />
      ) : failed && !tickets ? (
        <div class="center">
          {t('loadFailed')}{' '}
          <button type="button" class="link" onClick={load}>
            {t('retry')}
          </button>
        </div>
      ) : !tickets ? (
        <div class="center">{t('loading')}</div>
      ) : tickets.length === 0 ? (
        <div class="center">{t('empty')}</div>
      ) : (
        <ul class="ticket-list">
          {tickets.map((ticket) => (
            <TicketItem key={ticket.id} ticket={ticket} t={t} locale={locale} client={client} onChange={replace} />
          ))}
        </ul>
      )}
    </div>
  );
}

function TicketItem({
  ticket,
  t,
  locale,
  client,
  onChange,
}: {
  ticket: WidgetTicketView;
  t: TicketTranslate;
  locale: Locale;
  client: TicketsClient;
  onChange(ticket: WidgetTicketView): void;
}) {
  const [open, setOpen] = useState(ticket.pendingDecision !== null);
  const [declining, setDeclining] = useState(false);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const time = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const pending = ticket.pendingDecision;

  const decide = async (decision: 'accept' | 'reject') => {
    if (!pending) return;
    setBusy(true);
    try {
      const updated = await client.decide(ticket.id, {
        resolutionId: pending.resolutionId,
        decision,
        ...(decision === 'reject' && note.trim() ? { note: note.trim() } : {}),
      });
      setMessage(t(decision === 'accept' ? 'accepted' : 'rejected'));
      setDeclining(false);
      onChange(updated);
    } catch {
      setMessage(t('decideFailed'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <li class="ticket" data-testid="widget-ticket">
      <button type="button" class="ticket-head" aria-expanded={open} onClick={() => setOpen(!open)}>
        <span class="ticket-title">{ticket.title}</span>
        <span class={`ticket-state ${CATEGORY_CLASS[ticket.state.category] ?? ''}`}>{ticket.state.name}</span>
      </button>
      <div class="ticket-meta">
        {ticket.number} · {ticket.typeName} · {t('updated', { time: time.format(new Date(ticket.updatedAt)) })}
      </div>
      {pending && (
        <div class="ticket-decision" data-testid="pending-decision">
          <strong>{t('pending')}</strong>
          <p>{pending.summary}</p>
          {pending.compensationAmount > 0 && (
            <p>{t('compensation', { amount: pending.compensationAmount.toFixed(2) })}</p>
          )}
          {declining ? (
            <>
              <textarea
                aria-label={t('rejectNote')}
                placeholder={t('rejectNote')}
                value={note}
                maxLength={2000}
                rows={3}
                onInput={(e) => setNote((e.currentTarget as HTMLTextAreaElement).value)}
              />
              <div class="ticket-actions">
                <button type="button" class="link" onClick={() => setDeclining(false)} disabled={busy}>
                  ← {t('back')}
                </button>
                <button type="button" class="primary" onClick={() => void decide('reject')} disabled={busy}>
                  {t('sendReject')}
                </button>
              </div>
            </>
          ) : (
            <div class="ticket-actions">
              <button type="button" class="secondary" onClick={() => setDeclining(true)} disabled={busy}>
                {t('reject')}
              </button>
              <button type="button" class="primary" onClick={() => void decide('accept')} disabled={busy}>
                {t('accept')}
              </button>
            </div>
          )}
        </div>
      )}
      {message && (
        <div class="ticket-message" role="status">
          {message}
        </div>
      )}
      {open && (
        <div class="ticket-replies">
          <div class="ticket-replies-title">{t('replies')}</div>
          {ticket.replies.length === 0 ? (
            <div class="hint">{t('noReplies')}</div>
          ) : (
            ticket.replies.map((reply) => (
              <div key={reply.id} class="ticket-reply">
                <div class="hint">
                  {reply.author ?? ''} · {time.format(new Date(reply.createdAt))}
                </div>
                <div class="ticket-reply-body">{reply.body}</div>
                {reply.attachments.map((file) => (
                  <ReplyFile key={file.id} file={file} client={client} t={t} />
                ))}
              </div>
            ))
          )}
        </div>
      )}
    </li>
  );
}

/** A file our reply carried: fetched on click and handed to the browser to save. */
function ReplyFile({
  file,
  client,
  t,
}: {
  file: WidgetTicketView['replies'][number]['attachments'][number];
  client: TicketsClient;
  t: TicketTranslate;
}) {
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    try {
      saveBlob(await client.download(file.url), file.fileName);
    } catch {
      // The button stays; the customer may try again.
    } finally {
      setBusy(false);
    }
  };
  return (
    <button
      type="button"
      class="link ticket-file"
      onClick={() => void save()}
      disabled={busy}
      title={t('download')}
      data-testid="reply-file"
    >
      {busy ? t('loading') : file.fileName}
    </button>
  );
}
