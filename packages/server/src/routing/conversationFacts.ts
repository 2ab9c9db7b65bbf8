import type { ConversationRow } from '../conversations/conversationRepository.js';
import type { Executor } from '../db/transaction.js';
import type { ConversationFacts } from './decision.js';
import { findPreviousAgent, findRouting } from './routingRepository.js';

const parseList = (json: string): string[] => {
  const value = JSON.parse(json) as unknown;
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
};

/**
 * What the pipeline needs to know about a conversation: the routing hints of the widget session (designated agent
 * or team, the team the customer chose among `offeredTeamIds`, their language), the customer's owner and tags, their previous agent (of
 * an earlier conversation, or of this one before it was resolved and reopened), the page and the labels.
 */
export async function conversationFacts(
  db: Executor,
  conversation: ConversationRow,
  offeredTeamIds: readonly string[],
): Promise<ConversationFacts> {
  const [contact, previous, own] = await Promise.all([
    // The contact's owner and tags, with what their widget session asked for in this inbox.
    db
      .selectFrom('contacts')
      .leftJoin('routing_hints', (join) =>
        join
          .onRef('routing_hints.contact_id', '=', 'contacts.id')
          .on('routing_hints.inbox_id', '=', conversation.inbox_id),
      )
      .select([
        'contacts.owner_id',
        'contacts.tags',
        'routing_hints.team_id',
        'routing_hints.agent_id',
        'routing_hints.locale',
      ])
      .where('contacts.account_id', '=', conversation.account_id)
      .where('contacts.id', '=', conversation.contact_id)
      .executeTakeFirst(),
    findPreviousAgent(db, conversation.account_id, conversation.contact_id),
    // Only a conversation with more than its opening message can have had an agent before (then reopened).
    conversation.last_seq > 1 ? findRouting(db, conversation.account_id, conversation.id) : undefined,
  ]);
  const candidates = [
    previous?.assignee_id ? { id: previous.assignee_id, at: previous.last_activity_at } : null,
    own?.assignee_id ? { id: own.assignee_id, at: own.updated_at } : null,
  ].filter((c): c is { id: string; at: number } => c !== null);
  const previousAgent = candidates.sort((a, b) => b.at - a.at)[0] ?? null;
  let pageUrl: string | null = null;
  try {
    pageUrl = (JSON.parse(conversation.meta) as { pageUrl?: string | null }).pageUrl ?? null;
  } catch {
    pageUrl = null;
  }
  // A team the widget offers was chosen by the customer (skill match); any other came with the link (designated).
  const hintTeam = contact?.team_id ?? null;
  const chosen = hintTeam !== null && offeredTeamIds.includes(hintTeam);
  return {
    designatedAgentId: contact?.agent_id ?? null,
    designatedTeamId: chosen ? null : hintTeam,
    chosenTeamId: chosen ? hintTeam : null,
    previousAgent,
    ownerId: contact?.owner_id ?? null,
    contactTags: contact ? parseList(contact.tags) : [],
    labels: parseList(conversation.labels),
    locale: contact?.locale ?? null,
    pageUrl,
  };
}
