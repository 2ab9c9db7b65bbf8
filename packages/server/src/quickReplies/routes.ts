import fastifyMultipart from '@fastify/multipart';
import {
  createQuickReplyBody,
  idParams,
  insertQuickReplyResponse,
  okResponse,
  quickReplyCategoryBody,
  quickReplyCategoryView,
  quickReplyExportQuery,
  quickReplyImportResult,
  quickReplyListQuery,
  quickReplyView,
  rankQuickReplies,
  updateQuickReplyBody,
} from '@kefu/shared';
import { z } from 'zod';
import { notFound } from '../http/appError.js';
import { sendSpreadsheet, sendStoredFile } from '../http/downloads.js';
import type { KefuApp } from '../http/kefuApp.js';
import { readSpreadsheetUpload } from '../spreadsheets/spreadsheetUpload.js';
import {
  listQuickReplyCategoryViews,
  quickReplyCategoryCreator,
  quickReplyCategoryDeleter,
  quickReplyCategoryRenamer,
} from './quickReplyCategoryCommands.js';
import { quickReplyCreator, quickReplyDeleter, quickReplyUpdater } from './quickReplyCommands.js';
import { quickReplyExporter } from './quickReplyExporter.js';
import { quickReplyImporter } from './quickReplyImporter.js';
import { quickReplyInserter } from './quickReplyInserter.js';
import { canEditQuickReply, visibilityOf } from './quickReplyPolicy.js';
import { presentQuickReply } from './quickReplyPresenter.js';
import {
  findQuickReplyPicture,
  findVisibleQuickReply,
  listVisibleQuickReplies,
  usageCounts,
} from './quickReplyRepository.js';

export async function quickReplyRoutes(app: KefuApp) {
  const tags = ['quick replies'];
  const db = app.ctx.db.kysely;

  app.get(
    '/api/quick-replies',
    {
      config: { access: 'quickReplies.use' },
      schema: {
        tags,
        summary: 'Quick replies (快捷回复) the caller sees; with q, best matches first',
        querystring: quickReplyListQuery,
        response: { 200: z.object({ items: z.array(quickReplyView) }) },
      },
    },
    async (request) => {
      const actor = request.actor!;
      const { q, usable, ...filter } = request.query;
      const rows = await listVisibleQuickReplies(db, actor.accountId, await visibilityOf(db, actor, usable), filter);
      const usage = await usageCounts(db, actor.accountId, actor.userId);
      const views = rows
        .map((row) => presentQuickReply(row, usage.get(row.id), canEditQuickReply(actor, row)))
        .sort((a, b) => a.title.localeCompare(b.title, 'zh-CN'));
      return { items: q ? rankQuickReplies(views, q) : views };
    },
  );

  app.post(
    '/api/quick-replies',
    {
      config: { access: 'quickReplies.use' },
      schema: {
        tags,
        summary: 'Create a quick reply: personal, or (admins and supervisors) for a team or the workspace',
        body: createQuickReplyBody,
        response: { 201: quickReplyView },
      },
    },
    async (request, reply) => reply.status(201).send(await quickReplyCreator(app.ctx, request.actor!, request.body)),
  );

  app.patch(
    '/api/quick-replies/:id',
    {
      config: { access: 'quickReplies.use' },
      schema: {
        tags,
        summary: 'Change a quick reply the caller may edit',
        params: idParams,
        body: updateQuickReplyBody,
        response: { 200: quickReplyView },
      },
    },
    (request) => quickReplyUpdater(app.ctx, request.actor!, request.params.id, request.body),
  );

  app.delete(
    '/api/quick-replies/:id',
    {
      config: { access: 'quickReplies.use' },
      schema: { tags, summary: 'Delete a quick reply', params: idParams, response: { 200: okResponse } },
    },
    async (request) => {
      await quickReplyDeleter(app.ctx, request.actor!, request.params.id);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/quick-replies/:id/use',
    {
      config: { access: 'quickReplies.use' },
      schema: {
        tags,
        summary: 'Insert a quick reply: counts the use and copies its picture into a fresh upload of the caller',
        params: idParams,
        response: { 200: insertQuickReplyResponse },
      },
    },
    (request) => quickReplyInserter(app.ctx, request.actor!, request.params.id),
  );

  app.get(
    '/api/quick-replies/:id/picture',
    {
      config: { access: 'quickReplies.use' },
      schema: { tags, summary: "A quick reply's picture", params: idParams },
    },
    async (request, reply) => {
      const actor = request.actor!;
      const { id } = request.params;
      const visible = await findVisibleQuickReply(db, actor.accountId, await visibilityOf(db, actor), id);
      const picture = visible ? await findQuickReplyPicture(db, actor.accountId, id) : undefined;
      if (!picture) throw notFound('Picture');
      return sendStoredFile(reply, picture, { cacheControl: 'private, max-age=31536000, immutable' });
    },
  );

  app.get(
    '/api/quick-replies/export',
    {
      config: { access: 'quickReplies.use' },
      schema: {
        tags,
        summary: 'The quick replies the caller sees as XLSX or CSV (分类, 标题, 内容, 范围)',
        querystring: quickReplyExportQuery,
      },
    },
    async (request, reply) => {
      const { format } = request.query;
      const file = await quickReplyExporter(app.ctx, request.actor!, request.query);
      return sendSpreadsheet(reply, file, format);
    },
  );

  // Only the import reads multipart; every other route answers it with 415.
  await app.register(async (uploads: KefuApp) => {
    await uploads.register(fastifyMultipart);
    uploads.post(
      '/api/quick-replies/import',
      {
        config: { access: 'quickReplies.use' },
        schema: {
          tags,
          summary:
            'Import quick replies from an XLSX or CSV file (multipart field "file"): all rows or none, with every bad row named',
          response: { 200: quickReplyImportResult },
        },
      },
      async (request) => quickReplyImporter(app.ctx, request.actor!, await readSpreadsheetUpload(request)),
    );
  });

  app.get(
    '/api/quick-reply-categories',
    {
      config: { access: 'quickReplies.use' },
      schema: {
        tags,
        summary: 'Quick reply categories',
        response: { 200: z.object({ items: z.array(quickReplyCategoryView) }) },
      },
    },
    async (request) => ({ items: await listQuickReplyCategoryViews(db, request.actor!) }),
  );

  app.post(
    '/api/quick-reply-categories',
    {
      config: { access: 'quickReplies.manage' },
      schema: {
        tags,
        summary: 'Create a quick reply category',
        body: quickReplyCategoryBody,
        response: { 201: quickReplyCategoryView },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await quickReplyCategoryCreator(app.ctx, request.actor!, request.body)),
  );

  app.patch(
    '/api/quick-reply-categories/:id',
    {
      config: { access: 'quickReplies.manage' },
      schema: {
        tags,
        summary: 'Rename a quick reply category',
        params: idParams,
        body: quickReplyCategoryBody,
        response: { 200: quickReplyCategoryView },
      },
    },
    (request) => quickReplyCategoryRenamer(app.ctx, request.actor!, request.params.id, request.body),
  );

  app.delete(
    '/api/quick-reply-categories/:id',
    {
      config: { access: 'quickReplies.manage' },
      schema: {
        tags,
        summary: 'Delete a category; its quick replies stay, uncategorised',
        params: idParams,
        response: { 200: okResponse },
      },
    },
    async (request) => {
      await quickReplyCategoryDeleter(app.ctx, request.actor!, request.params.id);
      return { ok: true as const };
    },
  );
}
