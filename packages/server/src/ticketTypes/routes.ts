import {
  createTicketCategoryBody,
  createTicketTypeBody,
  idParams,
  okResponse,
  ticketCategoryListResponse,
  ticketCategoryView,
  ticketTypeListResponse,
  ticketTypeView,
  updateTicketCategoryBody,
  updateTicketTypeBody,
} from '@kefu/shared';
import type { KefuApp } from '../http/kefuApp.js';
import {
  listCategoryViews,
  ticketCategoryCreator,
  ticketCategoryDeleter,
  ticketCategoryUpdater,
} from './categoryCommands.js';
import { loadTicketTypeView, ticketTypeCreator, ticketTypeDeleter, ticketTypeUpdater } from './ticketTypeCommands.js';
import { presentTicketType } from './ticketTypePresenter.js';
import { listTicketTypes, ticketCountsByType } from './ticketTypeRepository.js';

export function ticketTypeRoutes(app: KefuApp) {
  const tags = ['ticket-types'];
  const { ctx } = app;

  app.get(
    '/api/ticket-types',
    {
      config: { access: 'tickets.read' },
      schema: {
        tags,
        summary: 'Ticket types (工单类型) with their forms and workflows',
        response: { 200: ticketTypeListResponse },
      },
    },
    async (request) => {
      const accountId = request.actor!.accountId;
      const counts = await ticketCountsByType(ctx.db.kysely, accountId);
      const rows = await listTicketTypes(ctx.db.kysely, accountId);
      return { items: rows.map((row) => presentTicketType(row, counts.get(row.id) ?? 0)) };
    },
  );

  app.post(
    '/api/ticket-types',
    {
      config: { access: 'ticketTypes.manage' },
      schema: {
        tags,
        summary: 'Create a ticket type: its form (custom fields) and workflow, validated together',
        body: createTicketTypeBody,
        response: { 201: ticketTypeView },
      },
    },
    async (request, reply) => reply.status(201).send(await ticketTypeCreator(ctx, request.actor!, request.body)),
  );

  app.get(
    '/api/ticket-types/:id',
    {
      config: { access: 'tickets.read' },
      schema: { tags, summary: 'One ticket type', params: idParams, response: { 200: ticketTypeView } },
    },
    (request) => loadTicketTypeView(ctx.db.kysely, request.actor!.accountId, request.params.id),
  );

  app.patch(
    '/api/ticket-types/:id',
    {
      config: { access: 'ticketTypes.manage' },
      schema: {
        tags,
        summary: 'Change a ticket type; send the version you read (CONFLICT if it changed meanwhile)',
        params: idParams,
        body: updateTicketTypeBody,
        response: { 200: ticketTypeView },
      },
    },
    (request) => ticketTypeUpdater(ctx, request.actor!, request.params.id, request.body),
  );

  app.delete(
    '/api/ticket-types/:id',
    {
      config: { access: 'ticketTypes.manage' },
      schema: {
        tags,
        summary: 'Delete a ticket type no ticket uses (disable it otherwise)',
        params: idParams,
        response: { 200: okResponse },
      },
    },
    async (request) => {
      await ticketTypeDeleter(ctx, request.actor!, request.params.id);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/ticket-categories',
    {
      config: { access: 'tickets.read' },
      schema: {
        tags,
        summary: 'The ticket category tree, depth-first',
        response: { 200: ticketCategoryListResponse },
      },
    },
    async (request) => ({ items: await listCategoryViews(ctx.db.kysely, request.actor!.accountId) }),
  );

  app.post(
    '/api/ticket-categories',
    {
      config: { access: 'ticketTypes.manage' },
      schema: {
        tags,
        summary: 'Create a category, at the top or under a parent (three levels at most)',
        body: createTicketCategoryBody,
        response: { 201: ticketCategoryView },
      },
    },
    async (request, reply) => reply.status(201).send(await ticketCategoryCreator(ctx, request.actor!, request.body)),
  );

  app.patch(
    '/api/ticket-categories/:id',
    {
      config: { access: 'ticketTypes.manage' },
      schema: {
        tags,
        summary: 'Rename, move or reorder a category',
        params: idParams,
        body: updateTicketCategoryBody,
        response: { 200: ticketCategoryView },
      },
    },
    (request) => ticketCategoryUpdater(ctx, request.actor!, request.params.id, request.body),
  );

  app.delete(
    '/api/ticket-categories/:id',
    {
      config: { access: 'ticketTypes.manage' },
      schema: {
        tags,
        summary: 'Delete a category without sub-categories; its tickets keep no category',
        params: idParams,
        response: { 200: okResponse },
      },
    },
    async (request) => {
      await ticketCategoryDeleter(ctx, request.actor!, request.params.id);
      return { ok: true as const };
    },
  );
}
