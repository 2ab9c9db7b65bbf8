import {
  anyTicketView,
  approvalBody,
  callLogBody,
  commentBody,
  commentListResponse,
  createTicketBody,
  customerDecisionBody,
  followUpBody,
  idParams,
  linkConversationBody,
  pageQuery,
  proposeResolutionBody,
  replyBody,
  ticketCommentView,
  ticketFileParams,
  ticketListQuery,
  ticketListResponse,
  ticketRevealBody,
  ticketRevealResponse,
  ticketView,
  timelineResponse,
  transcriptListResponse,
  transitionBody,
  updateTicketBody,
} from '@kefu/shared';
import type { AppContext } from '../context.js';
import type { Actor } from '../http/actor.js';
import { sendStoredFile } from '../http/downloads.js';
import type { KefuApp } from '../http/kefuApp.js';
import { callLogger, commentCreator, conversationLinker, replySender } from './commentCommands.js';
import { presentComments } from './commentReader.js';
import {
  approvalRecorder,
  customerDecisionRecorder,
  followUpRecorder,
  resolutionProposer,
  transitionPerformer,
} from './resolutionCommands.js';
import { userActor } from './ticketChange.js';
import { listComments } from './ticketCommentRepository.js';
import { ticketCreator } from './ticketCreator.js';
import { presentTimelineEntry } from './ticketPresenter.js';
import { loadTicketList, loadTicketView, staffTicket } from './ticketReader.js';
import { listTranscripts } from './ticketRepository.js';
import { ticketFileReader, ticketRevealer } from './ticketReveal.js';
import { ticketUpdater } from './ticketUpdater.js';
import { listTicketEvents } from './timelineRepository.js';
import { presentTranscript } from './transcripts.js';

/** The staff view after a change (the routes that change tickets are staff-only). */
async function fullView(ctx: AppContext, actor: Actor, id: string) {
  const view = await loadTicketView(ctx, actor, id);
  if (view.access !== 'full') throw new Error('staff routes return the full view');
  return view;
}

