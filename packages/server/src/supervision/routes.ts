import { conversationView, idParams, messageView, supervisionBoard, transferBody, whisperBody } from '@kefu/shared';
import type { KefuApp } from '../http/kefuApp.js';
import { conversationTakeover, conversationTransferrer } from '../routing/conversationTransferrer.js';
import { boardReader } from './boardReader.js';
import { whisperSender } from './whisperSender.js';

export function supervisionRoutes(app: KefuApp) {
  const tags = ['supervision'];
  const ctx = app.ctx;

  app.get(
    '/api/supervision/board',
    {
      config: { access: 'supervision.read' },
      schema: {
        tags,
        summary: 'Live board: agents (presence, chats vs limit), queues per team, service level today',
        response: { 200: supervisionBoard },
      },
    },
    (request) => boardReader(ctx, request.actor!.accountId),
  );

  app.post(
    '/api/conversations/:id/whisper',
    {
      config: { access: 'supervision.act' },
      schema: {
        tags,
        summary: 'Whisper to the assignee: a private note only agents see',
        params: idParams,
        body: whisperBody,
        response: { 201: messageView },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await whisperSender(ctx, request.actor!, request.params.id, request.body.content)),
  );

  app.post(
    '/api/conversations/:id/takeover',
    {
      config: { access: 'supervision.act' },
      schema: {
        tags,
        summary: 'Take the conversation over (强插): it is assigned to me, past any chat limit; recorded',
        params: idParams,
        response: { 200: conversationView },
      },
    },
    (request) => conversationTakeover(ctx, request.actor!, request.params.id),
  );

  app.post(
    '/api/conversations/:id/reassign',
    {
      config: { access: 'supervision.act' },
      schema: {
        tags,
        summary: 'Reassign to an agent (even a full or busy one) or to a team, with a private note; recorded',
        params: idParams,
        body: transferBody,
        response: { 200: conversationView },
      },
    },
    (request) => conversationTransferrer(ctx, request.actor!, request.params.id, request.body, 'reassign'),
  );
}
