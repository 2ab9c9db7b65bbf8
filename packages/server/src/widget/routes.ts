import { randomUUID } from 'node:crypto';
import {
  idParams,
  LIMITS,
  leaveMessageBody,
  messagePageQuery,
  messagePageResponse,
  okResponse,
  prechatBody,
  widgetSessionBody,
  widgetSessionResponse,
} from '@kefu/shared';
import type { FastifyRequest } from 'fastify';
import { conversationMeta } from '../conversations/clientInfo.js';
import { presentMessageForContact } from '../conversations/messagePresenter.js';
import { readMessagePage } from '../conversations/messageRepository.js';
import type { KefuApp } from '../http/kefuApp.js';
import { recordVisitorDetails } from './visitorContact.js';
import { visitorConversation, visitorMessageSender } from './visitorMessageSender.js';
import { visitorRateLimit } from './visitorRateLimit.js';
import { widgetSessionStarter } from './widgetSession.js';

const leaveMessageResponse = okResponse.extend({ conversationId: idParams.shape.id });

const sessionRateLimit = { max: 60, timeWindow: 60_000, keyGenerator: (r: FastifyRequest) => `widget-session:${r.ip}` };

export function widgetRoutes(app: KefuApp) {
  const tags = ['widget'];
  const key = app.ctx.config.secret;
  const leaveMessageLimit = visitorRateLimit(app, {
    name: 'leave-message',
    perVisitor: LIMITS.leaveMessagesPerVisitor,
    perIp: LIMITS.leaveMessagesPerIp,
    windowMs: LIMITS.leaveMessageWindowMs,
  });

  app.post(
    '/api/widget/session',
    {
      config: { access: 'public', rateLimit: sessionRateLimit },
      schema: {
        tags,
        summary: 'Start or resume a widget visitor session',
        body: widgetSessionBody,
        response: { 200: widgetSessionResponse },
      },
    },
    (request) => widgetSessionStarter(app.ctx, request.body),
  );

  app.get(
    '/api/widget/conversations/:id/messages',
    {
      config: { access: 'visitor' },
      schema: {
        tags,
        summary: "A page of the visitor's own conversation (no private notes)",
        params: idParams,
        querystring: messagePageQuery,
        response: { 200: messagePageResponse },
      },
    },
    async (request) => {
      const visitor = request.visitor!;
      const conversation = await visitorConversation(app.ctx, visitor, request.params.id);
      const { limit, beforeSeq, afterSeq } = request.query;
      const { rows, hasMore } = await readMessagePage(app.ctx.db.kysely, visitor.accountId, conversation.id, {
        beforeSeq,
        afterSeq,
        limit,
        includeNotes: false,
      });
      return { items: rows.map((r) => presentMessageForContact(key, r)), hasMore };
    },
  );

  app.post(
    '/api/widget/prechat',
    {
      config: { access: 'visitor' },
      schema: {
        tags,
        summary: 'The pre-chat form: name, phone, email',
        body: prechatBody,
        response: { 200: okResponse },
      },
    },
    async (request) => {
      const visitor = request.visitor!;
      await app.ctx.db.kysely
        .transaction()
        .execute((trx) => recordVisitorDetails(app.ctx, trx, visitor.accountId, visitor.contactId, request.body));
      return { ok: true as const };
    },
  );

  app.post(
    '/api/widget/leave-message',
    {
      config: { access: 'visitor' },
      preHandler: leaveMessageLimit,
      schema: {
        tags,
        summary: 'Leave a message (留言) when no agent is online',
        body: leaveMessageBody,
        response: { 200: leaveMessageResponse },
      },
    },
    async (request) => {
      const visitor = request.visitor!;
      const { content, ...details } = request.body;
      await app.ctx.db.kysely
        .transaction()
        .execute((trx) => recordVisitorDetails(app.ctx, trx, visitor.accountId, visitor.contactId, details));
      const created = await visitorMessageSender(
        app.ctx,
        visitor,
        {
          clientId: `leave-${randomUUID()}`,
          conversationId: null,
          content: `【留言】${content}`,
          attachmentIds: [],
          forPeople: true,
        },
        () =>
          conversationMeta({
            pageUrl: visitor.pageUrl,
            referrer: visitor.referrer,
            userAgent: request.headers['user-agent'],
            ip: request.ip,
            regionHeader: request.headers['x-kefu-region'] as string | undefined,
          }),
        // A message left for later waits in the pool when everyone is busy, not in a queue it would abandon.
        { whenFull: 'pool' },
      );
      return { ok: true as const, conversationId: created.conversation.id };
    },
  );
}
