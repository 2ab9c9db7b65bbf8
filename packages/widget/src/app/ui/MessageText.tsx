import { splitLinks } from './linkify';

/** Text as text: only http(s) URLs become links (new tab, no opener); markup stays visible characters. */
export function MessageText({ text }: { text: string }) {
  return (
    <>
      {splitLinks(text).map((segment, i) =>
        segment.href ? (
          <a key={i} href={segment.href} target="_blank" rel="noopener noreferrer">
            {segment.text}
          </a>
        ) : (
          segment.text
        ),
      )}
    </>
  );
}
