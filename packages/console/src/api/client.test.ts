import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiError, fakeApi } from '../test/fakeApi';
import { ApiError, apiRequest, setCsrfToken, setUnauthenticatedHandler } from './client';

afterEach(() => setUnauthenticatedHandler(() => {}));

describe('apiRequest', () => {
  it('sends the CSRF token on every write but not on reads', async () => {
    const api = fakeApi({
      'GET /api/users': { body: { items: [] } },
      'POST /api/users/u1/disable': { body: { id: 'u1' } },
      'PATCH /api/account': { body: {} },
      'DELETE /api/teams/t1': { body: { ok: true } },
    });
    setCsrfToken('token-123');

    await apiRequest('/api/users');
    await apiRequest('/api/users/u1/disable', { method: 'POST' });
    await apiRequest('/api/account', { method: 'PATCH', body: { name: 'x' } });
    await apiRequest('/api/teams/t1', { method: 'DELETE' });

    const [read, ...writes] = api.requests;
    expect(read?.headers.get('X-CSRF-Token')).toBeNull();
    expect(writes.map((request) => request.headers.get('X-CSRF-Token'))).toEqual([
      'token-123',
      'token-123',
      'token-123',
    ]);
    expect(writes.map((request) => request.headers.get('Content-Type'))).toEqual([
      'application/json',
      'application/json',
      'application/json',
    ]);
    expect(api.requests[2]?.body).toEqual({ name: 'x' });
  });

  it('sends cookies of the same origin only', async () => {
    fakeApi({ 'GET /api/account': { body: {} } });
    await apiRequest('/api/account');
    const fetchMock = vi.mocked(fetch);
    expect(fetchMock.mock.calls[0]?.[1]?.credentials).toBe('same-origin');
  });

  it('puts only the filled-in query parameters in the URL', async () => {
    const api = fakeApi({ 'GET /api/users': { body: { items: [] } } });
    await apiRequest('/api/users', { query: { q: 'lin', role: undefined, status: '' } });
    expect(api.requests[0]?.query.toString()).toBe('q=lin');
  });

  it('turns the error envelope into an ApiError with code, message and details', async () => {
    const details = [{ field: 'body.email', issue: 'must be an email address' }];
    fakeApi({ 'POST /api/users': apiError(400, 'VALIDATION_FAILED', details) });

    const error = await apiRequest('/api/users', { method: 'POST', body: {} }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
      message: 'VALIDATION_FAILED from server',
      details,
    });
    expect((error as ApiError).fieldIssues).toEqual(details);
  });

  it('derives a code from the status when the body is not the envelope', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('<html>Bad gateway</html>', { status: 429 })),
    );
    await expect(apiRequest('/api/account')).rejects.toMatchObject({ code: 'RATE_LIMITED', status: 429 });
  });

  it('reports a network failure as NETWORK_ERROR', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    await expect(apiRequest('/api/account')).rejects.toMatchObject({ code: 'NETWORK_ERROR', status: 0 });
  });

  it('tells the app when the session is gone, but not for a wrong password', async () => {
    const onUnauthenticated = vi.fn();
    setUnauthenticatedHandler(onUnauthenticated);
    fakeApi({
      'GET /api/teams': apiError(401, 'UNAUTHENTICATED'),
      'POST /api/auth/login': apiError(401, 'INVALID_CREDENTIALS'),
    });

    await expect(apiRequest('/api/auth/login', { method: 'POST', body: {} })).rejects.toBeInstanceOf(ApiError);
    expect(onUnauthenticated).not.toHaveBeenCalled();

    await expect(apiRequest('/api/teams')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(onUnauthenticated).toHaveBeenCalledTimes(1);
  });
});
