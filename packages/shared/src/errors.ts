/**
 * Stable error codes returned by the API as `{ error: { code, message, details } }`.
 * Clients branch on `code`; `message` is for people and may change.
 */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'MALFORMED_JSON',
  'UNSUPPORTED_MEDIA_TYPE',
  'PAYLOAD_TOO_LARGE',
  'UNAUTHENTICATED',
  'INVALID_CREDENTIALS',
  'ACCOUNT_LOCKED',
  'USER_DISABLED',
  'CSRF_FAILED',
  'FORBIDDEN',
  'NOT_FOUND',
  'ROUTE_NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'CONFLICT',
  'EMAIL_TAKEN',
  'LAST_ADMIN',
  'INVITE_INVALID',
  'RATE_LIMITED',
  'NOT_SUPPORTED_ON_DATABASE',
  'SERVICE_UNAVAILABLE',
  'INTERNAL',
  /** An agent's message contains a sensitive word set to block; details.matches names them. */
  'SENSITIVE_WORD_BLOCKED',
  /** An agent's message contains a sensitive word set to warn; send again with confirmSensitive to send it. */
  'SENSITIVE_WORD_WARNING',
  /** The ticket's workflow has no such transition from its current state, or the state does not take this event. */
  'INVALID_TRANSITION',
  /** The transition exists but its conditions are unmet; details.blockers says which. */
  'TRANSITION_BLOCKED',
  /** Fields the transition needs are empty; details names them. */
  'REQUIRED_FIELDS_MISSING',
  /** This approver may not decide: they proposed the resolution or already approved it. */
  'APPROVER_NOT_ELIGIBLE',
  /** A public reply needs a channel to the customer (a linked live-chat conversation). */
  'NO_REPLY_CHANNEL',
  /** A business-hours calendar still named by inboxes or SLA policies; details.inboxes and details.slaPolicies. */
  'CALENDAR_IN_USE',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorDetail {
  /** Dotted path of the offending field, e.g. `body.email`. */
  field?: string;
  issue: string;
}

export interface ApiErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    details: ErrorDetail[] | Record<string, unknown>;
  };
}
