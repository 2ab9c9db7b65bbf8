import {
  createSlaPolicyBody,
  idParams,
  okResponse,
  slaPolicyListResponse,
  slaPolicyView,
  ticketSlaResponse,
  updateSlaPolicyBody,
} from '@kefu/shared';
import type { KefuApp } from '../http/kefuApp.js';
import { staffTicket } from '../tickets/ticketReader.js';
import {
  listSlaPolicyViews,
  loadSlaPolicyView,
  slaPolicyCreator,
  slaPolicyDeleter,
  slaPolicyUpdater,
} from './slaPolicyCommands.js';
import { loadTicketSlas } from './slaReader.js';

export function slaRoutes(app: KefuApp) {
  const tags = ['sla'];
  const { ctx } = app;

  app.get(
    '/api/sla-policies',
    {
      config: { access: 'tickets.write' },
      schema: {
        tags,
        summary: 'SLA policies in the order they are tried (the first enabled match applies)',
        response: { 200: slaPolicyListResponse },
      },
    },
    async (request) => ({ items: await listSlaPolicyViews(ctx.db.kysely, request.actor!.accountId) }),
  );

  app.post(
    '/api/sla-policies',
    {
      config: { access: 'sla.manage' },
      schema: {
        tags,
        summary: 'Create an SLA policy (placed last): conditions, business-time targets, warning, breach actions',
        body: createSlaPolicyBody,
        response: { 201: slaPolicyView },
      },
    },
    async (request, reply) => reply.status(201).send(await slaPolicyCreator(ctx, request.actor!, request.body)),
  );

  app.get(
    '/api/sla-policies/:id',
    {
      config: { access: 'tickets.write' },
      schema: { tags, summary: 'One SLA policy', params: idParams, response: { 200: slaPolicyView } },
    },
    (request) => loadSlaPolicyView(ctx.db.kysely, request.actor!.accountId, request.params.id),
  );

  app.patch(
    '/api/sla-policies/:id',
    {
      config: { access: 'sla.manage' },
      schema: {
        tags,
        summary: 'Change an SLA policy or move it in the order; send the version you read',
        params: idParams,
        body: updateSlaPolicyBody,
        response: { 200: slaPolicyView },
      },
    },
    (request) => slaPolicyUpdater(ctx, request.actor!, request.params.id, request.body),
  );

  app.delete(
    '/api/sla-policies/:id',
    {
      config: { access: 'sla.manage' },
      schema: {
        tags,
        summary: 'Delete an SLA policy; its tickets choose their policy again',
        params: idParams,
        response: { 200: okResponse },
      },
    },
    async (request) => {
      await slaPolicyDeleter(ctx, request.actor!, request.params.id);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/tickets/:id/sla',
    {
      config: { access: 'tickets.read' },
      schema: {
        tags,
        summary: "The ticket's SLA clocks as they stand now (null: no policy applies)",
        params: idParams,
        response: { 200: ticketSlaResponse },
      },
    },
    async (request) => {
      const ticket = await staffTicket(ctx.db.kysely, request.actor!, request.params.id);
      const slas = await loadTicketSlas(ctx.db.kysely, ticket.account_id, [ticket.id], ctx.clock.now());
      return { sla: slas.get(ticket.id) ?? null };
    },
  );
}
