import fastifyMultipart from '@fastify/multipart';
import {
  addSimilarQuestionBody,
  createKnowledgeCategoryBody,
  createKnowledgeEntryBody,
  idParams,
  knowledgeCategoryView,
  knowledgeEntryListQuery,
  knowledgeEntryListResponse,
  knowledgeEntryView,
  knowledgeExportQuery,
  knowledgeImportQuery,
  knowledgeImportResult,
  knowledgePictureView,
  knowledgePreviewBody,
  knowledgePreviewResponse,
  knowledgeSearchHitView,
  knowledgeSearchQuery,
  knowledgeSuggestionsQuery,
  knowledgeSuggestionsResponse,
  knowledgeVariantBody,
  knowledgeVariantParams,
  knowledgeVersionListQuery,
  knowledgeVersionParams,
  knowledgeVersionView,
  okResponse,
  synonymGroupBody,
  synonymGroupView,
  updateKnowledgeCategoryBody,
  updateKnowledgeEntryBody,
} from '@kefu/shared';
import { z } from 'zod';
import { notFound } from '../http/appError.js';
import { sendSpreadsheet, sendStoredFile } from '../http/downloads.js';
import type { KefuApp } from '../http/kefuApp.js';
import { readSpreadsheetUpload } from '../spreadsheets/spreadsheetUpload.js';
import {
  knowledgeCategoryCreator,
  knowledgeCategoryDeleter,
  knowledgeCategoryUpdater,
  listCategoryViews,
} from './knowledgeCategoryCommands.js';
import {
  knowledgeEntryCreator,
  knowledgeEntryDeleter,
  knowledgeEntryUpdater,
  knowledgeVariantDeleter,
  knowledgeVariantSaver,
  knowledgeVersionRestorer,
} from './knowledgeEntryCommands.js';
import { knowledgeEntryList, readableEntryView } from './knowledgeEntryList.js';
import { findEntry, listVersions } from './knowledgeEntryRepository.js';
import { knowledgeExporter } from './knowledgeExporter.js';
import { knowledgeImporter } from './knowledgeImporter.js';
import { findPicture } from './knowledgePictureRepository.js';
import { knowledgePictureUploader } from './knowledgePictureUploader.js';
import { presentSearchHit, presentSynonymGroup, presentVersion } from './knowledgePresenter.js';
import { searchKnowledge } from './knowledgeSearch.js';
import { knowledgeSuggestions } from './knowledgeSuggestions.js';
import { renderKnowledgeBody } from './richText.js';
import { similarQuestionAdder } from './similarQuestionAdder.js';
import { synonymGroupCreator, synonymGroupDeleter, synonymGroupUpdater } from './synonymCommands.js';
import { listSynonymGroups } from './synonymRepository.js';

