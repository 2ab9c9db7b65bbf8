import { createHmac } from 'node:crypto';
import { safeEqual } from '../http/secrets.js';

/** Who a widget visitor is: signed by the server, kept by the widget between visits. */
export interface VisitorClaims {
  accountId: string;
  inboxId: string;
  contactId: string;
  /** Issued at, epoch ms. */
  iat: number;
}

const PREFIX = 'kv1';
/** A returning visitor is recognised for half a year; after that the widget starts a fresh session. */
export const VISITOR_TOKEN_TTL_MS = 180 * 24 * 3600 * 1000;

const sign = (key: string, payload: string) =>
  createHmac('sha256', key).update(`${PREFIX}.${payload}`).digest('base64url');

export function issueVisitorToken(key: string, claims: VisitorClaims): string {
  const payload = Buffer.from(
    JSON.stringify([claims.accountId, claims.inboxId, claims.contactId, claims.iat]),
  ).toString('base64url');
  return `${PREFIX}.${payload}.${sign(key, payload)}`;
}

/** The claims of a valid, unexpired token, or null: a visitor token is never trusted unsigned. */
export function verifyVisitorToken(key: string, token: string, now: number): VisitorClaims | null {
  const [prefix, payload, signature] = token.split('.');
  if (prefix !== PREFIX || !payload || !signature || !safeEqual(signature, sign(key, payload))) return null;
  try {
    const [accountId, inboxId, contactId, iat] = JSON.parse(
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
    return { accountId, inboxId, contactId, iat };
  } catch {
    return null;
  }
}
