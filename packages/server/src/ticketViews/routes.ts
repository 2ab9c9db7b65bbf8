import {
  bulkAssignBody,
  bulkCloseBody,
  bulkResponse,
  createSavedTicketViewBody,
  idParams,
  okResponse,
  savedTicketView,
  savedTicketViewListResponse,
  ticketExportQuery,
  updateSavedTicketViewBody,
} from '@kefu/shared';
import { sendSpreadsheet } from '../http/downloads.js';
import type { KefuApp } from '../http/kefuApp.js';
import { bulkAssigner, bulkCloser } from './bulkCommands.js';
import { listSavedViews, savedViewCreator, savedViewDeleter, savedViewUpdater } from './savedViewCommands.js';
import { ticketExporter } from './ticketExporter.js';

export function ticketViewRoutes(app: KefuApp) {
  const tags = ['tickets'];
  const { ctx } = app;

  app.get(
    '/api/ticket-views',
    {
      config: { access: 'tickets.write' },
      schema: {
        tags,
        summary: "The caller's saved ticket filters and those their teams share, by name",
        response: { 200: savedTicketViewListResponse },
      },
    },
    async (request) => ({ items: await listSavedViews(ctx.db.kysely, request.actor!) }),
  );

  app.post(
    '/api/ticket-views',
    {
      config: { access: 'tickets.write' },
      schema: {
        tags,
        summary: 'Save a ticket filter under a name, optionally shared with a team',
        body: createSavedTicketViewBody,
        response: { 201: savedTicketView },
      },
    },
    async (request, reply) => reply.status(201).send(await savedViewCreator(ctx, request.actor!, request.body)),
  );

  app.patch(
    '/api/ticket-views/:id',
    {
      config: { access: 'tickets.write' },
      schema: {
        tags,
        summary: 'Rename, refilter or reshare one of your saved views',
        params: idParams,
        body: updateSavedTicketViewBody,
        response: { 200: savedTicketView },
      },
    },
    (request) => savedViewUpdater(ctx, request.actor!, request.params.id, request.body),
  );

  app.delete(
    '/api/ticket-views/:id',
    {
      config: { access: 'tickets.write' },
      schema: {
        tags,
        summary: 'Delete one of your saved views',
        params: idParams,
        response: { 200: okResponse },
      },
    },
    async (request) => {
      await savedViewDeleter(ctx, request.actor!, request.params.id);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/tickets/bulk-assign',
    {
      config: { access: 'tickets.write' },
      schema: {
        tags,
        summary: 'Assign many tickets to a person and/or team; each ticket succeeds or fails on its own',
        body: bulkAssignBody,
        response: { 200: bulkResponse },
      },
    },
    (request) => bulkAssigner(ctx, request.actor!, request.body),
  );

  app.post(
    '/api/tickets/bulk-close',
    {
      config: { access: 'tickets.write' },
      schema: {
        tags,
        summary: "Close many tickets, each by its workflow's rules; each succeeds or fails on its own",
        body: bulkCloseBody,
        response: { 200: bulkResponse },
      },
    },
    (request) => bulkCloser(ctx, request.actor!, request.body),
  );

  app.get(
    '/api/tickets/export',
    {
      config: { access: 'tickets.export' },
      schema: {
        tags,
        summary:
          'The tickets a view lists as XLSX or CSV, streamed (contacts masked; at most 100 000 rows, newest first)',
        querystring: ticketExportQuery,
      },
    },
    async (request, reply) => {
      const { format } = request.query;
      const file = await ticketExporter(ctx, request.actor!, request.query);
      return sendSpreadsheet(reply.header('x-kefu-export-truncated', String(file.truncated)), file, format);
    },
  );
}