export async function knowledgeRoutes(app: KefuApp) {
  const tags = ['knowledge'];
  const db = app.ctx.db.kysely;

  app.get(
    '/api/knowledge/categories',
    {
      config: { access: 'knowledge.read' },
      schema: {
        tags,
        summary: 'Knowledge categories, a flat list with parentId (the tree), by position',
        response: { 200: z.object({ items: z.array(knowledgeCategoryView) }) },
      },
    },
    async (request) => ({ items: await listCategoryViews(db, request.actor!.accountId) }),
  );

  app.post(
    '/api/knowledge/categories',
    {
      config: { access: 'knowledge.manage' },
      schema: {
        tags,
        summary: 'Create a category (at most four levels deep)',
        body: createKnowledgeCategoryBody,
        response: { 201: knowledgeCategoryView },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await knowledgeCategoryCreator(app.ctx, request.actor!, request.body)),
  );

  app.patch(
    '/api/knowledge/categories/:id',
    {
      config: { access: 'knowledge.manage' },
      schema: {
        tags,
        summary: 'Rename, translate, reorder or move a category',
        params: idParams,
        body: updateKnowledgeCategoryBody,
        response: { 200: knowledgeCategoryView },
      },
    },
    (request) => knowledgeCategoryUpdater(app.ctx, request.actor!, request.params.id, request.body),
  );

  app.delete(
    '/api/knowledge/categories/:id',
    {
      config: { access: 'knowledge.manage' },
      schema: {
        tags,
        summary: 'Delete a category without sub-categories; its entries stay, uncategorised',
        params: idParams,
        response: { 200: okResponse },
      },
    },
    async (request) => {
      await knowledgeCategoryDeleter(app.ctx, request.actor!, request.params.id);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/knowledge/entries',
    {
      config: { access: 'knowledge.read' },
      schema: {
        tags,
        summary: 'Knowledge entries, newest first, or with q best matches first (agents see published ones only)',
        querystring: knowledgeEntryListQuery,
        response: { 200: knowledgeEntryListResponse },
      },
    },
    (request) => knowledgeEntryList(app.ctx, request.actor!, request.query),
  );

  app.post(
    '/api/knowledge/entries',
    {
      config: { access: 'knowledge.manage' },
      schema: {
        tags,
        summary: 'Create a FAQ entry or an article with its first language',
        body: createKnowledgeEntryBody,
        response: { 201: knowledgeEntryView },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await knowledgeEntryCreator(app.ctx, request.actor!, request.body)),
  );

  app.get(
    '/api/knowledge/entries/:id',
    {
      config: { access: 'knowledge.read' },
      schema: {
        tags,
        summary: 'One entry with its languages',
        params: idParams,
        response: { 200: knowledgeEntryView },
      },
    },
    (request) => readableEntryView(app.ctx, request.actor!, request.params.id),
  );

  app.patch(
    '/api/knowledge/entries/:id',
    {
      config: { access: 'knowledge.manage' },
      schema: {
        tags,
        summary: "Change an entry's kind or category",
        params: idParams,
        body: updateKnowledgeEntryBody,
        response: { 200: knowledgeEntryView },
      },
    },
    (request) => knowledgeEntryUpdater(app.ctx, request.actor!, request.params.id, request.body),
  );

  app.delete(
    '/api/knowledge/entries/:id',
    {
      config: { access: 'knowledge.manage' },
      schema: { tags, summary: 'Delete an entry, all languages', params: idParams, response: { 200: okResponse } },
    },
    async (request) => {
      await knowledgeEntryDeleter(app.ctx, request.actor!, request.params.id);
      return { ok: true as const };
    },
  );

  app.put(
    '/api/knowledge/entries/:id/variants/:locale',
    {
      config: { access: 'knowledge.manage' },
      schema: {
        tags,
        summary: 'Save one language of an entry (the text it replaces is kept as a version)',
        params: knowledgeVariantParams,
        body: knowledgeVariantBody,
        response: { 200: knowledgeEntryView },
      },
    },
    (request) => knowledgeVariantSaver(app.ctx, request.actor!, request.params.id, request.params.locale, request.body),
  );

  app.delete(
    '/api/knowledge/entries/:id/variants/:locale',
    {
      config: { access: 'knowledge.manage' },
      schema: {
        tags,
        summary: 'Remove one language of an entry (not its last)',
        params: knowledgeVariantParams,
        response: { 200: knowledgeEntryView },
      },
    },
    (request) => knowledgeVariantDeleter(app.ctx, request.actor!, request.params.id, request.params.locale),
  );

  app.post(
    '/api/knowledge/entries/:id/similar-questions',
    {
      config: { access: 'knowledge.manage' },
      schema: {
        tags,
        summary: 'Add a similar question to an entry (the learning list); the bot answers it at once',
        params: idParams,
        body: addSimilarQuestionBody,
        response: { 200: knowledgeEntryView },
      },
    },
    (request) => similarQuestionAdder(app.ctx, request.actor!, request.params.id, request.body),
  );

  app.get(
    '/api/knowledge/entries/:id/versions',
    {
      config: { access: 'knowledge.manage' },
      schema: {
        tags,
        summary: 'Earlier versions of an entry, newest first per language',
        params: idParams,
        querystring: knowledgeVersionListQuery,
        response: { 200: z.object({ items: z.array(knowledgeVersionView) }) },
      },
    },
    async (request) => {
      const { accountId } = request.actor!;
      if (!(await findEntry(db, accountId, request.params.id))) throw notFound('Knowledge entry');
      const rows = await listVersions(db, accountId, request.params.id, request.query.locale);
      return { items: rows.map(presentVersion) };
    },
  );

  app.post(
    '/api/knowledge/entries/:id/versions/:versionId/restore',
    {
      config: { access: 'knowledge.manage' },
      schema: {
        tags,
        summary: "Put an earlier version's text back (the current text becomes a version too)",
        params: knowledgeVersionParams,
        response: { 200: knowledgeEntryView },
      },
    },
    (request) => knowledgeVersionRestorer(app.ctx, request.actor!, request.params.id, request.params.versionId),
  );

  app.get(
    '/api/knowledge/search',
    {
      config: { access: 'knowledge.read' },
      schema: {
        tags,
        summary: 'Search published knowledge the way the bot does (scores 0–1)',
        querystring: knowledgeSearchQuery,
        response: { 200: z.object({ items: z.array(knowledgeSearchHitView) }) },
      },
    },
    async (request) => {
      const { q, locale, limit } = request.query;
      const hits = await searchKnowledge(app.ctx, request.actor!.accountId, q, { locale, limit });
      return { items: hits.map(presentSearchHit) };
    },
  );

  app.get(
    '/api/knowledge/suggestions',
    {
      config: { access: 'knowledge.read' },
      schema: {
        tags,
        summary: "Knowledge answers for the customer's last message in a conversation",
        querystring: knowledgeSuggestionsQuery,
        response: { 200: knowledgeSuggestionsResponse },
      },
    },
    (request) => knowledgeSuggestions(app.ctx, request.actor!.accountId, request.query.conversationId),
  );

  app.get(
    '/api/knowledge/synonyms',
    {
      config: { access: 'knowledge.manage' },
      schema: {
        tags,
        summary: 'The synonym dictionary of knowledge search',
        response: { 200: z.object({ items: z.array(synonymGroupView) }) },
      },
    },
    async (request) => ({ items: (await listSynonymGroups(db, request.actor!.accountId)).map(presentSynonymGroup) }),
  );

  app.post(
    '/api/knowledge/synonyms',
    {
      config: { access: 'knowledge.manage' },
      schema: {
        tags,
        summary: 'Add a synonym group (退货 = 退款退货)',
        body: synonymGroupBody,
        response: { 201: synonymGroupView },
      },
    },
    async (request, reply) => reply.status(201).send(await synonymGroupCreator(app.ctx, request.actor!, request.body)),
  );

  app.put(
    '/api/knowledge/synonyms/:id',
    {
      config: { access: 'knowledge.manage' },
      schema: {
        tags,
        summary: "Replace a synonym group's words",
        params: idParams,
        body: synonymGroupBody,
        response: { 200: synonymGroupView },
      },
    },
    (request) => synonymGroupUpdater(app.ctx, request.actor!, request.params.id, request.body),
  );

  app.delete(
    '/api/knowledge/synonyms/:id',
    {
      config: { access: 'knowledge.manage' },
      schema: { tags, summary: 'Delete a synonym group', params: idParams, response: { 200: okResponse } },
    },
    async (request) => {
      await synonymGroupDeleter(app.ctx, request.actor!, request.params.id);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/knowledge/preview',
    {
      config: { access: 'knowledge.manage' },
      schema: {
        tags,
        summary: 'Render an answer as it will be shown (sanitised HTML and plain text), without saving',
        body: knowledgePreviewBody,
        response: { 200: knowledgePreviewResponse },
      },
    },
    async (request) => renderKnowledgeBody(request.body.body),
  );

  app.get(
    '/api/knowledge/pictures/:id',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'A picture used in answers (public, by its unguessable id)', params: idParams },
    },
    async (request, reply) => {
      const picture = await findPicture(db, request.params.id);
      if (!picture) throw notFound('Picture');
      return sendStoredFile(reply, picture, { cacheControl: 'public, max-age=31536000, immutable', crossOrigin: true });
    },
  );

  app.get(
    '/api/knowledge/export',
    {
      config: { access: 'knowledge.manage' },
      schema: {
        tags,
        summary: 'FAQ entries as XLSX or CSV (标准问题, 相似问题, 答案, 分类, 状态, 语言)',
        querystring: knowledgeExportQuery,
      },
    },
    async (request, reply) => {
      const { format } = request.query;
      const file = await knowledgeExporter(app.ctx, request.actor!, request.query);
      return sendSpreadsheet(reply, file, format);
    },
  );

  // Only the uploads read multipart; every other route answers it with 415.
  await app.register(async (uploads: KefuApp) => {
    await uploads.register(fastifyMultipart);
    uploads.post(
      '/api/knowledge/import',
      {
        config: { access: 'knowledge.manage' },
        schema: {
          tags,
          summary:
            'Import FAQ entries from an XLSX or CSV file (multipart field "file"): all rows or none, with every bad row named',
          querystring: knowledgeImportQuery,
          response: { 200: knowledgeImportResult },
        },
      },
      async (request) =>
        knowledgeImporter(app.ctx, request.actor!, await readSpreadsheetUpload(request), request.query),
    );
    uploads.post(
      '/api/knowledge/pictures',
      {
        config: { access: 'knowledge.manage' },
        schema: {
          tags,
          summary: 'Upload a picture for answers (multipart field "file"; PNG, JPEG, GIF or WebP)',
          response: { 201: knowledgePictureView },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await knowledgePictureUploader(app.ctx, request.actor!, request)),
    );
  });
}
