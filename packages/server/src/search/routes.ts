import { conversationSearchQuery, conversationSearchResponse } from '@kefu/shared';
import type { KefuApp } from '../http/kefuApp.js';
import { conversationSearch } from './conversationSearch.js';

export function searchRoutes(app: KefuApp) {
  app.get(
    '/api/conversations/search',
    {
      config: { access: 'conversations.read' },
      schema: {
        tags: ['conversations'],
        summary:
          'Search conversations by message text (Chinese-aware, notes included), contact, phone, email, label, agent, inbox, status and date',
        querystring: conversationSearchQuery,
        response: { 200: conversationSearchResponse },
      },
    },
    (request) => conversationSearch(app.ctx, request.actor!.accountId, request.query),
  );
}
