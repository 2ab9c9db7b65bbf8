import type { Role } from '@kefu/shared';

/** The authenticated caller of a request. */
export interface Actor {
  userId: string;
  accountId: string;
  role: Role;
  name: string;
  email: string;
  locale: string;
  via: 'session' | 'api_token';
  /** Set when authenticated by a session cookie. */
  session?: { id: string; csrfToken: string };
  ip: string;
}
