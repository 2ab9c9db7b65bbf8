import type { ConversationRoutingTable } from '../db/schema.js';
import type { Executor } from '../db/transaction.js';
import { CHAT_ROLES } from '../presence/agentStateRepository.js';
import type { AgentLoad, RoutingSnapshot, TeamLoad } from './decision.js';

export type RoutingRow = ConversationRoutingTable;

/** Who can take chats in the account right now, with their load, and the teams with theirs. */
export async function loadSnapshot(db: Executor, accountId: string): Promise<RoutingSnapshot> {
  const [agents, teams, members] = await Promise.all([
    db
      .selectFrom('agent_states')
      .innerJoin('users', 'users.id', 'agent_states.user_id')
      .select([
        'agent_states.user_id',
        'agent_states.presence',
        'agent_states.presence_since',
        'agent_states.chat_limit',
        'agent_states.active_chats',
        'agent_states.last_assigned_at',
        'agent_states.last_released_at',
      ])
      .where('agent_states.account_id', '=', accountId)
      .where('agent_states.presence', '!=', 'offline')
      .where('users.status', '=', 'active')
      .where('users.role', 'in', [...CHAT_ROLES])
      .execute(),
    db.selectFrom('teams').select(['id', 'chat_limit', 'active_chats']).where('account_id', '=', accountId).execute(),
    db
      .selectFrom('team_members')
      .innerJoin('users', 'users.id', 'team_members.user_id')
      .select(['team_members.team_id', 'team_members.user_id'])
      .where('team_members.account_id', '=', accountId)
      .where('users.status', '=', 'active')
      .where('users.role', 'in', [...CHAT_ROLES])
      .orderBy('team_members.user_id')
      .execute(),
  ]);
  const available = new Map<string, AgentLoad>();
  const signedIn = new Set<string>();
  for (const a of agents) {
    signedIn.add(a.user_id);
    if (a.presence !== 'online') continue;
    available.set(a.user_id, {
      id: a.user_id,
      activeChats: a.active_chats,
      chatLimit: a.chat_limit,
      lastAssignedAt: a.last_assigned_at,
      idleSince: Math.max(a.last_assigned_at, a.last_released_at, a.presence_since ?? 0),
    });
  }
  const memberIds = new Map<string, string[]>();
  for (const m of members) memberIds.set(m.team_id, [...(memberIds.get(m.team_id) ?? []), m.user_id]);
  const teamLoads = new Map<string, TeamLoad>();
  for (const t of teams) {
    teamLoads.set(t.id, {
      id: t.id,
      memberIds: memberIds.get(t.id) ?? [],
      chatLimit: t.chat_limit,
      activeChats: t.active_chats,
    });
  }
  return { available, signedIn, teams: teamLoads };
}

export function findRouting(db: Executor, accountId: string, conversationId: string): Promise<RoutingRow | undefined> {
  return db
    .selectFrom('conversation_routing')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('conversation_id', '=', conversationId)
    .executeTakeFirst();
}

/** Creates the conversation's routing row, or replaces its routing fields (a new wait, a new assignment). */
export async function saveRouting(db: Executor, row: RoutingRow): Promise<void> {
  const {
    conversation_id: _id,
    account_id: _account,
    created_at: _created,
    first_assigned_at,
    first_reply_at,
    ...changes
  } = row;
  await db
    .insertInto('conversation_routing')
    .values(row)
    .onConflict((oc) =>
      oc.column('conversation_id').doUpdateSet((eb) => ({
        ...changes,
        // Firsts stay first.
        first_assigned_at: eb.fn.coalesce('conversation_routing.first_assigned_at', eb.val(first_assigned_at)),
        first_reply_at: eb.fn.coalesce('conversation_routing.first_reply_at', eb.val(first_reply_at)),
      })),
    )
    .execute();
}

