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
}
