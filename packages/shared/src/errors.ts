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
