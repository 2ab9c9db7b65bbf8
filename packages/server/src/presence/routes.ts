import { agentStatusView, chatLimitBody, idParams, setPresenceBody } from '@kefu/shared';
import type { KefuApp } from '../http/kefuApp.js';
import { loadAgentStatuses } from './agentStatusPublisher.js';
import { chatLimitChanger } from './chatLimitChanger.js';
import { presenceChanger } from './presenceChanger.js';

export function presenceRoutes(app: KefuApp) {
  const tags = ['routing'];

  app.get(
    '/api/profile/presence',
    {
      config: { access: 'presence.self' },
      schema: { tags, summary: 'My presence, chats in progress and chat limit', response: { 200: agentStatusView } },
    },
    async (request) => {
      const actor = request.actor!;
      const [view] = await loadAgentStatuses(app.ctx, actor.accountId, [actor.userId]);
      const { role: _role, ...agent } = view!;
      return agent;
    },
  );

  app.put(
    '/api/profile/presence',
    {
      config: { access: 'presence.self' },
      schema: {
        tags,
        summary: 'Set my presence: online (takes chats), busy, away (小休) or offline',
        body: setPresenceBody,
        response: { 200: agentStatusView },
      },
    },
    (request) => presenceChanger(app.ctx, request.actor!, request.body.status),
  );

  app.put(
    '/api/users/:id/chat-limit',
    {
      config: { access: 'users.manage' },
      schema: {
        tags,
        summary: "Set an agent's chat limit (chats at once); audited",
        params: idParams,
        body: chatLimitBody,
        response: { 200: agentStatusView },
      },
    },
    (request) => chatLimitChanger(app.ctx, request.actor!, request.params.id, request.body.chatLimit),
  );
}
