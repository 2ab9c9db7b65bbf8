import {
  createSensitiveWordBody,
  idParams,
  importSensitiveWordsBody,
  importSensitiveWordsResponse,
  messageFlagListQuery,
  messageFlagListResponse,
  moderationCheckBody,
  moderationCheckResponse,
  moderationSettingsView,
  okResponse,
  sensitiveWordListQuery,
  sensitiveWordListResponse,
  sensitiveWordView,
  updateModerationSettingsBody,
  updateSensitiveWordBody,
} from '@kefu/shared';
import type { KefuApp } from '../http/kefuApp.js';
import { presentFlag } from './flagPresenter.js';
import { listFlags } from './flagRepository.js';
import { matcherFor } from './matcherCache.js';
import {
  moderationSettingsUpdater,
  sensitiveWordCreator,
  sensitiveWordDeleter,
  sensitiveWordImporter,
  sensitiveWordUpdater,
} from './sensitiveWordCommands.js';
import { presentSensitiveWord } from './sensitiveWordPresenter.js';
import { countSensitiveWords, listSensitiveWords, readModerationSettings } from './sensitiveWordRepository.js';

export function moderationRoutes(app: KefuApp) {
  const tags = ['moderation'];
  const db = () => app.ctx.db.kysely;

  app.get(
    '/api/moderation/words',
    {
      config: { access: 'moderation.manage' },
      schema: {
        tags,
        summary: 'Sensitive words (敏感词), newest first',
        querystring: sensitiveWordListQuery,
        response: { 200: sensitiveWordListResponse },
      },
    },
    async (request) => {
      const { accountId } = request.actor!;
      const { limit } = request.query;
      const [rows, total] = await Promise.all([
        listSensitiveWords(db(), accountId, { ...request.query, limit: limit + 1 }),
        countSensitiveWords(db(), accountId),
      ]);
      const page = rows.slice(0, limit);
      return {
        items: page.map(presentSensitiveWord),
        nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
        total,
      };
    },
  );

  app.post(
    '/api/moderation/words',
    {
      config: { access: 'moderation.manage' },
      schema: {
        tags,
        summary: 'Add a sensitive word',
        body: createSensitiveWordBody,
        response: { 201: sensitiveWordView },
      },
    },
    async (request, reply) => reply.status(201).send(await sensitiveWordCreator(app.ctx, request.actor!, request.body)),
  );

  app.post(
    '/api/moderation/words/import',
    {
      config: { access: 'moderation.manage' },
      schema: {
        tags,
        summary: 'Add a pasted list of sensitive words, one per line (all or nothing)',
        body: importSensitiveWordsBody,
        response: { 200: importSensitiveWordsResponse },
      },
    },
    (request) => sensitiveWordImporter(app.ctx, request.actor!, request.body),
  );

  app.patch(
    '/api/moderation/words/:id',
    {
      config: { access: 'moderation.manage' },
      schema: {
        tags,
        summary: 'Change a sensitive word, its category or its action',
        params: idParams,
        body: updateSensitiveWordBody,
        response: { 200: sensitiveWordView },
      },
    },
    (request) => sensitiveWordUpdater(app.ctx, request.actor!, request.params.id, request.body),
  );

  app.delete(
    '/api/moderation/words/:id',
    {
      config: { access: 'moderation.manage' },
      schema: { tags, summary: 'Remove a sensitive word', params: idParams, response: { 200: okResponse } },
    },
    async (request) => {
      await sensitiveWordDeleter(app.ctx, request.actor!, request.params.id);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/moderation/settings',
    {
      config: { access: 'moderation.manage' },
      schema: {
        tags,
        summary: 'What a sensitive word without its own action does',
        response: { 200: moderationSettingsView },
      },
    },
    async (request) => {
      const { defaultAction } = await readModerationSettings(db(), request.actor!.accountId);
      return { defaultAction };
    },
  );

  app.patch(
    '/api/moderation/settings',
    {
      config: { access: 'moderation.manage' },
      schema: {
        tags,
        summary: 'Set the default action (block or warn)',
        body: updateModerationSettingsBody,
        response: { 200: moderationSettingsView },
      },
    },
    (request) => moderationSettingsUpdater(app.ctx, request.actor!, request.body),
  );

  app.post(
    '/api/moderation/check',
    {
      config: { access: 'moderation.manage' },
      schema: {
        tags,
        summary: 'Which sensitive words a text contains, as the send check sees them',
        body: moderationCheckBody,
        response: { 200: moderationCheckResponse },
      },
    },
    async (request) => ({ matches: (await matcherFor(app.ctx, request.actor!.accountId)).find(request.body.text) }),
  );

  app.get(
    '/api/moderation/flags',
    {
      config: { access: 'moderation.review' },
      schema: {
        tags,
        summary: 'Messages flagged for sensitive words, newest first',
        querystring: messageFlagListQuery,
        response: { 200: messageFlagListResponse },
      },
    },
    async (request) => {
      const { limit } = request.query;
      const rows = await listFlags(db(), request.actor!.accountId, { ...request.query, limit: limit + 1 });
      const page = rows.slice(0, limit);
      return { items: page.map(presentFlag), nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null };
    },
  );
}
