import type { AppContext } from '../context.js';
import { newId } from '../db/ids.js';
import type { Executor } from '../db/transaction.js';
import type { ConversationMeta } from './conversationPresenter.js';
import { insertConversation } from './conversationRepository.js';

export interface ConversationStart {
  accountId: string;
  inboxId: string;
  contactId: string;
  meta: ConversationMeta;
}

/** A new open, unassigned conversation; its first message is stored by messageCreator. */
export async function conversationOpener(ctx: AppContext, db: Executor, start: ConversationStart): Promise<string> {
  const now = ctx.clock.now();
  const id = newId(now);
  await insertConversation(db, {
    id,
    account_id: start.accountId,
    inbox_id: start.inboxId,
    contact_id: start.contactId,
    status: 'open',
    assignee_id: null,
    team_id: null,
    labels: '[]',
    snoozed_until: null,
    last_seq: 0,
    last_message_kind: null,
    last_message_preview: null,
    last_message_at: null,
    last_activity_at: now,
    waiting_since: null,
    agent_last_read_seq: 0,
    contact_last_read_seq: 0,
    unread_count: 0,
    meta: JSON.stringify(start.meta),
    bot_active: 0,
    created_at: now,
    updated_at: now,
  });
  return id;
}
