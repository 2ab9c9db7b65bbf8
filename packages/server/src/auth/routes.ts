import {
  acceptInviteBody,
  changePasswordBody,
  LIMITS,
  loginBody,
  okResponse,
  sessionResponse,
  updateProfileBody,
} from '@kefu/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../http/appError.js';
import { SESSION_COOKIE } from '../http/authentication.js';
import type { KefuApp } from '../http/kefuApp.js';
import { inviteAcceptor, inviteDescriber } from './inviteAcceptor.js';
import { passwordChanger, profileUpdater, signOut } from './selfService.js';
import type { RequestOrigin } from './sessionIssuer.js';
import { presentSession } from './sessionPresenter.js';
import { signIn } from './signIn.js';

const origin = (request: FastifyRequest): RequestOrigin => ({
  ip: request.ip,
  userAgent: request.headers['user-agent']?.slice(0, 300) ?? null,
});

export function authRoutes(app: KefuApp) {
  const tags = ['auth'];
  const setSessionCookie = (reply: FastifyReply, token: string) =>
    reply.setCookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: app.ctx.config.cookieSecure,
      path: '/',
      maxAge: LIMITS.sessionTtlDays * 24 * 3600,
    });
  const loginRateLimit = {
    max: LIMITS.loginAttemptsPerIpPerMinute,
    timeWindow: 60_000,
    keyGenerator: (request: FastifyRequest) => `login:${request.ip}`,
  };

  app.post(
    '/api/auth/login',
    {
      config: { access: 'public', rateLimit: loginRateLimit },
      schema: { tags, summary: 'Sign in with email and password', body: loginBody, response: { 200: sessionResponse } },
    },
    async (request, reply) => {
      const grant = await signIn(app.ctx, request.body, origin(request));
      setSessionCookie(reply, grant.sessionToken);
      return presentSession(app.ctx.db.kysely, grant.user.account_id, grant.user.id, grant.csrfToken);
    },
  );

  app.get(
    '/api/auth/session',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'Who is signed in, with the CSRF token for writes', response: { 200: sessionResponse } },
    },
    async (request) => {
      const actor = request.actor!;
      if (!actor.session)
        throw new AppError('UNAUTHENTICATED', 'API tokens have no session; use /api/auth/session from a browser');
      return presentSession(app.ctx.db.kysely, actor.accountId, actor.userId, actor.session.csrfToken);
    },
  );

  app.post(
    '/api/auth/logout',
    { config: { access: 'authenticated' }, schema: { tags, summary: 'Sign out', response: { 200: okResponse } } },
    async (request, reply) => {
      await signOut(app.ctx, request.actor!);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  app.post(
    '/api/auth/password',
    {
      config: { access: 'profile.self', rateLimit: loginRateLimit },
      schema: { tags, summary: 'Change my password', body: changePasswordBody, response: { 200: okResponse } },
    },
    async (request) => {
      await passwordChanger(app.ctx, request.actor!, request.body.currentPassword, request.body.newPassword);
      return { ok: true as const };
    },
  );

  app.patch(
    '/api/auth/profile',
    {
      config: { access: 'profile.self' },
      schema: {
        tags,
        summary: 'Change my name or language',
        body: updateProfileBody,
        response: { 200: sessionResponse },
      },
    },
    async (request) => {
      const actor = request.actor!;
      await profileUpdater(app.ctx, actor, request.body);
      return presentSession(app.ctx.db.kysely, actor.accountId, actor.userId, actor.session?.csrfToken ?? '');
    },
  );

  app.get(
    '/api/auth/invites/:token',
    {
      config: { access: 'public', rateLimit: loginRateLimit },
      schema: {
        tags,
        summary: 'What an invite link is for',
        params: z.object({ token: z.string().min(20).max(200) }),
        response: { 200: z.object({ email: z.string(), name: z.string(), accountName: z.string() }) },
      },
    },
    (request) => inviteDescriber(app.ctx, request.params.token),
  );

  app.post(
    '/api/auth/invites/accept',
    {
      config: { access: 'public', rateLimit: loginRateLimit },
      schema: {
        tags,
        summary: 'Accept an invite: set name and password, and sign in',
        body: acceptInviteBody,
        response: { 200: sessionResponse },
      },
    },
    async (request, reply) => {
      const accepted = await inviteAcceptor(app.ctx, request.body, origin(request));
      setSessionCookie(reply, accepted.sessionToken);
      return presentSession(app.ctx.db.kysely, accepted.accountId, accepted.userId, accepted.csrfToken);
    },
  );
}
