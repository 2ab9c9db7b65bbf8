import {
  idParams,
  TICKET_LIMITS,
  type WidgetTicketView,
  widgetCreateTicketBody,
  widgetDecisionBody,
  widgetTicketListResponse,
  widgetTicketTypeListResponse,
  widgetTicketView,
} from '@kefu/shared';
import { presentAttachment } from '../attachments/attachmentPresenter.js';
import type { AppContext } from '../context.js';
import type { Executor } from '../db/transaction.js';
import { notFound } from '../http/appError.js';
import type { KefuApp } from '../http/kefuApp.js';
import { type TicketType, ticketTypeOf } from '../ticketTypes/ticketTypePresenter.js';
import { listTicketTypes } from '../ticketTypes/ticketTypeRepository.js';
import { visitorRateLimit } from '../widget/visitorRateLimit.js';
import type { VisitorClaims } from '../widget/visitorToken.js';
import { customerDecisionRecorder } from './resolutionCommands.js';
import type { TicketActor } from './ticketChange.js';
import { listComments, replyMessageAttachments } from './ticketCommentRepository.js';
import { ticketCreator } from './ticketCreator.js';
import { stateViewOf } from './ticketPresenter.js';
import { findResolution } from './ticketRecordRepository.js';
import { contactNamesOf } from './ticketRefsRepository.js';
import { findTicket, listTickets, type TicketRow } from './ticketRepository.js';
import { eventTransition } from './workflowEngine.js';

/** A customer's list shows their newest tickets. */
const WIDGET_TICKETS_MAX = 50;
const REPLIES_MAX = 200;

async function customerActor(db: Executor, visitor: VisitorClaims): Promise<TicketActor> {
  const names = await contactNamesOf(db, visitor.accountId, [visitor.contactId]);
  return {
    type: 'contact',
    accountId: visitor.accountId,
    contactId: visitor.contactId,
    name: names.get(visitor.contactId) ?? '',
  };
}

/** What the customer sees: the state, our public replies, and the approved plan while it waits for them. */
async function presentForCustomer(
  ctx: AppContext,
  ticket: TicketRow,
  type: TicketType | undefined,
): Promise<WidgetTicketView> {
  const db = ctx.db.kysely;
  const resolution = ticket.current_resolution_id
    ? await findResolution(db, ticket.id, ticket.current_resolution_id)
    : undefined;
  const waitsForCustomer =
    resolution?.status === 'approved' &&
    resolution.customer_decision === null &&
    type !== undefined &&
    eventTransition(type.workflow, ticket.state, 'customer.accepted') !== undefined;
  const replies = await listComments(db, ticket.id, { limit: REPLIES_MAX, kinds: ['public'] });
  const carried = await replyMessageAttachments(
    db,
    ticket.account_id,
    replies.flatMap((r) => (r.message_id ? [r.message_id] : [])),
  );
  return {
    id: ticket.id,
    number: ticket.number,
    title: ticket.title,
    typeName: type?.name ?? '',
    state: stateViewOf(type?.workflow, ticket),
    createdAt: new Date(ticket.created_at).toISOString(),
    updatedAt: new Date(ticket.updated_at).toISOString(),
    pendingDecision:
      waitsForCustomer && resolution
        ? {
            resolutionId: resolution.id,
            summary: resolution.summary,
            compensationAmount: resolution.compensation_cents / 100,
          }
        : null,
    replies: replies.map((r) => ({
      id: r.id,
      body: r.body,
      author: r.author_name,
      attachments: (r.message_id ? (carried.get(r.message_id) ?? []) : []).map((a) =>
        presentAttachment(ctx.config.secret, a),
      ),
      createdAt: new Date(r.created_at).toISOString(),
    })),
  };
}

async function typesOf(db: Executor, accountId: string): Promise<Map<string, TicketType>> {
  return new Map((await listTicketTypes(db, accountId)).map((row) => [row.id, ticketTypeOf(row)]));
}

/** The visitor's own ticket, or NOT_FOUND (another customer's ticket does not exist for them). */
async function customerTicket(ctx: AppContext, visitor: VisitorClaims, id: string): Promise<TicketRow> {
  const ticket = await findTicket(ctx.db.kysely, visitor.accountId, id);
  if (!ticket || ticket.contact_id !== visitor.contactId) throw notFound('Ticket');
  return ticket;
}

