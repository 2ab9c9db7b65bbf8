import { useEffect, useRef, useState } from 'preact/hooks';
import type { Translate } from '../i18n';
import { MAX_MESSAGE_CHARS } from '../protocol';

export const EMOJIS = [
  '😀',
  '😁',
  '😂',
  '🤣',
  '😊',
  '😍',
  '😘',
  '😎',
  '🤔',
  '😅',
  '😭',
  '😢',
  '😡',
  '😱',
  '😴',
  '🙄',
  '😉',
  '🙂',
  '😇',
  '🤗',
  '👍',
  '👎',
  '👏',
  '🙏',
  '💪',
  '👌',
  '✌️',
  '🤝',
  '👋',
  '❤️',
  '💔',
  '🎉',
  '🔥',
  '⭐',
  '✅',
  '❌',
  '❓',
  '💯',
  '🌹',
  '☕',
];

interface ComposerProps {
  t: Translate;
  disabled: boolean;
  uploading: boolean;
  /** Bumped when the panel opens, to move focus into the text box. */
  focusToken: number;
  onSend(text: string): boolean;
  onFiles(files: File[]): void;
  onInput(text: string): void;
}

export function Composer({ t, disabled, uploading, focusToken, onSend, onFiles, onInput }: ComposerProps) {
  const [text, setText] = useState('');
  const [picker, setPicker] = useState(false);
  const box = useRef<HTMLTextAreaElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const tooLong = text.length > MAX_MESSAGE_CHARS;
  const canSend = !disabled && text.trim().length > 0 && !tooLong;

  useEffect(() => {
    if (focusToken > 0) box.current?.focus();
  }, [focusToken]);

  // A press outside the composer closes the emoji picker.
  useEffect(() => {
    if (!picker) return;
    const outside = (event: PointerEvent) => {
      if (!form.current?.contains(event.target as Node)) setPicker(false);
    };
    document.addEventListener('pointerdown', outside);
    return () => document.removeEventListener('pointerdown', outside);
  }, [picker]);

  // Grow with the text, up to a few lines.
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, 120)}px`;
  }, [text]);

  const change = (value: string) => {
    setText(value);
    onInput(value);
  };

  const submit = () => {
    if (!canSend) return;
    if (onSend(text)) {
      setText('');
      setPicker(false);
    }
    box.current?.focus();
  };

  const insertEmoji = (emoji: string) => {
    const el = box.current;
    const start = el?.selectionStart ?? text.length;
    const end = el?.selectionEnd ?? text.length;
    change(text.slice(0, start) + emoji + text.slice(end));
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + emoji.length, start + emoji.length);
    });
  };

  return (
    <form
      ref={form}
      class="composer"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      {picker && (
        <fieldset
          class="emoji-picker"
          aria-label={t('emoji')}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.stopPropagation();
              setPicker(false);
              box.current?.focus();
            }
          }}
        >
          {EMOJIS.map((emoji) => (
            <button type="button" key={emoji} onClick={() => insertEmoji(emoji)} aria-label={emoji}>
              {emoji}
            </button>
          ))}
        </fieldset>
      )}
      {tooLong && (
        <div class="hint error" role="alert">
          {t('tooLong', { max: MAX_MESSAGE_CHARS })} ({text.length}/{MAX_MESSAGE_CHARS})
        </div>
      )}
      {uploading && <div class="hint">{t('uploading')}</div>}
      <div class="composer-row">
        <button
          type="button"
          class="icon"
          aria-label={t('emoji')}
          aria-expanded={picker}
          title={t('emoji')}
          disabled={disabled}
          onClick={() => setPicker(!picker)}
        >
          😊
        </button>
        <button
          type="button"
          class="icon"
          aria-label={t('attach')}
          title={t('attach')}
          disabled={disabled}
          onClick={() => fileInput.current?.click()}
        >
          <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
            <path
              fill="none"
              stroke="currentColor"
              stroke-width="2"
              stroke-linecap="round"
              d="M20 11.5 12.2 19.3a5 5 0 0 1-7.1-7.1l8.1-8.1a3.3 3.3 0 0 1 4.7 4.7l-8.1 8.1a1.7 1.7 0 0 1-2.4-2.4L15 6.9"
            />
          </svg>
        </button>
        <input
          ref={fileInput}
          type="file"
          multiple
          hidden
          onChange={(event) => {
            const input = event.currentTarget;
            if (input.files?.length) onFiles(Array.from(input.files));
            input.value = '';
          }}
        />
        <textarea
          ref={box}
          rows={1}
          value={text}
          disabled={disabled}
          placeholder={t('placeholder')}
          aria-label={t('placeholder')}
          aria-invalid={tooLong}
          onInput={(event) => change(event.currentTarget.value)}
          onKeyDown={(event) => {
            // Enter sends; Shift+Enter is a new line; Enter that confirms an IME composition (拼音) does neither.
            if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
              event.preventDefault();
              submit();
            }
          }}
          onPaste={(event) => {
            const files = Array.from(event.clipboardData?.files ?? []);
            if (files.length > 0) {
              event.preventDefault();
              onFiles(files);
            }
          }}
        />
        <button type="submit" class="send" disabled={!canSend}>
          {t('send')}
        </button>
      </div>
    </form>
  );
}
