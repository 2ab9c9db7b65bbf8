import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { Locale } from '../protocol';
import type { TicketsPanelProps } from './TicketsPanel';

type Panel = (props: TicketsPanelProps) => ComponentChildren;

/**
 * The chat's door to 我的工单: the header button and, once opened, the tickets view. The view's code (and its texts
 * and styles) load on the first open, so the chat itself stays small.
 */
export function useTicketsView(locale: Locale, token: () => string | null) {
  const [open, setOpen] = useState(false);
  const [Panel, setPanel] = useState<Panel | null>(null);
  const [failed, setFailed] = useState(false);
  const show = () => {
    setOpen(true);
    setFailed(false);
    if (!Panel) {
      import('./TicketsPanel').then(
        (module) => setPanel(() => module.default),
        () => setFailed(true),
      );
    }
  };
  return {
    open,
    button: (label: string) => (
      <button
        type="button"
        class="icon tickets-open"
        aria-label={label}
        title={label}
        onClick={show}
        data-testid="widget-open-tickets"
      >
        <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
          <path fill="currentColor" d="M6 2h9l5 5v15H6zm8 1.5V8h4.5zM8 11v1.5h8V11zm0 3.5V16h8v-1.5zm0 3.5v1.5h5V18z" />
        </svg>
      </button>
    ),
    panel: (loading: string, retry: string): ComponentChildren =>
      Panel ? (
        <Panel locale={locale} token={token} onBack={() => setOpen(false)} />
      ) : failed ? (
        <div class="center">
          <button type="button" class="link" onClick={show}>
            {retry}
          </button>
        </div>
      ) : (
        <div class="center">{loading}</div>
      ),
  };
}
