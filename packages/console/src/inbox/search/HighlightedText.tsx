import { theme } from 'antd';
import type { ReactNode } from 'react';

/** Text with some ranges marked; everything stays text (React escapes it), nothing is parsed as markup. */
export function HighlightedText({ text, ranges }: { text: string; ranges: { start: number; end: number }[] }) {
  const { token } = theme.useToken();
  const parts: ReactNode[] = [];
  let at = 0;
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  for (const range of sorted) {
    if (range.start < at || range.end <= range.start) continue;
    if (range.start > at) parts.push(text.slice(at, range.start));
    parts.push(
      <mark key={range.start} style={{ background: token.colorWarningBg, padding: 0, color: 'inherit' }}>
        {text.slice(range.start, range.end)}
      </mark>,
    );
    at = range.end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <span style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{parts}</span>;
}
