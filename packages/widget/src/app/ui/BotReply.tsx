import type { Translate } from '../i18n';
import type { BotPayload, BotRating } from '../protocol';
import { MessageText } from './MessageText';

/** What a row needs to show one of the bot's messages with its buttons. */
export interface BotView {
  messageId: string;
  payload: BotPayload;
  /**
   * Its choice, menu and hand-off buttons still act: only the bot's own replies came after it and nothing the
   * customer wrote is waiting to be sent. Older ones show their text only (it is complete).
   */
  live: boolean;
  rating: BotRating | null;
  ratingSending: boolean;
}

export interface BotActions {
  /** Sends text for the customer, as if typed: a choice's title, a menu item's label, 转人工. */
  onSend(text: string): void;
  onRate(messageId: string, rating: BotRating): void;
}

/** What a customer sends for "talk to a person" after rating an answer 没用 (bot/handoffRequest.ts knows it). */
const HANDOFF_TEXT = '转人工';

/** The text before the numbered lines the server appends for clients without buttons ("1. 退款多久到账？"). */
export function textBeforeChoices(content: string, labels: readonly string[]): string {
  const lines = content.split('\n');
  const head = lines.length - labels.length;
  if (head < 0 || !labels.every((label, i) => lines[head + i] === `${i + 1}. ${label}`)) return content;
  return lines.slice(0, head).join('\n');
}

function Choices({
  label,
  items,
  onSend,
}: { label: string; items: { text: string; send: string }[] } & Pick<BotActions, 'onSend'>) {
  return (
    <fieldset class="choices" aria-label={label}>
      {items.map((item) => (
        <button key={item.send} type="button" class="choice" onClick={() => onSend(item.send)}>
          {item.text}
        </button>
      ))}
    </fieldset>
  );
}

function HandoffOffer({ text, t, onSend }: { text: string; t: Translate } & Pick<BotActions, 'onSend'>) {
  return (
    <div class="choices">
      <button type="button" class="choice handoff" onClick={() => onSend(text)}>
        {t('bot.handoff')}
      </button>
    </div>
  );
}

function Rating({ view, t, onRate }: { view: BotView; t: Translate } & Pick<BotActions, 'onRate'>) {
  const option = (rating: BotRating) => (
    <button
      type="button"
      aria-pressed={view.rating === rating}
      disabled={view.ratingSending}
      onClick={() => onRate(view.messageId, rating)}
    >
      {t(rating === 'helpful' ? 'bot.helpful' : 'bot.unhelpful')}
    </button>
  );
  return (
    <fieldset class="rate" aria-label={t('bot.rate')}>
      <span aria-live="polite">{view.rating ? t('bot.thanks') : t('bot.rate')}</span>
      {option('helpful')}
      {option('unhelpful')}
    </fieldset>
  );
}

/**
 * One of the bot's messages: its text, then what the customer can do with it — "您是不是想问" choices, the
 * guided menu, "talk to a person", 有用 / 没用. Buttons send what the server understands (docs/ARCHITECTURE.md,
 * "The bot's messages"); every text is rendered as text.
 */
export function BotReply({
  view,
  content,
  time,
  t,
  onSend,
  onRate,
}: { view: BotView; content: string; time?: string; t: Translate } & BotActions) {
  const { payload, live } = view;
  const bubble = (text: string) =>
    text ? (
      <div class="bubble" title={time}>
        <MessageText text={text} />
      </div>
    ) : null;
  if (live && payload.kind === 'bot_suggestions') {
    const titles = payload.suggestions.map((s) => s.title);
    return (
      <>
        {bubble(textBeforeChoices(content, titles))}
        <Choices
          label={t('bot.choices')}
          items={titles.map((title) => ({ text: title, send: title }))}
          onSend={onSend}
        />
      </>
    );
  }
  if (live && payload.kind === 'bot_menu') {
    const items = payload.items.map((item) => ({ text: `${item.key}. ${item.label}`, send: item.label }));
    return (
      <>
        {bubble(payload.prompt)}
        <Choices label={t('bot.menu')} items={items} onSend={onSend} />
      </>
    );
  }
  return (
    <>
      {bubble(content)}
      {live && payload.kind === 'bot_unknown' && <HandoffOffer text={payload.handoffText} t={t} onSend={onSend} />}
      {payload.kind === 'bot_answer' && payload.rateable && (
        <>
          <Rating view={view} t={t} onRate={onRate} />
          {live && view.rating === 'unhelpful' && <HandoffOffer text={HANDOFF_TEXT} t={t} onSend={onSend} />}
        </>
      )}
    </>
  );
}
