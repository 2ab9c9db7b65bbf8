import type { ErrorCode, ErrorDetail } from '@kefu/shared';

/** `NETWORK_ERROR` is the console's own code for a request that never got an answer. */
export type ApiErrorCode = ErrorCode | 'NETWORK_ERROR';

export class ApiError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly details: ErrorDetail[] | Record<string, unknown>;

  constructor(status: number, code: ApiErrorCode, message: string, details: ErrorDetail[] | Record<string, unknown>) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** Per-field problems of a VALIDATION_FAILED answer. */
  get fieldIssues(): ErrorDetail[] {
    return Array.isArray(this.details) ? this.details : [];
  }
}

type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type QueryParams = Record<string, string | number | null | undefined>;

export interface RequestOptions {
  method?: HttpMethod;
  body?: unknown;
  query?: QueryParams;
  signal?: AbortSignal;
}

// Kept in memory only: the session cookie is httpOnly, so a script that steals this token still cannot reuse the session elsewhere.
let csrfToken: string | null = null;
let onUnauthenticated: () => void = () => {};

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** For requests that cannot go through `apiRequest` (multipart uploads with progress). */
export function getCsrfToken(): string | null {
  return csrfToken;
}

/** Called whenever the server says the session is gone, so the app can send the user to sign in. */
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

const codeByStatus: Record<number, ErrorCode> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'ROUTE_NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
};

function withQuery(path: string, query: QueryParams | undefined): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isErrorEnvelope(
  payload: unknown,
): payload is { error: { code: ErrorCode; message?: string; details?: unknown } } {
  if (typeof payload !== 'object' || payload === null || !('error' in payload)) return false;
  const { error } = payload as { error: unknown };
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string';
}

export function toApiError(status: number, payload: unknown): ApiError {
  if (isErrorEnvelope(payload)) {
    const { code, message, details } = payload.error;
    const safeDetails = typeof details === 'object' && details !== null ? (details as ApiError['details']) : [];
    return new ApiError(status, code, message ?? code, safeDetails);
  }
  const code = codeByStatus[status] ?? 'INTERNAL';
  return new ApiError(status, code, `HTTP ${status}`, []);
}

export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json' };
  let body: string | undefined;
  if (method !== 'GET') {
    // Every write carries a JSON body (an empty object when there is nothing to send) so the server never has to
    // accept a write with another content type.
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body ?? {});
    if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
  }
  return send<T>(withQuery(path, options.query), { method, headers, body, signal: options.signal });
}

/** Posts one file as the multipart field `file` (spreadsheet imports, pictures); answers as `apiRequest` does. */
export function apiUpload<T>(path: string, file: File): Promise<T> {
  const form = new FormData();
  form.append('file', file, file.name);
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
  return send<T>(path, { method: 'POST', headers, body: form });
}

async function send<T>(url: string, init: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, credentials: 'same-origin' });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'NETWORK_ERROR', cause instanceof Error ? cause.message : String(cause), []);
  }

  const payload = await readJson(response);
  if (!response.ok) {
    const error = toApiError(response.status, payload);
    if (error.code === 'UNAUTHENTICATED') onUnauthenticated();
    throw error;
  }
  return payload as T;
}
