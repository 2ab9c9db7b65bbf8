import {
  conversationListQuery,
  conversationListResponse,
  conversationView,
  idParams,
  messagePageQuery,
  messagePageResponse,
  messageView,
  okResponse,
  REALTIME_LIMITS,
  roleHasPermission,
  updateConversationBody,
} from '@kefu/shared';
import { z } from 'zod';
import { findContact } from '../contacts/contactRepository.js';
import { notFound } from '../http/appError.js';
import type { KefuApp } from '../http/kefuApp.js';
import { decodeConversationCursor, encodeConversationCursor } from './conversationCursor.js';
import { presentConversation } from './conversationPresenter.js';
import { conversationReader } from './conversationReader.js';
import {
  countConversationsByTab,
  findConversation,
  findConversationWithContact,
  listConversations,
  listConversationsOfContact,
} from './conversationRepository.js';
import { conversationUpdater } from './conversationUpdater.js';
import { messageCreator } from './messageCreator.js';
import { presentMessage } from './messagePresenter.js';
import { readMessagePage } from './messageRepository.js';

export const agentMessageBody = z.object({
  clientId: z
    .string()
    .min(8)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/)
    .optional(),
  content: z.string().max(REALTIME_LIMITS.maxMessageChars).default(''),
  private: z.boolean().default(false),
  attachmentIds: z.array(z.uuid()).max(10).default([]),
  /** Send although the text has a sensitive word set to warn (the console asked the agent). */
  confirmSensitive: z.boolean().default(false),
});

export function conversationRoutes(app: KefuApp) {
  const tags = ['conversations'];
  const key = app.ctx.config.secret;

  app.get(
    '/api/conversations',
    {
      config: { access: 'conversations.read' },
      schema: {
        tags,
        summary: 'The inbox: conversations by tab and status, most recent first',
        querystring: conversationListQuery,
        response: { 200: conversationListResponse },
      },
    },
    async (request) => {
      const actor = request.actor!;
      const db = app.ctx.db.kysely;
      const { cursor, ...query } = request.query;
      const after = cursor === undefined ? null : decodeConversationCursor(cursor);
      const seesBotChats = roleHasPermission(actor.role, 'supervision.read');
      const [rows, counts] = await Promise.all([
        listConversations(db, actor.accountId, actor.userId, query, after, seesBotChats),
        countConversationsByTab(db, actor.accountId, actor.userId, query, seesBotChats),
      ]);
      const last = rows.at(-1);
      const nextCursor =
        rows.length === query.limit && last
          ? encodeConversationCursor({ lastActivityAt: last.last_activity_at, id: last.id })
          : null;
      return { items: rows.map(presentConversation), nextCursor, counts };
    },
  );

  app.get(
    '/api/conversations/:id',
    {
      config: { access: 'conversations.read' },
      schema: { tags, summary: 'One conversation', params: idParams, response: { 200: conversationView } },
    },
    async (request) => {
      const row = await findConversationWithContact(app.ctx.db.kysely, request.actor!.accountId, request.params.id);
      if (!row) throw notFound('Conversation');
      return presentConversation(row);
    },
  );

  app.patch(
    '/api/conversations/:id',
    {
      config: { access: 'conversations.reply' },
      schema: {
        tags,
        summary: 'Assign, resolve, reopen, snooze or label',
        params: idParams,
        body: updateConversationBody,
        response: { 200: conversationView },
      },
    },
    (request) => conversationUpdater(app.ctx, request.actor!, request.params.id, request.body),
  );

  app.get(
    '/api/conversations/:id/messages',
    {
      config: { access: 'conversations.read' },
      schema: {
        tags,
        summary: 'A page of messages (ascending seq), notes included',
        params: idParams,
        querystring: messagePageQuery,
        response: { 200: messagePageResponse },
      },
    },
    async (request) => {
      const { accountId } = request.actor!;
      const conversation = await findConversation(app.ctx.db.kysely, accountId, request.params.id);
      if (!conversation) throw notFound('Conversation');
      const { limit, beforeSeq, afterSeq } = request.query;
      const { rows, hasMore } = await readMessagePage(app.ctx.db.kysely, accountId, conversation.id, {
        beforeSeq,
        afterSeq,
        limit,
        includeNotes: true,
      });
      return { items: rows.map((r) => presentMessage(key, r)), hasMore };
    },
  );

  app.post(
    '/api/conversations/:id/messages',
    {
      config: { access: 'conversations.reply' },
      schema: {
        tags,
        summary: 'Reply to the customer, or add a private note',
        params: idParams,
        body: agentMessageBody,
        response: { 201: messageView, 200: messageView },
      },
    },
    async (request, reply) => {
      const actor = request.actor!;
      const created = await messageCreator(app.ctx, {
        accountId: actor.accountId,
        conversationId: request.params.id,
        kind: request.body.private ? 'note' : 'outgoing',
        sender: { type: 'user', id: actor.userId, name: actor.name },
        content: request.body.content,
        attachmentIds: request.body.attachmentIds,
        clientId: request.body.clientId ?? null,
        confirmSensitive: request.body.confirmSensitive,
      });
      return reply.status(created.duplicate ? 200 : 201).send(presentMessage(key, created.message));
    },
  );

  app.post(
    '/api/conversations/:id/read',
    {
      config: { access: 'conversations.read' },
      schema: {
        tags,
        summary: 'Mark read up to a seq (clears the unread count)',
        params: idParams,
        body: z.object({ seq: z.number().int().min(0) }),
        response: { 200: okResponse },
      },
    },
    async (request) => {
      await conversationReader(
        app.ctx,
        { accountId: request.actor!.accountId, reader: 'agent' },
        request.params.id,
        request.body.seq,
      );
      return { ok: true as const };
    },
  );

  app.get(
    '/api/contacts/:id/conversations',
    {
      config: { access: 'conversations.read' },
      schema: {
        tags: ['contacts'],
        summary: "A contact's conversations, newest first",
        params: idParams,
        response: { 200: z.object({ items: z.array(conversationView) }) },
      },
    },
    async (request) => {
      const { accountId } = request.actor!;
      // Like every by-id route: a contact of another workspace (or none) is 404, not an empty list.
      if (!(await findContact(app.ctx.db.kysely, accountId, request.params.id))) throw notFound('Contact');
      const rows = await listConversationsOfContact(app.ctx.db.kysely, accountId, request.params.id, 50);
      return { items: rows.map(presentConversation) };
    },
  );
}
