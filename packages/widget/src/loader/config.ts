import { BRIDGE_LOCALES, type BridgeLocale } from '../bridge';

export interface LoaderConfig {
  websiteToken: string;
  /** Where Kefu runs, without a trailing slash: `https://kefu.example.com`. */
  baseUrl: string;
  /** From `data-locale`, when it names a language Kefu speaks. */
  locale: BridgeLocale | null;
  identifier: string | null;
  identifierHash: string | null;
  team: string | null;
  /** From `data-agent`: the agent this page's chats go to first (指定客服). */
  agent: string | null;
}

function httpUrl(value: string | null | undefined, relativeTo?: string): URL | null {
  if (!value) return null;
  try {
    const url = new URL(value, relativeTo);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}

/** Reads the widget's settings from its `<script>` tag; null (with a console warning) when they are unusable. */
export function readConfig(script: HTMLScriptElement | null, pageUrl: string): LoaderConfig | null {
  const token = script?.getAttribute('data-website-token')?.trim();
  if (!script || !token) {
    console.warn('[kefu] the widget script needs a data-website-token attribute');
    return null;
  }
  // data-base-url may name a path (Kefu behind a prefix); else Kefu is the origin the script came from.
  const explicit = httpUrl(script.getAttribute('data-base-url'), pageUrl);
  const fromScript = httpUrl(script.src, pageUrl);
  const baseUrl = explicit ? explicit.origin + explicit.pathname.replace(/\/+$/, '') : fromScript?.origin;
  if (!baseUrl) {
    console.warn('[kefu] cannot tell where Kefu runs: set data-base-url');
    return null;
  }
  const attr = (name: string) => script.getAttribute(name)?.trim() || null;
  const locale = attr('data-locale');
  return {
    websiteToken: token,
    baseUrl,
    locale: BRIDGE_LOCALES.includes(locale as BridgeLocale) ? (locale as BridgeLocale) : null,
    identifier: attr('data-identifier'),
    identifierHash: attr('data-identifier-hash'),
    team: attr('data-team'),
    agent: attr('data-agent'),
  };
}
