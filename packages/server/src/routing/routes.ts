import {
  contactRoutingView,
  conversationView,
  idParams,
  participantBody,
  participantListResponse,
  participantParams,
  queueListResponse,
  routingRepairResponse,
  transferBody,
  updateContactRoutingBody,
} from '@kefu/shared';
import { recordAudit } from '../audit/auditRecorder.js';
import type { KefuApp } from '../http/kefuApp.js';
import { contactRoutingUpdater, loadContactRouting } from './contactRouting.js';
import { conversationTransferrer } from './conversationTransferrer.js';
import { counterRepairer } from './counterRepairer.js';
import { listParticipants, participantInviter, participantRemover } from './participants.js';
import { queueEntries } from './queueNotifier.js';
import { listQueued } from './routingRepository.js';

export function routingRoutes(app: KefuApp) {
  const tags = ['routing'];
  const ctx = app.ctx;

  app.post(
    '/api/conversations/:id/transfer',
    {
      config: { access: 'conversations.reply' },
      schema: {
        tags,
        summary: 'Transfer (转接) to an agent who is online with a free seat, or to a team, with a private note',
        params: idParams,
        body: transferBody,
        response: { 200: conversationView },
      },
    },
    (request) => conversationTransferrer(ctx, request.actor!, request.params.id, request.body, 'transfer'),
  );

  app.get(
    '/api/conversations/:id/participants',
    {
      config: { access: 'conversations.read' },
      schema: {
        tags,
        summary: 'Agents invited into the conversation besides its assignee',
        params: idParams,
        response: { 200: participantListResponse },
      },
    },
    (request) => listParticipants(ctx.db.kysely, request.actor!.accountId, request.params.id),
  );

  app.post(
    '/api/conversations/:id/participants',
    {
      config: { access: 'conversations.reply' },
      schema: {
        tags,
        summary: 'Invite a second agent into the conversation',
        params: idParams,
        body: participantBody,
        response: { 200: participantListResponse },
      },
    },
    (request) => participantInviter(ctx, request.actor!, request.params.id, request.body.userId),
  );

  app.delete(
    '/api/conversations/:id/participants/:userId',
    {
      config: { access: 'conversations.reply' },
      schema: {
        tags,
        summary: 'An invited agent leaves the conversation',
        params: participantParams,
        response: { 200: participantListResponse },
      },
    },
    (request) => participantRemover(ctx, request.actor!, request.params.id, request.params.userId),
  );

  app.get(
    '/api/contacts/:id/routing',
    {
      config: { access: 'contacts.read' },
      schema: {
        tags,
        summary: "A customer's owner (专属客服) and tags",
        params: idParams,
        response: { 200: contactRoutingView },
      },
    },
    (request) => loadContactRouting(ctx.db.kysely, request.actor!.accountId, request.params.id),
  );

  app.put(
    '/api/contacts/:id/routing',
    {
      config: { access: 'contacts.manage' },
      schema: {
        tags,
        summary: "Set a customer's owner and tags (VIP …); audited",
        params: idParams,
        body: updateContactRoutingBody,
        response: { 200: contactRoutingView },
      },
    },
    (request) => contactRoutingUpdater(ctx, request.actor!, request.params.id, request.body),
  );

  app.get(
    '/api/routing/queue',
    {
      config: { access: 'conversations.read' },
      schema: {
        tags,
        summary: 'Conversations waiting in the queue, in the order they will be served',
        response: { 200: queueListResponse },
      },
    },
    async (request) => {
      const { accountId } = request.actor!;
      const now = ctx.clock.now();
      const [{ entries }, rows] = await Promise.all([
        queueEntries(ctx.db.kysely, accountId, now),
        listQueued(ctx.db.kysely, accountId),
      ]);
      const byId = new Map(rows.map((r) => [r.conversation_id, r]));
      return {
        items: entries.map((e) => {
          const row = byId.get(e.conversationId)!;
          return {
            conversationId: e.conversationId,
            teamId: row.team_id,
            position: e.position!,
            priority: row.priority,
            enqueuedAt: new Date(row.enqueued_at ?? now).toISOString(),
            estimatedWaitSeconds: e.estimatedWaitSeconds!,
          };
        }),
      };
    },
  );

  app.post(
    '/api/routing/repair',
    {
      config: { access: 'routing.manage' },
      schema: {
        tags,
        summary: 'Recount agents’ and teams’ chats in progress, then serve the queue; audited',
        response: { 200: routingRepairResponse },
      },
    },
    async (request) => {
      const actor = request.actor!;
      const result = await counterRepairer(ctx, actor.accountId);
      await recordAudit(ctx.db.kysely, actor, { action: 'routing.repaired', details: result }, ctx.clock.now());
      return result;
    },
  );
}
