import { SEARCH_LIMITS } from '@kefu/shared';
import { foldWithOffsets, originalSpan } from '../text/normalize.js';

export interface Snippet {
  snippet: string;
  highlights: { start: number; end: number }[];
}

const ELLIPSIS = '…';

/**
 * A piece of the message around the first place a query word occurs, with every occurrence inside it marked.
 * Words are looked for in the folded text without symbols, as the index saw it, so 退貨 and 退-货 are found
 * for 退货 and the marks point at what was written.
 */
export function snippetFor(content: string, words: string[], width = SEARCH_LIMITS.snippetChars): Snippet {
  const mapped = foldWithOffsets(content, { wordCharsOnly: true });
  const spans: { start: number; end: number }[] = [];
  for (const word of words) {
    if (!word) continue;
    for (let at = mapped.text.indexOf(word); at >= 0; at = mapped.text.indexOf(word, at + word.length)) {
      spans.push(originalSpan(mapped, at, at + word.length));
    }
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const first = spans[0];
  let from = 0;
  if (first && content.length > width) {
    from = Math.max(0, Math.min(first.start - Math.floor(width / 4), content.length - width));
  }
  from = codePointBoundary(content, from);
  const to = codePointBoundary(content, Math.min(content.length, from + width));
  const prefix = from > 0 ? ELLIPSIS : '';
  const suffix = to < content.length ? ELLIPSIS : '';
  const highlights: Snippet['highlights'] = [];
  for (const span of spans) {
    if (span.start < from || span.end > to) continue;
    const last = highlights.at(-1);
    const start = span.start - from + prefix.length;
    const end = span.end - from + prefix.length;
    if (last && start <= last.end) last.end = Math.max(last.end, end);
    else highlights.push({ start, end });
  }
  return { snippet: prefix + content.slice(from, to) + suffix, highlights };
}

/** Moves an offset off the middle of a surrogate pair (a character outside the basic plane, such as 𠮷). */
function codePointBoundary(text: string, offset: number): number {
  const code = text.charCodeAt(offset);
  return offset > 0 && code >= 0xdc00 && code <= 0xdfff ? offset + 1 : offset;
}
