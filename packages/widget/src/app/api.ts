import type { AttachmentView, BotRating, MessageView, WidgetSessionBody, WidgetSessionResponse } from './protocol';

/** An HTTP error from the API (`status` 0: the request did not reach the server). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The server's `error.details`: for validation errors, `[{ field: 'body.phone', issue }]`. */
    readonly details: unknown = null,
  ) {
    super(message);
  }
}

export interface LeaveMessageBody {
  name: string;
  phone?: string;
  email?: string;
  content: string;
}

export interface PrechatBody {
  name?: string;
  phone?: string;
  email?: string;
}

export interface WidgetApi {
  session(body: WidgetSessionBody): Promise<WidgetSessionResponse>;
  history(
    conversationId: string,
    beforeSeq: number | null,
    limit: number,
  ): Promise<{ items: MessageView[]; hasMore: boolean }>;
  upload(file: File): Promise<AttachmentView>;
  leaveMessage(body: LeaveMessageBody): Promise<void>;
  prechat(body: PrechatBody): Promise<void>;
  /** Downloads an attachment with the visitor's credentials. */
  download(url: string): Promise<Blob>;
  /** 有用 / 没用 on one of the bot's answers (a second call changes it). */
  rateBotAnswer(messageId: string, rating: BotRating): Promise<void>;
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** REST calls to the server the app was loaded from; after the session they carry `X-Kefu-Visitor`. */
export function createApi(baseUrl: string, token: () => string | null, fetchImpl: FetchLike): WidgetApi {
  async function call(method: string, path: string, body?: BodyInit | object): Promise<Response> {
    const url = new URL(path, baseUrl);
    const headers: Record<string, string> = { Accept: 'application/json' };
    const visitor = token();
    // The visitor token goes only to Kefu itself, never to another origin an attachment URL might name.
    if (visitor && url.origin === new URL(baseUrl).origin) headers['X-Kefu-Visitor'] = visitor;
    let payload: BodyInit | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    let response: Response;
    try {
      response = await fetchImpl(url.href, { method, headers, body: payload, credentials: 'omit' });
    } catch (error) {
      throw new ApiError(0, 'NETWORK', error instanceof Error ? error.message : 'network error');
    }
    if (!response.ok) {
      let code = 'HTTP_ERROR';
      let message = `HTTP ${response.status}`;
      let details: unknown = null;
      try {
        const data = (await response.json()) as { error?: { code?: string; message?: string; details?: unknown } };
        code = data.error?.code ?? code;
        message = data.error?.message ?? message;
        details = data.error?.details ?? null;
      } catch {}
      throw new ApiError(response.status, code, message, details);
    }
    return response;
  }
  const json = async <T>(method: string, path: string, body?: BodyInit | object) =>
    (await (await call(method, path, body)).json()) as T;

  return {
    session: (body) => json('POST', '/api/widget/session', body),
    history(conversationId, beforeSeq, limit) {
      const query = new URLSearchParams({ limit: String(limit) });
      if (beforeSeq !== null) query.set('beforeSeq', String(beforeSeq));
      return json('GET', `/api/widget/conversations/${encodeURIComponent(conversationId)}/messages?${query}`);
    },
    upload(file) {
      const form = new FormData();
      form.append('file', file, file.name);
      return json('POST', '/api/widget/attachments', form);
    },
    leaveMessage: async (body) => void (await call('POST', '/api/widget/leave-message', body)),
    prechat: async (body) => void (await call('POST', '/api/widget/prechat', body)),
    download: async (url) => (await call('GET', url)).blob(),
    rateBotAnswer: async (messageId, rating) =>
      void (await call('POST', '/api/widget/bot-ratings', { messageId, rating })),
  };
}
