/**
 * Where the agent is typing a quick-reply search: a `/` at the start of the text or after a space or line
 * break, up to the caret. Chinese input methods in Chinese punctuation mode turn the / key into 、 (or a
 * full-width ／), so those open the picker too.
 */
export interface QuickReplyTrigger {
  /** Index of the slash. */
  start: number;
  /** The caret: the slash and the letters up to here are replaced by the reply. */
  end: number;
  query: string;
}

const SLASHES = new Set(['/', '／', '、']);
const MAX_QUERY = 30;

export function findQuickReplyTrigger(text: string, caret: number): QuickReplyTrigger | null {
  const before = text.slice(0, caret);
  const start = Math.max(...[...SLASHES].map((slash) => before.lastIndexOf(slash)));
  if (start < 0) return null;
  if (start > 0 && !/\s/.test(before[start - 1] ?? '')) return null;
  const query = before.slice(start + 1);
  if (/\s/.test(query) || query.length > MAX_QUERY) return null;
  return { start, end: caret, query };
}

/** The text with the trigger replaced by `content`, and where the caret goes: right after it. */
export function replaceTrigger(text: string, trigger: QuickReplyTrigger, content: string) {
  return {
    text: text.slice(0, trigger.start) + content + text.slice(trigger.end),
    caret: trigger.start + content.length,
  };
}
