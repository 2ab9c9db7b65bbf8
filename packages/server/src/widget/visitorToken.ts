import { createHmac } from 'node:crypto';
import { safeEqual } from '../http/secrets.js';

/** Who a widget visitor is: signed by the server, kept by the widget between visits. */
export interface VisitorClaims {
  accountId: string;
  inboxId: string;
  contactId: string;
  /** Issued at, epoch ms. */
  iat: number;
  /**
   * The host page and referrer the widget reported when this token was issued (each visit gets a new token),
   * so the conversation the visitor opens shows where they came from.
   */
  pageUrl?: string | undefined;
  referrer?: string | undefined;
}

const PREFIX = 'kv1';
/** A returning visitor is recognised for half a year; after that the widget starts a fresh session. */
export const VISITOR_TOKEN_TTL_MS = 180 * 24 * 3600 * 1000;

/** Page addresses are cut to this length inside the token, so it stays a manageable size. */
export const VISIT_URL_MAX_CHARS = 1000;

/** Printable ASCII only (browsers report URLs percent-encoded anyway), so the cut bounds the token's bytes. */
function visitUrl(url: string | undefined): string | null {
  if (!url) return null;
  const ascii = [...url]
    .map((c) => {
      if (c >= ' ' && c <= '~') return c;
      // A lone surrogate cannot be percent-encoded: it becomes U+FFFD.
      return c.length === 1 && c >= '\uD800' && c <= '\uDFFF' ? '%EF%BF%BD' : encodeURIComponent(c);
    })
    .join('');
  return ascii.slice(0, VISIT_URL_MAX_CHARS) || null;
}

const sign = (key: string, payload: string) =>
  createHmac('sha256', key).update(`${PREFIX}.${payload}`).digest('base64url');

export function issueVisitorToken(key: string, claims: VisitorClaims): string {
  const fields: unknown[] = [claims.accountId, claims.inboxId, claims.contactId, claims.iat];
  const pageUrl = visitUrl(claims.pageUrl);
  const referrer = visitUrl(claims.referrer);
  if (pageUrl || referrer) fields.push(pageUrl, referrer);
  const payload = Buffer.from(JSON.stringify(fields)).toString('base64url');
  return `${PREFIX}.${payload}.${sign(key, payload)}`;
}

/** The claims of a valid, unexpired token, or null: a visitor token is never trusted unsigned. */
export function verifyVisitorToken(key: string, token: string, now: number): VisitorClaims | null {
  const [prefix, payload, signature] = token.split('.');
  if (prefix !== PREFIX || !payload || !signature || !safeEqual(signature, sign(key, payload))) return null;
  try {
    const [accountId, inboxId, contactId, iat, pageUrl, referrer] = JSON.parse(
      Buffer.from(payload, 'base64url').toString('utf8'),
    ) as unknown[];
    if (
      typeof accountId !== 'string' ||
      typeof inboxId !== 'string' ||
      typeof contactId !== 'string' ||
      typeof iat !== 'number'
    ) {
      return null;
    }
    if (now - iat > VISITOR_TOKEN_TTL_MS) return null;
    return {
      accountId,
      inboxId,
      contactId,
      iat,
      ...(typeof pageUrl === 'string' ? { pageUrl } : {}),
      ...(typeof referrer === 'string' ? { referrer } : {}),
    };
  } catch {
    return null;
  }
}
