/** Instants formatted lately; a message's times are mostly the same few instants. */
const formatted = new Map<number, string>();

/**
 * `new Date(ms).toISOString()`, remembered: every message is presented to its agents and its customer with the
 * conversation's times, thousands of times a second under chat load, and formatting had been a noticeable part
 * of presenting.
 */
export function isoTime(ms: number): string {
  let text = formatted.get(ms);
  if (text === undefined) {
    text = new Date(ms).toISOString();
    if (formatted.size >= 1000) formatted.clear();
    formatted.set(ms, text);
  }
  return text;
}
