/**
 * Column types are the portable subset of SQLite and PostgreSQL: text, integer (epoch milliseconds
 * for times, 0/1 for flags) and JSON kept as text. Repositories turn rows into domain values.
 */
export interface AccountsTable {
  id: string;
  name: string;
  locale: string;
  timezone: string;
  created_at: number;
  updated_at: number;
}

export interface UsersTable {
  id: string;
  account_id: string;
  email: string;
  name: string;
  role: string;
  status: string;
  locale: string;
  password_hash: string | null;
  failed_logins: number;
  locked_until: number | null;
  last_sign_in_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface SessionsTable {
  id: string;
  account_id: string;
  user_id: string;
  token_hash: string;
  csrf_token: string;
  ip: string | null;
  user_agent: string | null;
  expires_at: number;
  last_seen_at: number;
  created_at: number;
}

export interface ApiTokensTable {
  id: string;
  account_id: string;
  user_id: string;
  name: string;
  prefix: string;
  token_hash: string;
  last_used_at: number | null;
  expires_at: number | null;
  revoked_at: number | null;
  created_at: number;
}

export interface InvitesTable {
  id: string;
  account_id: string;
  user_id: string;
  token_hash: string;
  expires_at: number;
  accepted_at: number | null;
  created_at: number;
}

export interface TeamsTable {
  id: string;
  account_id: string;
  name: string;
  kind: string;
  description: string;
  /** Chats in progress through the team at most; null: no team limit. */
  chat_limit: number | null;
  /** Chats in progress through the team (assigned, not resolved); kept by routing/seatLedger.ts. */
  active_chats: number;
  created_at: number;
  updated_at: number;
}

export interface TeamMembersTable {
  account_id: string;
  team_id: string;
  user_id: string;
  created_at: number;
}

export interface AuditEventsTable {
  id: string;
  account_id: string;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  details: string;
  created_at: number;
}

export interface Database {
  bot_sessions: BotSessionsTable;
  bot_turns: BotTurnsTable;
  accounts: AccountsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  invites: InvitesTable;
  teams: TeamsTable;
  team_members: TeamMembersTable;
  audit_events: AuditEventsTable;
  inboxes: InboxesTable;
  contacts: ContactsTable;
  contact_identities: ContactIdentitiesTable;
  conversations: ConversationsTable;
  messages: MessagesTable;
  attachments: AttachmentsTable;
  agent_connections: AgentConnectionsTable;
  agent_states: AgentStatesTable;
  conversation_routing: ConversationRoutingTable;
  routing_hints: RoutingHintsTable;
  conversation_participants: ConversationParticipantsTable;
  business_calendars: BusinessCalendarsTable;
  labels: LabelsTable;
  sensitive_words: SensitiveWordsTable;
  moderation_settings: ModerationSettingsTable;
  message_flags: MessageFlagsTable;
  indexer_cursors: IndexerCursorsTable;
  /** Conversation search documents; on SQLite the words live in the FTS5 table `message_search_fts`. */
  message_search: MessageSearchTable;
  quick_reply_categories: QuickReplyCategoriesTable;
  quick_replies: QuickRepliesTable;
  quick_reply_pictures: QuickReplyPicturesTable;
  quick_reply_usages: QuickReplyUsagesTable;
  ticket_categories: TicketCategoriesTable;
  ticket_types: TicketTypesTable;
  ticket_counters: TicketCountersTable;
  tickets: TicketsTable;
  ticket_watchers: TicketWatchersTable;
  ticket_conversations: TicketConversationsTable;
  ticket_transcripts: TicketTranscriptsTable;
  ticket_resolutions: TicketResolutionsTable;
  ticket_approvals: TicketApprovalsTable;
  ticket_follow_ups: TicketFollowUpsTable;
  ticket_calls: TicketCallsTable;
  ticket_tasks: TicketTasksTable;
  ticket_files: TicketFilesTable;
  ticket_comments: TicketCommentsTable;
  ticket_events: TicketEventsTable;
  ticket_notifications: TicketNotificationsTable;
  sla_policies: SlaPoliciesTable;
  ticket_slas: TicketSlasTable;
  ticket_saved_views: TicketSavedViewsTable;
  knowledge_categories: KnowledgeCategoriesTable;
  knowledge_entries: KnowledgeEntriesTable;
  knowledge_variants: KnowledgeVariantsTable;
  knowledge_versions: KnowledgeVersionsTable;
  knowledge_synonyms: KnowledgeSynonymsTable;
  knowledge_pictures: KnowledgePicturesTable;
  knowledge_state: KnowledgeStateTable;
  knowledge_deletions: KnowledgeDeletionsTable;
}

export interface InboxesTable {
  id: string;
  account_id: string;
  name: string;
  channel: string;
  website_token: string;
  hmac_secret: string;
  /** JSON of WidgetSettings. */
  settings: string;
  created_at: number;
  updated_at: number;
}

export interface ContactsTable {
  id: string;
  account_id: string;
  name: string;
  email: string | null;
  phone: string | null;
  verified: number;
  /** The customer's owner (专属客服), preferred by routing. */
  owner_id: string | null;
  /** JSON array of tags (VIP …). */
  tags: string;
  created_at: number;
  updated_at: number;
}

export interface ContactIdentitiesTable {
  id: string;
  account_id: string;
  inbox_id: string;
  contact_id: string;
  /** `visitor` (anonymous browser) or `external` (verified id from the host site). */
  kind: string;
  identifier: string;
  created_at: number;
}

export interface ConversationsTable {
  id: string;
  account_id: string;
  inbox_id: string;
  contact_id: string;
  status: string;
  assignee_id: string | null;
  team_id: string | null;
  /** JSON array of label names. */
  labels: string;
  snoozed_until: number | null;
  last_seq: number;
  last_message_kind: string | null;
  last_message_preview: string | null;
  last_message_at: number | null;
  last_activity_at: number;
  waiting_since: number | null;
  agent_last_read_seq: number;
  contact_last_read_seq: number;
  unread_count: number;
  /** JSON: page URL, referrer, browser, OS, IP, location. */
  meta: string;
  /** 1 while the answer bot handles it (bot/): unassigned, it is then hidden from agents' lists (supervisors see it). */
  bot_active: number;
  created_at: number;
  updated_at: number;
}

export interface MessagesTable {
  id: string;
  account_id: string;
  conversation_id: string;
  seq: number;
  kind: string;
  sender_type: string;
  sender_id: string | null;
  sender_name: string | null;
  content: string;
  /** JSON array of attachment ids. */
  attachments: string;
  /** JSON `{ code, params }` for activity messages. */
  activity: string | null;
  client_id: string | null;
  /** 1: an agent-only timeline entry (a routing decision); the customer never sees it, like a private note. */
  internal: number;
  /** JSON of a BotPayload (shared/schemas/bot.ts) on the bot's messages; null otherwise. */
  payload: string | null;
  created_at: number;
}

export interface AttachmentsTable {
  id: string;
  account_id: string;
  uploader_type: string;
  uploader_id: string;
  conversation_id: string | null;
  file_name: string;
  content_type: string;
  size: number;
  data: Buffer;
  created_at: number;
}

export interface AgentConnectionsTable {
  id: string;
  account_id: string;
  user_id: string;
  node_id: string;
  connected_at: number;
  heartbeat_at: number;
}

export interface QuickReplyCategoriesTable {
  id: string;
  account_id: string;
  name: string;
  created_at: number;
  updated_at: number;
}

export interface QuickRepliesTable {
  id: string;
  account_id: string;
  /** `personal`, `team` or `workspace`. */
  scope: string;
  owner_id: string | null;
  team_id: string | null;
  /** `workspace`, `team:<id>` or `user:<id>`: titles are unique per scope key. */
  scope_key: string;
  category_id: string | null;
  title: string;
  content: string;
  title_pinyin: string;
  title_initials: string;
  content_initials: string;
  created_by: string | null;
  created_at: number;
  updated_at: number;
}

export interface QuickReplyPicturesTable {
  quick_reply_id: string;
  account_id: string;
  file_name: string;
  content_type: string;
  size: number;
  /** SHA-256 of the bytes, hex. */
  digest: string;
  data: Buffer;
  created_at: number;
}

export interface QuickReplyUsagesTable {
  quick_reply_id: string;
  user_id: string;
  account_id: string;
  use_count: number;
  last_used_at: number;
}

export interface LabelsTable {
  id: string;
  account_id: string;
  name: string;
  /** A preset colour name or #rrggbb. */
  color: string;
  description: string;
  created_at: number;
  updated_at: number;
}

export interface SensitiveWordsTable {
  id: string;
  account_id: string;
  word: string;
  /** The word folded with symbols removed (text/normalize.ts `compactForMatching`). */
  pattern: string;
  category: string;
  /** `block`, `warn`, or null for the workspace default. */
  action: string | null;
  created_at: number;
  updated_at: number;
}

export interface ModerationSettingsTable {
  account_id: string;
  default_action: string;
  version: number;
  updated_at: number;
}

export interface MessageFlagsTable {
  id: string;
  account_id: string;
  conversation_id: string;
  message_id: string;
  /** `customer` or `agent`. */
  source: string;
  /** JSON array of sensitive-word matches. */
  matches: string;
  created_at: number;
}

export interface IndexerCursorsTable {
  name: string;
  position: string;
  updated_at: number;
}

export interface MessageSearchTable {
  message_id: string;
  account_id: string;
  conversation_id: string;
  created_at: number;
}

export interface BusinessCalendarsTable {
  id: string;
  account_id: string;
  name: string;
  time_zone: string;
  /** JSON of WeeklyHours. */
  weekly: string;
  /** JSON array of Holiday. */
  holidays: string;
  /** JSON array of SpecialWorkingDay. */
  special_working_days: string;
  created_at: number;
  updated_at: number;
}

/** An agent's presence and load for routing; see routing/seatLedger.ts and presence/. */
export interface AgentStatesTable {
  user_id: string;
  account_id: string;
  /** online / busy / away / offline: what routing reads. */
  presence: string;
  /** What the agent chose last; a reconnect within the grace period, or after it, restores it. */
  presence_choice: string;
  presence_since: number | null;
  /** When the agent's last console connection went away; offline once the grace period has passed. */
  disconnected_at: number | null;
  chat_limit: number;
  /** Conversations assigned to the agent and not resolved. */
  active_chats: number;
  last_assigned_at: number;
  last_released_at: number;
  updated_at: number;
}

/** How a conversation is being routed: queued, in the pool, assigned, ended or abandoned, and its timings. */
export interface ConversationRoutingTable {
  conversation_id: string;
  account_id: string;
  inbox_id: string;
  contact_id: string;
  /** queued / pool / assigned / ended / abandoned. */
  state: string;
  /** The team the conversation waits for or went through; null: any agent. */
  team_id: string | null;
  /** JSON of the routing plan (routing/decision.ts `RoutePlan`), so a queued chat is decided again without lookups. */
  plan: string;
  /** 1: VIP or complaint, ahead of the rest of the queue. */
  priority: number;
  /** When it began to wait in the queue; null when it never waited. */
  enqueued_at: number | null;
  /** Last time a node saw the customer's widget connected while queued. */
  visitor_seen_at: number | null;
  /** The current (or, once ended, the last) assignee. */
  assignee_id: string | null;
  /** The rule that decided the last assignment. */
  rule: string | null;
  assigned_at: number | null;
  /** The current assignee's first reply (auto-transfer watches for it). */
  answered_at: number | null;
  first_assigned_at: number | null;
  /** The conversation's first reply by a person (service level). */
  first_reply_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface RoutingHintsTable {
  inbox_id: string;
  contact_id: string;
  account_id: string;
  team_id: string | null;
  agent_id: string | null;
  locale: string | null;
  updated_at: number;
}

export interface ConversationParticipantsTable {
  conversation_id: string;
  user_id: string;
  account_id: string;
  added_by: string | null;
  created_at: number;
}

// ---------- tickets (0007_tickets) ----------

export interface TicketCategoriesTable {
  id: string;
  account_id: string;
  parent_id: string | null;
  /** The parent's id, or '' at the top. */
  parent_key: string;
  name: string;
  position: number;
  created_at: number;
  updated_at: number;
}

export interface TicketTypesTable {
  id: string;
  account_id: string;
  name: string;
  description: string;
  enabled: number;
  widget_enabled: number;
  default_priority: string;
  /** JSON array of TicketFieldDefinition. */
  fields: string;
  /** JSON of WorkflowDefinition. */
  workflow: string;
  position: number;
  version: number;
  created_at: number;
  updated_at: number;
}

export interface TicketCountersTable {
  account_id: string;
  /** YYYYMMDD in the workspace's time zone. */
  period: string;
  last_value: number;
}

export interface TicketsTable {
  id: string;
  account_id: string;
  number: string;
  type_id: string;
  title: string;
  description: string;
  /** The workflow state's key, and its category (new / open / pending / resolved / closed). */
  state: string;
  state_category: string;
  priority: string;
  source: string;
  contact_id: string;
  assignee_id: string | null;
  team_id: string | null;
  category_id: string | null;
  /** JSON array of tags. */
  tags: string;
  /** JSON object of form values by field key (attachments as ticket_files ids). */
  fields: string;
  /** JSON array of order numbers. */
  order_numbers: string;
  promised_reply_at: number | null;
  promise_kept_at: number | null;
  promise_reminded_at: number | null;
  promise_overdue_at: number | null;
  current_resolution_id: string | null;
  open_task_count: number;
  reopen_count: number;
  recorded_by: string | null;
  recorder_name: string | null;
  version: number;
  created_at: number;
  updated_at: number;
  closed_at: number | null;
}

export interface TicketWatchersTable {
  ticket_id: string;
  user_id: string;
  account_id: string;
  created_at: number;
}

export interface TicketConversationsTable {
  ticket_id: string;
  conversation_id: string;
  account_id: string;
  linked_by: string | null;
  created_at: number;
}

export interface TicketTranscriptsTable {
  id: string;
  account_id: string;
  ticket_id: string;
  conversation_id: string;
  up_to_seq: number;
  /** JSON array of the copied messages. */
  messages: string;
  created_at: number;
}

export interface TicketResolutionsTable {
  id: string;
  account_id: string;
  ticket_id: string;
  summary: string;
  compensation_cents: number;
  /** pending / approved / rejected / superseded. */
  status: string;
  required_approvals: number;
  proposed_by: string;
  proposer_name: string;
  approved_at: number | null;
  /** accepted / rejected, by `customer` (widget) or `staff` (recorded on the customer's behalf). */
  customer_decision: string | null;
  customer_decision_by: string | null;
  customer_recorder_id: string | null;
  customer_recorder_name: string | null;
  customer_channel: string | null;
  customer_note: string | null;
  customer_decided_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface TicketApprovalsTable {
  id: string;
  account_id: string;
  ticket_id: string;
  resolution_id: string;
  approver_id: string;
  approver_name: string;
  approver_role: string;
  decision: string;
  reason: string;
  level: number;
  created_at: number;
}

export interface TicketFollowUpsTable {
  id: string;
  account_id: string;
  ticket_id: string;
  resolution_id: string | null;
  recorded_by: string;
  recorder_name: string;
  contacted_at: number;
  channel: string;
  satisfied: number;
  notes: string;
  created_at: number;
}

export interface TicketCallsTable {
  id: string;
  account_id: string;
  ticket_id: string;
  phone_number: string;
  direction: string;
  started_at: number;
  duration_seconds: number;
  summary: string;
  recorded_by: string | null;
  recorder_name: string | null;
  created_at: number;
}

export interface TicketTasksTable {
  id: string;
  account_id: string;
  ticket_id: string;
  team_id: string | null;
  team_name: string;
  owner_id: string | null;
  title: string;
  instructions: string;
  due_at: number | null;
  /** open / done / cancelled. */
  status: string;
  share_contact: number;
  result: string;
  created_by: string | null;
  creator_name: string | null;
  completed_by: string | null;
  completer_name: string | null;
  completed_at: number | null;
  overdue_notified_at: number | null;
  version: number;
  created_at: number;
  updated_at: number;
}

export interface TicketFilesTable {
  id: string;
  account_id: string;
  ticket_id: string;
  file_name: string;
  content_type: string;
  size: number;
  data: Buffer;
  uploader_type: string;
  uploader_id: string;
  created_at: number;
}

export interface TicketCommentsTable {
  id: string;
  account_id: string;
  ticket_id: string;
  /** internal / public / task / customer. */
  kind: string;
  body: string;
  author_type: string;
  author_id: string | null;
  author_name: string | null;
  /** JSON array of mentioned user ids. */
  mentions: string;
  task_id: string | null;
  conversation_id: string | null;
  message_id: string | null;
  /** JSON array of ticket_files ids. */
  files: string;
  created_at: number;
}

/** The ticket timeline: who, when, what (field, from → to). */
export interface TicketEventsTable {
  id: string;
  account_id: string;
  ticket_id: string;
  /** The ticket version the change produced; null for appended things (comments, replies, calls). */
  version: number | null;
  action: string;
  field: string | null;
  /** JSON. */
  from_value: string | null;
  /** JSON. */
  to_value: string | null;
  actor_type: string;
  actor_id: string | null;
  actor_name: string | null;
  /** JSON object. */
  detail: string;
  created_at: number;
}

/** Notifications outbox: one row per recipient, written with the change; the notification module delivers them. */
export interface TicketNotificationsTable {
  id: string;
  account_id: string;
  ticket_id: string;
  user_id: string;
  kind: string;
  task_id: string | null;
  actor_id: string | null;
  actor_name: string | null;
  /** JSON object. */
  detail: string;
  created_at: number;
  read_at: number | null;
}

/** SLA policies (sla/): conditions, targets in business minutes, warning and breach actions. */
export interface SlaPoliciesTable {
  id: string;
  account_id: string;
  name: string;
  description: string;
  enabled: number;
  position: number;
  /** JSON of SlaConditions. */
  conditions: string;
  /** Null: 24/7. */
  calendar_id: string | null;
  first_response_minutes: number | null;
  next_response_minutes: number | null;
  resolution_minutes: number | null;
  /** percent / minutes / off. */
  warn_mode: string;
  warn_value: number;
  /** JSON of SlaBreachActions. */
  on_breach: string;
  pause_when_pending: number;
  version: number;
  created_at: number;
  updated_at: number;
}

/** A ticket's SLA clocks (sla/slaFacts.ts): the facts they are computed from, and what the sweeper reads. */
export interface TicketSlasTable {
  ticket_id: string;
  account_id: string;
  policy_id: string | null;
  /** JSON of SlaFacts: the running stretches of each clock and the ticket's waits on the customer. */
  facts: string;
  /** JSON of SlaNotices: warnings and breaches already acted on. */
  notices: string;
  due_at: number | null;
  next_check_at: number | null;
  active: number;
  chat_checked_at: number;
  revision: number;
  updated_at: number;
}

/** A person's saved ticket filter, optionally shared with a team (ticketViews/). */
export interface TicketSavedViewsTable {
  id: string;
  account_id: string;
  owner_id: string;
  team_id: string | null;
  name: string;
  /** JSON of TicketViewFilters. */
  filters: string;
  created_at: number;
  updated_at: number;
}

/** A stretch of a conversation the answer bot handles (bot/botSessionRepository.ts). */
export interface BotSessionsTable {
  id: string;
  account_id: string;
  inbox_id: string;
  conversation_id: string;
  /** active / handed_off / taken_over / ended. */
  state: string;
  /** Consecutive questions without an answer. */
  misses: number;
  /** JSON of the choices last offered (bot/botSessionRepository.ts `PendingChoices`). */
  pending: string;
  handoff_reason: string | null;
  started_at: number;
  handed_off_at: number | null;
  ended_at: number | null;
  updated_at: number;
}

/** One customer message the bot replied to, with the outcome, the entry, and the customer's rating. */
export interface BotTurnsTable {
  id: string;
  account_id: string;
  inbox_id: string;
  session_id: string;
  conversation_id: string;
  question_message_id: string;
  question: string;
  /** answer / suggest / unknown / menu / handoff. */
  outcome: string;
  entry_id: string | null;
  entry_title: string | null;
  /** The best search score × 1000. */
  score: number;
  reply_message_id: string | null;
  /** helpful / unhelpful. */
  rating: string | null;
  rated_at: number | null;
  learned_at: number | null;
  created_at: number;
}

/** Knowledge base (migration 0008). */
export interface KnowledgeCategoriesTable {
  id: string;
  account_id: string;
  parent_id: string | null;
  /** parent_id, or '' at the top. */
  parent_key: string;
  name: string;
  /** JSON object: the name in other languages. */
  translations: string;
  position: number;
  created_at: number;
  updated_at: number;
}

export interface KnowledgeEntriesTable {
  id: string;
  account_id: string;
  /** faq / article. */
  kind: string;
  category_id: string | null;
  created_by: string | null;
  created_at: number;
  updated_at: number;
  index_revision: number;
}

export interface KnowledgeVariantsTable {
  entry_id: string;
  account_id: string;
  locale: string;
  /** draft / published. */
  status: string;
  title: string;
  /** JSON array of strings. */
  similar_questions: string;
  body: string;
  body_html: string;
  body_text: string;
  version: number;
  updated_by: string | null;
  updated_at: number;
  published_at: number | null;
  created_at: number;
}

export interface KnowledgeVersionsTable {
  id: string;
  account_id: string;
  entry_id: string;
  locale: string;
  version: number;
  status: string;
  title: string;
  /** JSON array of strings. */
  similar_questions: string;
  body: string;
  saved_by: string | null;
  saved_at: number;
}

export interface KnowledgeSynonymsTable {
  id: string;
  account_id: string;
  /** JSON array of strings. */
  words: string;
  created_at: number;
  updated_at: number;
}

export interface KnowledgePicturesTable {
  id: string;
  account_id: string;
  file_name: string;
  content_type: string;
  size: number;
  data: Buffer;
  created_by: string | null;
  created_at: number;
}

export interface KnowledgeStateTable {
  account_id: string;
  revision: number;
  synonyms_revision: number;
  updated_at: number;
}

export interface KnowledgeDeletionsTable {
  entry_id: string;
  account_id: string;
  revision: number;
  deleted_at: number;
}
