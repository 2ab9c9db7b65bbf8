import {
  botRangeQuery,
  botRatingBody,
  botRatingResponse,
  botStatsResponse,
  botTryBody,
  botTryResponse,
  dismissLearningBody,
  learnAsNewEntryBody,
  learnAsSimilarBody,
  learnedResponse,
  learningListResponse,
} from '@kefu/shared';
import type { KefuApp } from '../http/kefuApp.js';
import { botRatingRecorder } from './botRatingRecorder.js';
import { botStatistics } from './botStatistics.js';
import { botTrial } from './botTrial.js';
import { botTurnsSettled } from './botTurnQueue.js';
import { learningDismisser, newEntryLearner, similarQuestionLearner } from './learningCommands.js';
import { learningList } from './learningList.js';

export function botRoutes(app: KefuApp) {
  const tags = ['bot'];
  // Replies still being worked on finish before the database closes.
  app.addHook('onClose', () => botTurnsSettled(app.ctx));

  app.post(
    '/api/widget/bot-ratings',
    {
      config: { access: 'visitor' },
      schema: {
        tags: ['widget'],
        summary: 'Rate one of the bot’s answers 有用 (helpful) or 没用 (unhelpful)',
        body: botRatingBody,
        response: { 200: botRatingResponse },
      },
    },
    (request) => botRatingRecorder(app.ctx, request.visitor!, request.body),
  );

  app.post(
    '/api/bot/try',
    {
      config: { access: 'knowledge.manage' },
      schema: {
        tags,
        summary: 'What the bot would answer to a first question in an inbox (nothing is stored)',
        body: botTryBody,
        response: { 200: botTryResponse },
      },
    },
    (request) => botTrial(app.ctx, request.actor!.accountId, request.body),
  );

  app.get(
    '/api/bot/learning',
    {
      config: { access: 'knowledge.manage' },
      schema: {
        tags,
        summary: 'Questions the bot missed or answered unhelpfully, grouped by similarity',
        querystring: botRangeQuery,
        response: { 200: learningListResponse },
      },
    },
    (request) => learningList(app.ctx, request.actor!.accountId, request.query),
  );

  app.post(
    '/api/bot/learning/similar',
    {
      config: { access: 'knowledge.manage' },
      schema: {
        tags,
        summary: 'Teach the bot: add the questions to a knowledge entry as similar questions',
        body: learnAsSimilarBody,
        response: { 200: learnedResponse },
      },
    },
    (request) => similarQuestionLearner(app.ctx, request.actor!, request.body),
  );

  app.post(
    '/api/bot/learning/new-entry',
    {
      config: { access: 'knowledge.manage' },
      schema: {
        tags,
        summary: 'Teach the bot: a new FAQ entry for the questions',
        body: learnAsNewEntryBody,
        response: { 200: learnedResponse },
      },
    },
    (request) => newEntryLearner(app.ctx, request.actor!, request.body),
  );

  app.post(
    '/api/bot/learning/dismiss',
    {
      config: { access: 'knowledge.manage' },
      schema: {
        tags,
        summary: 'Take questions off the learning list without teaching them',
        body: dismissLearningBody,
        response: { 200: learnedResponse },
      },
    },
    (request) => learningDismisser(app.ctx, request.actor!, request.body),
  );

  app.get(
    '/api/bot/stats',
    {
      config: { access: 'bot.stats' },
      schema: {
        tags,
        summary: 'Bot statistics over whole days: resolution and hand-off rates, outcomes, top questions',
        querystring: botRangeQuery,
        response: { 200: botStatsResponse },
      },
    },
    (request) => botStatistics(app.ctx, request.actor!.accountId, request.query),
  );
}
