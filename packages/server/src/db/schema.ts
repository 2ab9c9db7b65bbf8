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