export function widgetTicketRoutes(app: KefuApp) {
  const tags = ['widget'];
  const { ctx } = app;
  const submitLimit = visitorRateLimit(app, {
    name: 'widget-ticket',
    perVisitor: TICKET_LIMITS.widgetTicketsPerVisitor,
    perIp: TICKET_LIMITS.widgetTicketsPerIp,
    windowMs: TICKET_LIMITS.widgetTicketWindowMs,
  });

  app.get(
    '/api/widget/ticket-types',
    {
      config: { access: 'visitor' },
      schema: {
        tags,
        summary: 'Ticket types a customer may submit, with the fields they fill',
        response: { 200: widgetTicketTypeListResponse },
      },
    },
    async (request) => {
      const rows = await listTicketTypes(ctx.db.kysely, request.visitor!.accountId);
      const offered = rows.map(ticketTypeOf).filter((t) => t.enabled && t.widgetEnabled);
      return {
        items: offered.map((t) => ({
          id: t.id,
          name: t.name,
          description: rows.find((r) => r.id === t.id)?.description ?? '',
          fields: t.fields
            .filter((f) => f.inWidget)
            .map(({ personal: _personal, inWidget: _inWidget, ...field }) => field as Record<string, unknown>),
        })),
      };
    },
  );

  app.post(
    '/api/widget/tickets',
    {
      config: { access: 'visitor' },
      preHandler: submitLimit,
      schema: {
        tags,
        summary: 'The customer submits a ticket form (attachments: upload with POST /api/widget/attachments first)',
        body: widgetCreateTicketBody,
        response: { 201: widgetTicketView },
      },
    },
    async (request, reply) => {
      const visitor = request.visitor!;
      const db = ctx.db.kysely;
      const body = request.body;
      const id = await ticketCreator(
        ctx,
        await customerActor(db, visitor),
        {
          ...body,
          contactId: visitor.contactId,
          categoryId: null,
          tags: [],
          assigneeId: null,
          teamId: null,
          watcherIds: [],
          orderNumbers: [],
          promisedReplyAt: null,
          source: 'widget',
        },
        'customer',
      );
      const ticket = await customerTicket(ctx, visitor, id);
      return reply
        .status(201)
        .send(await presentForCustomer(ctx, ticket, (await typesOf(db, visitor.accountId)).get(ticket.type_id)));
    },
  );

  app.get(
    '/api/widget/tickets',
    {
      config: { access: 'visitor' },
      schema: { tags, summary: "The customer's tickets, newest first", response: { 200: widgetTicketListResponse } },
    },
    async (request) => {
      const visitor = request.visitor!;
      const db = ctx.db.kysely;
      const rows = await listTickets(db, visitor.accountId, {
        contactId: visitor.contactId,
        limit: WIDGET_TICKETS_MAX,
        now: ctx.clock.now(),
      });
      const types = await typesOf(db, visitor.accountId);
      return { items: await Promise.all(rows.map((row) => presentForCustomer(ctx, row, types.get(row.type_id)))) };
    },
  );

  app.get(
    '/api/widget/tickets/:id',
    {
      config: { access: 'visitor' },
      schema: { tags, summary: "One of the customer's tickets", params: idParams, response: { 200: widgetTicketView } },
    },
    async (request) => {
      const visitor = request.visitor!;
      const ticket = await customerTicket(ctx, visitor, request.params.id);
      return presentForCustomer(ctx, ticket, (await typesOf(ctx.db.kysely, visitor.accountId)).get(ticket.type_id));
    },
  );

  app.post(
    '/api/widget/tickets/:id/decision',
    {
      config: { access: 'visitor' },
      schema: {
        tags,
        summary: 'The customer accepts or rejects the proposed (approved) resolution',
        params: idParams,
        body: widgetDecisionBody,
        response: { 200: widgetTicketView },
      },
    },
    async (request) => {
      const visitor = request.visitor!;
      const db = ctx.db.kysely;
      await customerDecisionRecorder(
        ctx,
        await customerActor(db, visitor),
        request.params.id,
        { ...request.body, channel: 'widget' },
        async (_trx, ticket) => {
          if (ticket.contact_id !== visitor.contactId) throw notFound('Ticket');
        },
      );
      const ticket = await customerTicket(ctx, visitor, request.params.id);
      return presentForCustomer(ctx, ticket, (await typesOf(db, visitor.accountId)).get(ticket.type_id));
    },
  );
}
