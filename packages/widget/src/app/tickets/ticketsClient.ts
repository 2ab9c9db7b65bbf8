import type { WidgetCreateTicketBody, WidgetTicketView } from '@kefu/shared';
import { ApiError, type FetchLike } from '../api';
import type { AttachmentView } from '../protocol';

/** A ticket type the customer may submit, with the fields they fill (see GET /api/widget/ticket-types). */
export interface WidgetTicketField {
  key: string;
  label: string;
  kind: 'text' | 'number' | 'date' | 'datetime' | 'select' | 'cascade' | 'phone' | 'attachment';
  required?: boolean;
  helpText?: string;
  multiline?: boolean;
  maxLength?: number;
  min?: number;
  max?: number;
  decimals?: number;
  notInFuture?: boolean;
  options?: { value: string; label: string }[];
  multiple?: boolean;
  cascadeOptions?: { value: string; label: string; parent: string | null }[];
  maxFiles?: number;
}

export interface WidgetTicketType {
  id: string;
  name: string;
  description: string;
  fields: WidgetTicketField[];
}

export interface TicketsClient {
  types(): Promise<WidgetTicketType[]>;
  list(): Promise<WidgetTicketView[]>;
  create(body: WidgetCreateTicketBody): Promise<WidgetTicketView>;
  decide(
    id: string,
    body: { resolutionId: string; decision: 'accept' | 'reject'; note?: string },
  ): Promise<WidgetTicketView>;
  upload(file: File): Promise<AttachmentView>;
  /** A reply's file (a capability URL), fetched so the visitor can save it. */
  download(url: string): Promise<Blob>;
}

/** The customer's ticket requests, with the visitor token the chat session holds. */
export function createTicketsClient(baseUrl: string, token: () => string | null, fetchImpl: FetchLike): TicketsClient {
  async function call<T>(method: 'GET' | 'POST', path: string, body?: object): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    const visitor = token();
    if (visitor) headers['X-Kefu-Visitor'] = visitor;
    let payload: BodyInit | undefined;
    if (body instanceof FormData) payload = body;
    else if (body) {
      headers['Content-Type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    let response: Response;
    try {
      response = await fetchImpl(new URL(path, baseUrl).href, { method, headers, body: payload, credentials: 'omit' });
    } catch (error) {
      throw new ApiError(0, 'NETWORK', error instanceof Error ? error.message : 'network error');
    }
    const data = (await response.json().catch(() => null)) as
      | (T & { error?: { code?: string; message?: string; details?: unknown } })
      | null;
    if (!response.ok) {
      const error = data?.error;
      throw new ApiError(
        response.status,
        error?.code ?? 'HTTP_ERROR',
        error?.message ?? `HTTP ${response.status}`,
        error?.details ?? null,
      );
    }
    return data as T;
  }
  return {
    types: async () => (await call<{ items: WidgetTicketType[] }>('GET', '/api/widget/ticket-types')).items,
    list: async () => (await call<{ items: WidgetTicketView[] }>('GET', '/api/widget/tickets')).items,
    create: (body) => call('POST', '/api/widget/tickets', body),
    decide: (id, body) => call('POST', `/api/widget/tickets/${encodeURIComponent(id)}/decision`, body),
    upload(file) {
      const form = new FormData();
      form.append('file', file, file.name);
      return call('POST', '/api/widget/attachments', form);
    },
    async download(url) {
      let response: Response;
      try {
        response = await fetchImpl(new URL(url, baseUrl).href, { method: 'GET', credentials: 'omit' });
      } catch (error) {
        throw new ApiError(0, 'NETWORK', error instanceof Error ? error.message : 'network error');
      }
      if (!response.ok) throw new ApiError(response.status, 'HTTP_ERROR', `HTTP ${response.status}`);
      return response.blob();
    },
  };
}
