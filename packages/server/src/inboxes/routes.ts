import { createInboxBody, idParams, inboxView, updateInboxBody } from '@kefu/shared';
import { z } from 'zod';
import { notFound } from '../http/appError.js';
import type { KefuApp } from '../http/kefuApp.js';
import { inboxCreator, inboxUpdater } from './inboxCommands.js';
import { presentInbox } from './inboxPresenter.js';
import { findInbox, listInboxes } from './inboxRepository.js';

export function inboxRoutes(app: KefuApp) {
  const tags = ['inboxes'];
  const { publicUrl } = app.ctx.config;

  app.get(
    '/api/inboxes',
    {
      config: { access: 'inboxes.read' },
      schema: { tags, summary: 'List inboxes (接入渠道)', response: { 200: z.object({ items: z.array(inboxView) }) } },
    },
    async (request) => {
      const actor = request.actor!;
      const rows = await listInboxes(app.ctx.db.kysely, actor.accountId);
      return { items: rows.map((r) => presentInbox(r, publicUrl, actor.role)) };
    },
  );

  app.post(
    '/api/inboxes',
    {
      config: { access: 'inboxes.manage' },
      schema: { tags, summary: 'Create a web widget inbox', body: createInboxBody, response: { 201: inboxView } },
    },
    async (request, reply) => {
      const actor = request.actor!;
      const id = await inboxCreator(app.ctx, actor, request.body);
      const row = await findInbox(app.ctx.db.kysely, actor.accountId, id);
      return reply.status(201).send(presentInbox(row!, publicUrl, actor.role));
    },
  );

  app.get(
    '/api/inboxes/:id',
    {
      config: { access: 'inboxes.read' },
      schema: { tags, summary: 'One inbox with its snippet', params: idParams, response: { 200: inboxView } },
    },
    async (request) => {
      const actor = request.actor!;
      const row = await findInbox(app.ctx.db.kysely, actor.accountId, request.params.id);
      if (!row) throw notFound('Inbox');
      return presentInbox(row, publicUrl, actor.role);
    },
  );

  app.patch(
    '/api/inboxes/:id',
    {
      config: { access: 'inboxes.manage' },
      schema: {
        tags,
        summary: 'Change an inbox name or widget settings',
        params: idParams,
        body: updateInboxBody,
        response: { 200: inboxView },
      },
    },
    (request) => inboxUpdater(app.ctx, request.actor!, request.params.id, request.body),
  );
}
