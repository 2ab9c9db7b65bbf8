import { LIMITS, type Role } from '@kefu/shared';
import type { FastifyRequest } from 'fastify';
import { findApiTokenWithUser, markApiTokenUsed } from '../apiTokens/apiTokenRepository.js';
import { findSessionWithUser, touchSession } from '../auth/sessionRepository.js';
import type { AppContext } from '../context.js';
import { type VisitorClaims, verifyVisitorToken } from '../widget/visitorToken.js';
import type { Actor } from './actor.js';
import { AppError } from './appError.js';
import { hashSecret, safeEqual } from './secrets.js';

export const SESSION_COOKIE = 'kefu_session';
export const CSRF_HEADER = 'x-csrf-token';
export const API_TOKEN_PREFIX = 'kefu_pat_';

const SESSION_TTL_MS = LIMITS.sessionTtlDays * 24 * 3600 * 1000;
/** Last-seen times are written at most this often, so reads do not turn into writes. */
const TOUCH_INTERVAL_MS = 60_000;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Finds who is calling: a personal API token in `Authorization: Bearer`, or the session cookie.
 * Cookie-authenticated writes must echo the session's CSRF token in a header.
 */
export async function authenticate(ctx: AppContext, request: FastifyRequest): Promise<Actor | null> {
  const header = request.headers.authorization;
  if (header) return authenticateToken(ctx, request, header);
  const cookie = request.cookies[SESSION_COOKIE];
  if (!cookie) return null;
  return authenticateSession(ctx, request, cookie);
}

async function authenticateToken(ctx: AppContext, request: FastifyRequest, header: string): Promise<Actor> {
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1]?.startsWith(API_TOKEN_PREFIX)) {
    throw new AppError('UNAUTHENTICATED', 'Authorization must be "Bearer kefu_pat_…"');
  }
  const now = ctx.clock.now();
  const row = await findApiTokenWithUser(ctx.db.kysely, hashSecret(ctx.config.secret, match[1]));
  if (!row || row.revoked_at !== null || (row.expires_at !== null && row.expires_at <= now)) {
    throw new AppError('UNAUTHENTICATED', 'The API token is invalid, expired or revoked');
  }
  if (row.status !== 'active') throw new AppError('USER_DISABLED', 'This user is disabled');
  if (row.last_used_at === null || now - row.last_used_at > TOUCH_INTERVAL_MS) {
    await markApiTokenUsed(ctx.db.kysely, row.token_id, now);
  }
  return {
    userId: row.user_id,
    accountId: row.account_id,
    role: row.role as Role,
    name: row.name,
    email: row.email,
    locale: row.locale,
    via: 'api_token',
    ip: request.ip,
  };
}

async function authenticateSession(ctx: AppContext, request: FastifyRequest, token: string): Promise<Actor | null> {
  const now = ctx.clock.now();
  const row = await findSessionWithUser(ctx.db.kysely, hashSecret(ctx.config.secret, token));
  if (!row || row.expires_at <= now || row.status !== 'active') return null;
  if (!SAFE_METHODS.has(request.method)) {
    const sent = request.headers[CSRF_HEADER];
    if (typeof sent !== 'string' || !safeEqual(sent, row.csrf_token)) {
      throw new AppError('CSRF_FAILED', `Missing or wrong ${CSRF_HEADER} header`);
    }
  }
  if (now - row.last_seen_at > TOUCH_INTERVAL_MS)
    await touchSession(ctx.db.kysely, row.session_id, now, sessionExpiry(now));
  return {
    userId: row.user_id,
    accountId: row.account_id,
    role: row.role as Role,
    name: row.name,
    email: row.email,
    locale: row.locale,
    via: 'session',
    session: { id: row.session_id, csrfToken: row.csrf_token },
    ip: request.ip,
  };
}

export const sessionExpiry = (now: number) => now + SESSION_TTL_MS;

export const VISITOR_HEADER = 'x-kefu-visitor';

/** Widget routes: the visitor's signed token in a header (no cookies cross the customer's site). */
export function authenticateVisitor(ctx: AppContext, request: FastifyRequest): VisitorClaims {
  const token = request.headers[VISITOR_HEADER];
  const claims = typeof token === 'string' ? verifyVisitorToken(ctx.config.secret, token, ctx.clock.now()) : null;
  if (!claims)
    throw new AppError(
      'UNAUTHENTICATED',
      `Missing, invalid or expired ${VISITOR_HEADER} token; start a new widget session`,
    );
  return claims;
}
