export interface TextSegment {
  text: string;
  /** Set on http(s) links only. */
  href?: string;
}

// ASCII only, so that Chinese text right after a link ("见https://a.cn谢谢") is not taken as part of it.
const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'\u0080-\uffff]+/gi;
const TRAILING = /[.,;:!?)\]}]+$/;

/** Splits message text into plain text and http(s) links; anything else (javascript:, data:, …) stays text. */
export function splitLinks(text: string): TextSegment[] {
  const segments: TextSegment[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const start = match.index ?? 0;
    const raw = match[0].replace(TRAILING, '');
    let href: string | null = null;
    try {
      const url = new URL(raw);
      if (url.protocol === 'http:' || url.protocol === 'https:') href = url.href;
    } catch {}
    if (!href) continue;
    if (start > last) segments.push({ text: text.slice(last, start) });
    segments.push({ text: raw, href });
    last = start + raw.length;
  }
  if (last < text.length) segments.push({ text: text.slice(last) });
  return segments;
}

export function formatBytes(size: number): string {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(size < 10 * 1024 ? 1 : 0)} KB`;
  return `${(size / 1024 / 1024).toFixed(1)} MB`;
}
