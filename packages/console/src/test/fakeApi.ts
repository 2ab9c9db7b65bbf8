import { vi } from 'vitest';

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Headers;
  body: unknown;
}

export interface FakeResponse {
  status?: number;
  body?: unknown;
}

type Handler = FakeResponse | ((request: RecordedRequest) => FakeResponse);

/**
 * Replaces fetch with a table of canned answers keyed by "METHOD /path" and records every request.
 * Unknown routes answer like the server does: 404 ROUTE_NOT_FOUND.
 */
export function fakeApi(handlers: Record<string, Handler>) {
  const requests: RecordedRequest[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://console.test');
    const request: RecordedRequest = {
      method: init.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: new Headers(init.headers),
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    requests.push(request);
    const handler = handlers[`${request.method} ${request.path}`];
    const answer = typeof handler === 'function' ? handler(request) : handler;
    const { status, body } = answer ?? {
      status: 404,
      body: { error: { code: 'ROUTE_NOT_FOUND', message: 'no such route', details: [] } },
    };
    return new Response(body === undefined ? null : JSON.stringify(body), {
      status: status ?? 200,
      headers: { 'Content-Type': 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  return {
    requests,
    /** Requests for one route, e.g. `find('POST /api/users')`. */
    find: (route: string) => requests.filter((request) => `${request.method} ${request.path}` === route),
  };
}

export function apiError(status: number, code: string, details: unknown = []): FakeResponse {
  return { status, body: { error: { code, message: `${code} from server`, details } } };
}