/** Changes the routing row only while it is in `fromState`; returns whether it was (two nodes never both act). */
export async function moveRoutingState(
  db: Executor,
  conversationId: string,
  fromState: string | string[],
  changes: Partial<Omit<RoutingRow, 'conversation_id' | 'account_id' | 'created_at'>>,
): Promise<boolean> {
  const result = await db
    .updateTable('conversation_routing')
    .set(changes)
    .where('conversation_id', '=', conversationId)
    .where('state', 'in', [fromState].flat())
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function updateRouting(
  db: Executor,
  conversationId: string,
  changes: Partial<Omit<RoutingRow, 'conversation_id' | 'account_id' | 'created_at'>>,
): Promise<void> {
  await db.updateTable('conversation_routing').set(changes).where('conversation_id', '=', conversationId).execute();
}

/** An agent (a person) replied: the assignee has answered, and the conversation's first reply is known. */
export async function recordAgentReply(db: Executor, conversationId: string, now: number): Promise<void> {
  await db
    .updateTable('conversation_routing')
    .set((eb) => ({
      answered_at: eb.fn.coalesce('answered_at', eb.val(now)),
      first_reply_at: eb.fn.coalesce('first_reply_at', eb.val(now)),
    }))
    .where('conversation_id', '=', conversationId)
    .where((eb) => eb.or([eb('answered_at', 'is', null), eb('first_reply_at', 'is', null)]))
    .execute();
}

const QUEUED_COLUMNS = [
  'conversation_id',
  'account_id',
  'inbox_id',
  'contact_id',
  'team_id',
  'plan',
  'priority',
  'enqueued_at',
] as const;

/** The account's queue in service order: priority first, then first come, first served. */
export function listQueued(db: Executor, accountId: string) {
  return db
    .selectFrom('conversation_routing')
    .select(QUEUED_COLUMNS)
    .where('account_id', '=', accountId)
    .where('state', '=', 'queued')
    .orderBy('priority', 'desc')
    .orderBy('enqueued_at', 'asc')
    .orderBy('conversation_id', 'asc')
    .execute();
}
export type QueuedRow = Awaited<ReturnType<typeof listQueued>>[number];

/** One page of the queue in service order, after `after` (the last row of the previous page). */
export function listQueuedPage(
  db: Executor,
  accountId: string,
  after: { priority: number; enqueuedAt: number; conversationId: string } | null,
  limit: number,
) {
  let q = db
    .selectFrom('conversation_routing')
    .select(QUEUED_COLUMNS)
    .where('account_id', '=', accountId)
    .where('state', '=', 'queued');
  if (after) {
    q = q.where((eb) =>
      eb.or([
        eb('priority', '<', after.priority),
        eb.and([
          eb('priority', '=', after.priority),
          eb.or([
            eb('enqueued_at', '>', after.enqueuedAt),
            eb.and([eb('enqueued_at', '=', after.enqueuedAt), eb('conversation_id', '>', after.conversationId)]),
          ]),
        ]),
      ]),
    );
  }
  return q
    .orderBy('priority', 'desc')
    .orderBy('enqueued_at', 'asc')
    .orderBy('conversation_id', 'asc')
    .limit(limit)
    .execute();
}

export async function hasQueued(db: Executor, accountId: string): Promise<boolean> {
  const row = await db
    .selectFrom('conversation_routing')
    .select('conversation_id')
    .where('account_id', '=', accountId)
    .where('state', '=', 'queued')
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function accountsWithQueue(db: Executor): Promise<string[]> {
  const rows = await db
    .selectFrom('conversation_routing')
    .select('account_id')
    .distinct()
    .where('state', '=', 'queued')
    .execute();
  return rows.map((r) => r.account_id);
}

/** The queued conversation of a visitor in an inbox, if any. */
export function findQueuedOfContact(db: Executor, accountId: string, inboxId: string, contactId: string) {
  return db
    .selectFrom('conversation_routing')
    .select(QUEUED_COLUMNS)
    .where('account_id', '=', accountId)
    .where('inbox_id', '=', inboxId)
    .where('contact_id', '=', contactId)
    .where('state', '=', 'queued')
    .executeTakeFirst();
}

/** The widget of these contacts is connected on this node: their queued conversations are not abandoned. */
export async function markVisitorsSeen(db: Executor, contactIds: string[], now: number): Promise<void> {
  for (let i = 0; i < contactIds.length; i += 500) {
    await db
      .updateTable('conversation_routing')
      .set({ visitor_seen_at: now })
      .where('state', '=', 'queued')
      .where('contact_id', 'in', contactIds.slice(i, i + 500))
      .execute();
  }
}

export function listQueuedUnseenSince(db: Executor, cutoff: number) {
  return db
    .selectFrom('conversation_routing')
    .select(['conversation_id', 'account_id', 'inbox_id', 'visitor_seen_at', 'enqueued_at'])
    .where('state', '=', 'queued')
    .where('visitor_seen_at', '<=', cutoff)
    .execute();
}

/** Assigned conversations whose assignee has not answered since `cutoff`, while the customer waits. */
export function listUnanswered(db: Executor, cutoff: number, limit: number) {
  return db
    .selectFrom('conversation_routing')
    .innerJoin('conversations', 'conversations.id', 'conversation_routing.conversation_id')
    .select([
      'conversation_routing.conversation_id',
      'conversation_routing.account_id',
      'conversation_routing.inbox_id',
      'conversation_routing.assignee_id',
      'conversation_routing.assigned_at',
      'conversation_routing.plan',
    ])
    .where('conversation_routing.state', '=', 'assigned')
    .where('conversation_routing.answered_at', 'is', null)
    .where('conversation_routing.assigned_at', '<=', cutoff)
    .where('conversations.status', '=', 'open')
    .where('conversations.waiting_since', 'is not', null)
    .whereRef('conversations.assignee_id', '=', 'conversation_routing.assignee_id')
    .orderBy('conversation_routing.assigned_at')
    .limit(limit)
    .execute();
}

/** Open conversations where the agent spoke last, before `cutoff`: the customer has gone quiet. */
export function listSilent(db: Executor, cutoff: number, limit: number) {
  return db
    .selectFrom('conversations')
    .select(['id', 'account_id', 'inbox_id', 'last_message_at'])
    .where('status', '=', 'open')
    .where('waiting_since', 'is', null)
    .where('last_message_kind', '=', 'outgoing')
    .where('last_message_at', '<=', cutoff)
    .orderBy('last_message_at')
    .limit(limit)
    .execute();
}

/** When conversations were taken out of the account's queues lately (for the estimated wait), newest first. */
export async function recentDequeues(db: Executor, accountId: string, since: number) {
  return db
    .selectFrom('conversation_routing')
    .select(['team_id', 'assigned_at'])
    .where('account_id', '=', accountId)
    .where('enqueued_at', 'is not', null)
    .where('assigned_at', '>=', since)
    .where('state', 'in', ['assigned', 'ended'])
    .orderBy('assigned_at', 'desc')
    .limit(500)
    .execute();
}

/** The last agent who served this contact, and when that conversation last saw activity. */
export function findPreviousAgent(db: Executor, accountId: string, contactId: string) {
  return db
    .selectFrom('conversations')
    .select(['id', 'assignee_id', 'last_activity_at'])
    .where('account_id', '=', accountId)
    .where('contact_id', '=', contactId)
    .where('assignee_id', 'is not', null)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function saveHint(
  db: Executor,
  row: {
    inbox_id: string;
    contact_id: string;
    account_id: string;
    team_id: string | null;
    agent_id: string | null;
    locale: string | null;
    updated_at: number;
  },
): Promise<void> {
  const { inbox_id: _inbox, contact_id: _contact, account_id: _account, ...changes } = row;
  await db
    .insertInto('routing_hints')
    .values(row)
    .onConflict((oc) => oc.columns(['inbox_id', 'contact_id']).doUpdateSet(changes))
    .execute();
}

export function findHint(db: Executor, inboxId: string, contactId: string) {
  return db
    .selectFrom('routing_hints')
    .selectAll()
    .where('inbox_id', '=', inboxId)
    .where('contact_id', '=', contactId)
    .executeTakeFirst();
}

export function countPool(db: Executor, accountId: string) {
  return db
    .selectFrom('conversation_routing')
    .innerJoin('conversations', 'conversations.id', 'conversation_routing.conversation_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('conversation_routing.account_id', '=', accountId)
    .where('conversation_routing.state', '=', 'pool')
    .where('conversations.assignee_id', 'is', null)
    .where('conversations.status', '!=', 'resolved')
    .executeTakeFirstOrThrow();
}

/** Today's first replies: how many, and how many came within `thresholdMs` of the chat reaching an agent. */
export async function serviceLevelSince(db: Executor, accountId: string, since: number, thresholdMs: number) {
  const rows = await db
    .selectFrom('conversation_routing')
    .select(['first_reply_at', 'first_assigned_at', 'created_at'])
    .where('account_id', '=', accountId)
    .where('first_reply_at', '>=', since)
    .execute();
  let within = 0;
  for (const r of rows) {
    // From the chat reaching an agent, or (never assigned: picked from the pool) from its arrival.
    const start = r.first_assigned_at ?? r.created_at;
    if (r.first_reply_at! - start <= thresholdMs) within += 1;
  }
  return { answered: rows.length, within };
}

/** Queued conversations of the same queue that will be served before this one. */
export async function countAhead(
  db: Executor,
  accountId: string,
  entry: { conversationId: string; teamId: string | null; priority: number; enqueuedAt: number },
): Promise<number> {
  let q = db
    .selectFrom('conversation_routing')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', accountId)
    .where('state', '=', 'queued')
    .where('conversation_id', '!=', entry.conversationId)
    .where((eb) =>
      eb.or([
        eb('priority', '>', entry.priority),
        eb.and([
          eb('priority', '=', entry.priority),
          eb.or([
            eb('enqueued_at', '<', entry.enqueuedAt),
            eb.and([eb('enqueued_at', '=', entry.enqueuedAt), eb('conversation_id', '<', entry.conversationId)]),
          ]),
        ]),
      ]),
    );
  q = entry.teamId === null ? q.where('team_id', 'is', null) : q.where('team_id', '=', entry.teamId);
  const row = await q.executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function nameOfUser(db: Executor, userId: string): Promise<string> {
  const row = await db.selectFrom('users').select('name').where('id', '=', userId).executeTakeFirst();
  return row?.name ?? '';
}

export async function nameOfTeam(db: Executor, teamId: string | null): Promise<string | null> {
  if (teamId === null) return null;
  const row = await db.selectFrom('teams').select('name').where('id', '=', teamId).executeTakeFirst();
  return row?.name ?? null;
}
