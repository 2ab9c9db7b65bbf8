/** A minimal HTTP client for the Kefu API that signs in like the console does: session cookie plus CSRF header. */
export interface ApiSession {
  cookie: string;
  csrfToken: string;
  user: { id: string; email: string; name: string; role: string; locale: string };
  account: { id: string; name: string };
}

export interface ApiAnswer<T = unknown> {
  status: number;
  body: T;
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return text;
  }
}

export async function login(
  baseUrl: string,
  email: string,
  password: string,
): Promise<ApiAnswer & { session?: ApiSession }> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const body = await readBody(response);
  if (response.status !== 200) return { status: response.status, body };
  const setCookie = response.headers.getSetCookie().find((c) => c.startsWith('kefu_session='));
  if (!setCookie) throw new Error('login answered 200 without a kefu_session cookie');
  const data = body as Omit<ApiSession, 'cookie'>;
  return {
    status: 200,
    body,
    session: { cookie: setCookie.split(';')[0]!, csrfToken: data.csrfToken, user: data.user, account: data.account },
  };
}

/** Signs in and fails with the server's answer if that did not work. */
export async function mustLogin(baseUrl: string, email: string, password: string): Promise<ApiSession> {
  const answer = await login(baseUrl, email, password);
  if (!answer.session) throw new Error(`login as ${email} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.session;
}

export async function api<T = unknown>(
  baseUrl: string,
  session: ApiSession | null,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<ApiAnswer<T>> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (session) headers.Cookie = session.cookie;
  if (method !== 'GET') {
    headers['Content-Type'] = 'application/json';
    if (session) headers['X-CSRF-Token'] = session.csrfToken;
  }
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    body: method === 'GET' ? undefined : JSON.stringify(body ?? {}),
  });
  return { status: response.status, body: (await readBody(response)) as T };
}