export function ticketRoutes(app: KefuApp) {
  const tags = ['tickets'];
  const { ctx } = app;
  const key = ctx.config.secret;

  app.get(
    '/api/tickets',
    {
      config: { access: 'tickets.read' },
      schema: {
        tags,
        summary: 'Tickets, newest first, with filters; department users see only tickets shared with them',
        querystring: ticketListQuery,
        response: { 200: ticketListResponse },
      },
    },
    (request) => loadTicketList(ctx, request.actor!, request.query),
  );

  app.post(
    '/api/tickets',
    {
      config: { access: 'tickets.write' },
      schema: {
        tags,
        summary: 'Create a ticket: by hand, from a conversation (transcript copied), from a phone call, or by API',
        body: createTicketBody,
        response: { 201: ticketView },
      },
    },
    async (request, reply) => {
      const actor = request.actor!;
      const body = request.body;
      const source = body.conversationId
        ? 'conversation'
        : body.call
          ? 'phone'
          : actor.via === 'api_token'
            ? 'api'
            : 'console';
      const id = await ticketCreator(ctx, userActor(actor), { ...body, source }, 'staff');
      return reply.status(201).send(await fullView(ctx, actor, id));
    },
  );

  app.get(
    '/api/tickets/:id',
    {
      config: { access: 'tickets.read' },
      schema: {
        tags,
        summary: 'One ticket: the full view for staff, the restricted view for a department user it is shared with',
        params: idParams,
        response: { 200: anyTicketView },
      },
    },
    (request) => loadTicketView(ctx, request.actor!, request.params.id),
  );

  app.patch(
    '/api/tickets/:id',
    {
      config: { access: 'tickets.write' },
      schema: {
        tags,
        summary: 'Change fields; send the version you read (CONFLICT with details.currentVersion otherwise)',
        params: idParams,
        body: updateTicketBody,
        response: { 200: ticketView },
      },
    },
    async (request) => {
      await ticketUpdater(ctx, userActor(request.actor!), request.params.id, request.body);
      return fullView(ctx, request.actor!, request.params.id);
    },
  );

  app.post(
    '/api/tickets/:id/transitions',
    {
      config: { access: 'tickets.write' },
      schema: {
        tags,
        summary: "Take a manual transition of the ticket's workflow (its conditions are checked)",
        params: idParams,
        body: transitionBody,
        response: { 200: ticketView },
      },
    },
    async (request) => {
      await transitionPerformer(ctx, userActor(request.actor!), request.params.id, request.body);
      return fullView(ctx, request.actor!, request.params.id);
    },
  );

  app.post(
    '/api/tickets/:id/resolutions',
    {
      config: { access: 'tickets.write' },
      schema: {
        tags,
        summary: "Propose a resolution (处理方案) for approval; fires the state's resolution.proposed transition",
        params: idParams,
        body: proposeResolutionBody,
        response: { 200: ticketView },
      },
    },
    async (request) => {
      await resolutionProposer(ctx, userActor(request.actor!), request.params.id, request.body);
      return fullView(ctx, request.actor!, request.params.id);
    },
  );

  app.post(
    '/api/tickets/:id/approvals',
    {
      config: { access: 'tickets.approve' },
      schema: {
        tags,
        summary: 'Approve or reject the current resolution (a rejection sends it back with the reason)',
        params: idParams,
        body: approvalBody,
        response: { 200: ticketView },
      },
    },
    async (request) => {
      await approvalRecorder(ctx, userActor(request.actor!), request.params.id, request.body);
      return fullView(ctx, request.actor!, request.params.id);
    },
  );

  app.post(
    '/api/tickets/:id/customer-decision',
    {
      config: { access: 'tickets.write' },
      schema: {
        tags,
        summary: "Record the customer's decision on the approved resolution, taken on a channel",
        params: idParams,
        body: customerDecisionBody,
        response: { 200: ticketView },
      },
    },
    async (request) => {
      const { version, ...decision } = request.body;
      await customerDecisionRecorder(ctx, userActor(request.actor!), request.params.id, { ...decision, version });
      return fullView(ctx, request.actor!, request.params.id);
    },
  );

  app.post(
    '/api/tickets/:id/follow-ups',
    {
      config: { access: 'tickets.write' },
      schema: {
        tags,
        summary: 'Record the follow-up (回访): satisfied closes the loop, unsatisfied reopens the ticket',
        params: idParams,
        body: followUpBody,
        response: { 200: ticketView },
      },
    },
    async (request) => {
      await followUpRecorder(ctx, userActor(request.actor!), request.params.id, request.body);
      return fullView(ctx, request.actor!, request.params.id);
    },
  );

  app.get(
    '/api/tickets/:id/timeline',
    {
      config: { access: 'tickets.read' },
      schema: {
        tags,
        summary: 'Every change of the ticket, oldest first: who, when, field, from → to',
        params: idParams,
        querystring: pageQuery,
        response: { 200: timelineResponse },
      },
    },
    async (request) => {
      const ticket = await staffTicket(ctx.db.kysely, request.actor!, request.params.id);
      const { cursor, limit } = request.query;
      const rows = await listTicketEvents(ctx.db.kysely, ticket.id, { cursor, limit: limit + 1 });
      const page = rows.slice(0, limit);
      return {
        items: page.map(presentTimelineEntry),
        nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
      };
    },
  );

  app.get(
    '/api/tickets/:id/comments',
    {
      config: { access: 'tickets.read' },
      schema: {
        tags,
        summary: 'Comments, public replies, task threads and customer messages, oldest first',
        params: idParams,
        querystring: pageQuery,
        response: { 200: commentListResponse },
      },
    },
    async (request) => {
      const db = ctx.db.kysely;
      const ticket = await staffTicket(db, request.actor!, request.params.id);
      const { cursor, limit } = request.query;
      const rows = await listComments(db, ticket.id, { cursor, limit: limit + 1 });
      const page = rows.slice(0, limit);
      return {
        items: await presentComments(db, key, ticket.account_id, ticket.id, page),
        nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
      };
    },
  );

  app.post(
    '/api/tickets/:id/comments',
    {
      config: { access: 'tickets.write' },
      schema: {
        tags,
        summary: 'An internal comment; @mentions notify colleagues',
        params: idParams,
        body: commentBody,
        response: { 201: ticketCommentView },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await commentCreator(ctx, userActor(request.actor!), request.params.id, request.body)),
  );

  app.post(
    '/api/tickets/:id/replies',
    {
      config: { access: 'tickets.write' },
      schema: {
        tags,
        summary: "A public reply to the customer, posted into the ticket's live-chat conversation",
        params: idParams,
        body: replyBody,
        response: { 201: ticketCommentView },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await replySender(ctx, userActor(request.actor!), request.params.id, request.body)),
  );

  app.post(
    '/api/tickets/:id/calls',
    {
      config: { access: 'tickets.write' },
      schema: {
        tags,
        summary: 'Log a phone call about the ticket (number, direction, time, duration, summary)',
        params: idParams,
        body: callLogBody,
        response: { 201: ticketView },
      },
    },
    async (request, reply) => {
      await callLogger(ctx, userActor(request.actor!), request.params.id, request.body);
      return reply.status(201).send(await fullView(ctx, request.actor!, request.params.id));
    },
  );

  app.post(
    '/api/tickets/:id/conversations',
    {
      config: { access: 'tickets.write' },
      schema: {
        tags,
        summary: "Link another of the customer's conversations; its transcript is copied",
        params: idParams,
        body: linkConversationBody,
        response: { 200: ticketView },
      },
    },
    async (request) => {
      await conversationLinker(ctx, userActor(request.actor!), request.params.id, request.body.conversationId);
      return fullView(ctx, request.actor!, request.params.id);
    },
  );

  app.get(
    '/api/tickets/:id/transcripts',
    {
      config: { access: 'tickets.read' },
      schema: {
        tags,
        summary: 'The conversation transcripts copied into the ticket',
        params: idParams,
        response: { 200: transcriptListResponse },
      },
    },
    async (request) => {
      const ticket = await staffTicket(ctx.db.kysely, request.actor!, request.params.id);
      return { items: (await listTranscripts(ctx.db.kysely, ticket.id)).map((row) => presentTranscript(key, row)) };
    },
  );

  app.get(
    '/api/tickets/:id/files/:fileId',
    {
      config: { access: 'tickets.read' },
      schema: { tags, summary: "Download one of the ticket's files", params: ticketFileParams },
    },
    async (request, reply) => {
      const file = await ticketFileReader(ctx, request.actor!, request.params.id, request.params.fileId);
      return sendStoredFile(reply, file, { cacheControl: 'private, max-age=3600' });
    },
  );

  app.post(
    '/api/tickets/:id/reveal',
    {
      config: { access: 'contacts.reveal' },
      schema: {
        tags,
        summary: 'Reveal one masked value (a personal field or a call number); the reason is audited',
        params: idParams,
        body: ticketRevealBody,
        response: { 200: ticketRevealResponse },
      },
    },
    (request) => ticketRevealer(ctx, request.actor!, request.params.id, request.body),
  );
}
