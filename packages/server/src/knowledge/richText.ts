import { Parser } from 'htmlparser2';
import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

/** Where the knowledge base's own pictures are served (public: customers see them in answers). */
export const KNOWLEDGE_PICTURE_PATH = '/api/knowledge/pictures/';
const OWN_PICTURE = /^\/api\/knowledge\/pictures\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A picture may come from the knowledge base itself or from an https address, nothing else. */
function allowedPictureSource(src: string | undefined): boolean {
  if (!src) return false;
  return OWN_PICTURE.test(src) || /^https:\/\/[^\s"'<>]+$/i.test(src);
}

/**
 * The allow-list: text structure, links (opened in a new tab, without the opener or a referrer), pictures,
 * tables. No style, no class, no event handler, no script, no frame, no form; links only to http(s), mailto
 * and tel or a path on this site.
 */
const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'strong',
    'b',
    'em',
    'i',
    'u',
    's',
    'del',
    'a',
    'ul',
    'ol',
    'li',
    'h2',
    'h3',
    'h4',
    'blockquote',
    'code',
    'pre',
    'hr',
    'img',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'target', 'rel'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    th: ['colspan', 'rowspan'],
    td: ['colspan', 'rowspan'],
    ol: ['start'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['https'] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    h1: 'h2',
    a: (tagName, attribs) => ({
      tagName,
      attribs: { ...attribs, target: '_blank', rel: 'noopener noreferrer nofollow' },
    }),
  },
  exclusiveFilter: (frame) => frame.tag === 'img' && !allowedPictureSource(frame.attribs.src),
};

export function sanitizeKnowledgeHtml(html: string): string {
  return sanitizeHtml(html, SANITIZE_OPTIONS);
}

const markdown = new Marked({ gfm: true, breaks: true, async: false });

export interface RenderedBody {
  html: string;
  text: string;
}

/**
 * An answer or article as written (Markdown, where a line break is a line break, plus allow-listed HTML for
 * text pasted from other systems) → sanitised HTML and plain text.
 */
export function renderKnowledgeBody(body: string): RenderedBody {
  const html = sanitizeKnowledgeHtml(markdown.parse(body) as string).trim();
  return { html, text: htmlToText(html) };
}

const BLOCKS = new Set(['p', 'div', 'ul', 'ol', 'li', 'h2', 'h3', 'h4', 'blockquote', 'pre', 'table', 'tr', 'hr']);

/**
 * Plain text of sanitised HTML, for chat messages: paragraphs and list items on their own lines (items marked
 * •), a link as its text followed by its address in full-width brackets when they differ, a picture as [图片].
 */
export function htmlToText(html: string): string {
  let text = '';
  const links: { href: string; start: number }[] = [];
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (BLOCKS.has(name)) text += '\n';
        if (name === 'li') text += '• ';
        if (name === 'br') text += '\n';
        if (name === 'td' || name === 'th') text += ' ';
        if (name === 'img') text += '[图片]';
        if (name === 'a') links.push({ href: attribs.href ?? '', start: text.length });
      },
      ontext(data) {
        // Line breaks between tags are the HTML's layout, not the text's.
        if (/^\s*$/.test(data) && data.includes('\n')) return;
        text += data;
      },
      onclosetag(name) {
        if (BLOCKS.has(name) && name !== 'li') text += '\n';
        if (name === 'a') {
          const link = links.pop();
          const label = link ? text.slice(link.start).trim() : '';
          if (link?.href && label !== link.href && !link.href.startsWith('mailto:') && !link.href.startsWith('tel:')) {
            text += `（${link.href}）`;
          }
        }
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return text
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
