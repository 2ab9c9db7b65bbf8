import { useState } from 'preact/hooks';
import type { Translate } from '../i18n';
import type { Locale, QueueStatusView, WidgetSettings } from '../protocol';

interface TeamChoiceProps {
  t: Translate;
  prompt: string;
  teams: WidgetSettings['teamChoice']['teams'];
  onChoose(teamId: string): Promise<void>;
}

/** 售前 / 售后 / 技术支持: asked before the first message when the inbox offers a choice of team. */
export function TeamChoice({ t, prompt, teams, onChoose }: TeamChoiceProps) {
  const [busy, setBusy] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const choose = async (teamId: string) => {
    setBusy(teamId);
    setFailed(false);
    try {
      await onChoose(teamId);
    } catch {
      setFailed(true);
      setBusy(null);
    }
  };
  return (
    <div class="form team-choice">
      <p class="form-title">{prompt || t('team.choose')}</p>
      <div class="team-options">
        {teams.map((team) => (
          <button
            key={team.teamId}
            type="button"
            class="team-option"
            disabled={busy !== null}
            aria-busy={busy === team.teamId ? true : undefined}
            onClick={() => void choose(team.teamId)}
          >
            {team.label}
          </button>
        ))}
      </div>
      {failed && (
        <div class="field-error" role="alert">
          {t('team.failed')}
        </div>
      )}
    </div>
  );
}

/** The customer's place in the queue and the estimated wait, live; then who took the chat. */
export function QueueBanner({ t, queue, onLeave }: { t: Translate; queue: QueueStatusView; onLeave(): void }) {
  if (queue.status !== 'waiting') {
    return (
      <div class="banner queue" role="status">
        {t('queue.assigned', { name: queue.agentName ?? t('agent') })}
      </div>
    );
  }
  const seconds = queue.estimatedWaitSeconds;
  const estimate =
    seconds === null
      ? ''
      : seconds < 60
        ? t('queue.estimateSoon')
        : t('queue.estimate', { minutes: Math.ceil(seconds / 60) });
  return (
    <div class="banner queue" role="status" data-position={queue.position ?? undefined}>
      <span>
        {t('queue.waiting', { position: queue.position ?? '…' })}
        {estimate && <span class="queue-estimate"> · {estimate}</span>}
      </span>
      <button type="button" class="link" onClick={onLeave}>
        {t('queue.leave')}
      </button>
    </div>
  );
}

/** When business hours begin again, in the customer's language and time zone: "12月2日周一 09:00". */
export function formatOpening(iso: string, locale: Locale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(locale, {
    month: 'short',
    day: 'numeric',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }).format(date);
}
