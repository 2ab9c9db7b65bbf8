import { apiTokenView, createApiTokenBody, createdApiTokenResponse, idParams, okResponse } from '@kefu/shared';
import { z } from 'zod';
import type { KefuApp } from '../http/kefuApp.js';
import { apiTokenCreator, apiTokenRevoker } from './apiTokenCommands.js';
import { presentApiToken } from './apiTokenPresenter.js';
import { listApiTokensOfUser } from './apiTokenRepository.js';

export function apiTokenRoutes(app: KefuApp) {
  const tags = ['api tokens'];

  app.get(
    '/api/api-tokens',
    {
      config: { access: 'apiTokens.own' },
      schema: {
        tags,
        summary: 'My personal API tokens',
        response: { 200: z.object({ items: z.array(apiTokenView) }) },
      },
    },
    async (request) => {
      const { accountId, userId } = request.actor!;
      return { items: (await listApiTokensOfUser(app.ctx.db.kysely, accountId, userId)).map(presentApiToken) };
    },
  );

  app.post(
    '/api/api-tokens',
    {
      config: { access: 'apiTokens.own' },
      schema: {
        tags,
        summary: 'Create a personal API token; the secret is shown once',
        body: createApiTokenBody,
        response: { 201: createdApiTokenResponse },
      },
    },
    async (request, reply) => reply.status(201).send(await apiTokenCreator(app.ctx, request.actor!, request.body)),
  );

  app.delete(
    '/api/api-tokens/:id',
    {
      config: { access: 'apiTokens.own' },
      schema: { tags, summary: 'Revoke one of my API tokens', params: idParams, response: { 200: okResponse } },
    },
    async (request) => {
      await apiTokenRevoker(app.ctx, request.actor!, request.params.id);
      return { ok: true as const };
    },
  );
}
