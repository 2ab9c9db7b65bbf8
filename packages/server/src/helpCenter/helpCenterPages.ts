import { createHash } from 'node:crypto';
import { LOCALES, type Locale } from '@kefu/shared';
import type { HelpCategory, HelpEntry } from './helpCenterContent.js';
import { HELP_CENTER_STRINGS, type HelpCenterStrings, LANGUAGE_NAMES } from './helpCenterStrings.js';
import { html, type SafeHtml, trustedHtml } from './html.js';

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:15px/1.7 -apple-system,BlinkMacSystemFont,"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:#1f2329;background:#f5f6f7}
a{color:#1677ff;text-decoration:none}a:hover{text-decoration:underline}
header{background:#1677ff;color:#fff;padding:28px 16px 36px}
header .bar{max-width:880px;margin:0 auto}
header h1{margin:0 0 16px;font-size:24px;font-weight:600}
header h1 a{color:#fff}
header nav{float:right;font-size:13px}header nav a{color:#fff;opacity:.85;margin-left:12px}header nav a[aria-current]{opacity:1;font-weight:600}
form.search{display:flex;gap:8px}
form.search input{flex:1;min-width:0;padding:10px 14px;font-size:16px;border:0;border-radius:6px}
form.search button{padding:10px 20px;font-size:16px;border:0;border-radius:6px;background:#0b3d91;color:#fff;cursor:pointer}
main{max-width:880px;margin:-16px auto 32px;padding:0 16px}
section{background:#fff;border-radius:8px;padding:20px 24px;margin-bottom:16px;box-shadow:0 1px 2px rgba(0,0,0,.06)}
section h2{margin:0 0 12px;font-size:18px}
ul.list{list-style:none;margin:0;padding:0}ul.list li{padding:8px 0;border-bottom:1px solid #f0f0f0}ul.list li:last-child{border:0}
ul.list .snippet{display:block;color:#646a73;font-size:13px;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(240px,1fr));gap:12px}
.grid a.card{display:block;padding:14px 16px;border:1px solid #e5e6eb;border-radius:8px;color:#1f2329}
.grid a.card:hover{border-color:#1677ff;text-decoration:none}
.grid .count,.muted{color:#8f959e;font-size:13px}
.crumbs{font-size:13px;color:#8f959e;margin-bottom:8px}
article h1{font-size:22px;margin:0 0 8px}
article .body img{max-width:100%;height:auto}
article .body table{border-collapse:collapse}article .body td,article .body th{border:1px solid #e5e6eb;padding:4px 8px}
article .body blockquote{margin:0;padding-left:12px;border-left:3px solid #e5e6eb;color:#646a73}
footer{text-align:center;color:#8f959e;font-size:12px;padding-bottom:24px}
`;

/** The page's only style, allowed by its hash: no inline script or style attribute can run or apply. */
export const HELP_CENTER_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`,
  "img-src 'self' https:",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Where the pages live and which language the reader asked for. */
export interface PageContext {
  workspaceName: string;
  websiteToken: string;
  lang: Locale;
  /** The inbox's language: links leave `lang` out when it is this one. */
  defaultLang: Locale;
  strings: HelpCenterStrings;
}

export function pageContext(
  workspaceName: string,
  websiteToken: string,
  lang: Locale,
  defaultLang: Locale,
): PageContext {
  return { workspaceName, websiteToken, lang, defaultLang, strings: HELP_CENTER_STRINGS[lang] };
}

function href(page: PageContext, path: string, params: Record<string, string> = {}, lang = page.lang): string {
  const query = new URLSearchParams(params);
  if (lang !== page.defaultLang) query.set('lang', lang);
  const search = query.toString();
  return `/help/${encodeURIComponent(page.websiteToken)}${path}${search ? `?${search}` : ''}`;
}

const entryHref = (page: PageContext, id: string) => href(page, `/entries/${id}`);
const categoryHref = (page: PageContext, id: string) => href(page, `/categories/${id}`);

function layout(page: PageContext, title: string, body: SafeHtml, query = ''): string {
  const s = page.strings;
  const languages = LOCALES.map(
    (locale) =>
      html`<a href="${href(page, '', {}, locale)}"${locale === page.lang ? html` aria-current="true"` : ''}>${LANGUAGE_NAMES[locale]}</a>`,
  );
  return `<!doctype html>${html`<html lang="${s.htmlLang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="strict-origin-when-cross-origin">
<title>${title}</title>
<style>${trustedHtml(STYLE)}</style>
</head>
<body>
<header><div class="bar">
<nav aria-label="${s.languages}">${languages}</nav>
<h1><a href="${href(page, '')}">${s.title(page.workspaceName)}</a></h1>
<form class="search" method="get" action="${href(page, '/search', {}, page.defaultLang)}" role="search">
<input type="search" name="q" value="${query}" maxlength="500" placeholder="${s.searchPlaceholder}" aria-label="${s.searchButton}">
${page.lang !== page.defaultLang ? html`<input type="hidden" name="lang" value="${page.lang}">` : ''}
<button type="submit">${s.searchButton}</button>
</form>
</div></header>
<main>${body}</main>
<footer>${page.workspaceName}</footer>
</body>
</html>`}`;
}

function entryList(page: PageContext, entries: HelpEntry[], withSnippets: boolean): SafeHtml {
  return html`<ul class="list">${entries.map(
    (entry) =>
      html`<li><a href="${entryHref(page, entry.id)}">${entry.title}</a>${
        withSnippets ? html`<span class="snippet">${entry.text.replace(/\s+/g, ' ').slice(0, 120)}</span>` : ''
      }</li>`,
  )}</ul>`;
}

function categoryCards(page: PageContext, categories: HelpCategory[]): SafeHtml {
  return html`<div class="grid">${categories.map(
    (category) =>
      html`<a class="card" href="${categoryHref(page, category.id)}">${category.name} <span class="count">(${category.entryCount})</span></a>`,
  )}</div>`;
}

export function homePage(
  page: PageContext,
  categories: HelpCategory[],
  uncategorized: number,
  recent: HelpEntry[],
): string {
  const s = page.strings;
  const top = categories.filter((c) => c.parentId === null || !categories.some((p) => p.id === c.parentId));
  const body =
    top.length === 0 && recent.length === 0
      ? html`<section><p class="muted">${s.emptyHelpCenter}</p></section>`
      : html`${
          top.length > 0 || uncategorized > 0
            ? html`<section><h2>${s.categories}</h2>${categoryCards(page, top)}${
                uncategorized > 0
                  ? html`<p><a href="${href(page, '/categories/none')}">${s.uncategorized}</a> <span class="count">(${uncategorized})</span></p>`
                  : ''
              }</section>`
            : ''
        }${recent.length > 0 ? html`<section><h2>${s.recent}</h2>${entryList(page, recent, false)}</section>` : ''}`;
  return layout(page, s.title(page.workspaceName), body);
}

function crumbs(page: PageContext, trail: HelpCategory[]): SafeHtml {
  return html`<div class="crumbs"><a href="${href(page, '')}">${page.strings.home}</a>${trail.map(
    (category) => html` › <a href="${categoryHref(page, category.id)}">${category.name}</a>`,
  )}</div>`;
}

export function categoryPage(
  page: PageContext,
  category: HelpCategory | null,
  trail: HelpCategory[],
  children: HelpCategory[],
  entries: HelpEntry[],
): string {
  const s = page.strings;
  const name = category?.name ?? s.uncategorized;
  const body = html`<section>${crumbs(page, trail)}<h2>${name}</h2>${
    children.length > 0 ? categoryCards(page, children) : ''
  }${
    entries.length > 0
      ? entryList(page, entries, true)
      : children.length === 0
        ? html`<p class="muted">${s.emptyCategory}</p>`
        : ''
  }</section>`;
  return layout(page, `${name} - ${s.title(page.workspaceName)}`, body);
}

export function entryPage(page: PageContext, entry: HelpEntry, trail: HelpCategory[], related: HelpEntry[]): string {
  const s = page.strings;
  const date = new Intl.DateTimeFormat(page.lang, { dateStyle: 'medium' }).format(entry.updatedAt);
  const body = html`<section><article>${crumbs(page, trail)}<h1>${entry.title}</h1>
<p class="muted">${entry.kind === 'article' ? s.article : s.faq} · ${s.updated(date)}</p>
<div class="body">${trustedHtml(entry.html)}</div></article></section>${
    related.length > 0 ? html`<section><h2>${s.related}</h2>${entryList(page, related, false)}</section>` : ''
  }`;
  return layout(page, `${entry.title} - ${s.title(page.workspaceName)}`, body);
}

export function searchPage(page: PageContext, query: string, results: HelpEntry[]): string {
  const s = page.strings;
  const body = html`<section><div class="crumbs"><a href="${href(page, '')}">${s.home}</a></div><h2>${s.resultsFor(query)}</h2>${
    results.length > 0 ? entryList(page, results, true) : html`<p class="muted">${s.noResults}</p>`
  }</section>`;
  return layout(page, `${s.resultsFor(query)} - ${s.title(page.workspaceName)}`, body, query);
}

export function notFoundPage(page: PageContext | null): string {
  const strings = page?.strings ?? HELP_CENTER_STRINGS['zh-CN'];
  if (!page) {
    return `<!doctype html>${html`<html lang="zh-CN"><head><meta charset="utf-8"><title>${strings.notFound}</title><style>${trustedHtml(STYLE)}</style></head><body><main><section><h2>${strings.notFound}</h2><p class="muted">${strings.notFoundHint}</p></section></main></body></html>`}`;
  }
  return layout(
    page,
    strings.notFound,
    html`<section><h2>${strings.notFound}</h2><p class="muted">${strings.notFoundHint}</p><p><a href="${href(page, '')}">${strings.home}</a></p></section>`,
  );
}
