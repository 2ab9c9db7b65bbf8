import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A high-entropy secret for a session, invite or API token; only its hash is stored. */
export function newSecret(prefix = ''): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

/**
 * HMAC-SHA256 keyed with KEFU_SECRET: a copy of the database alone is not enough to check a stolen
 * token offline. Changing KEFU_SECRET therefore ends every session, invite and API token.
 */
export function hashSecret(key: string, secret: string): string {
  return createHmac('sha256', key).update(secret).digest('hex');
}

export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}
