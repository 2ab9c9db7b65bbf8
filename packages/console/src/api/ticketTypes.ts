import type {
  CreateTicketCategoryBody,
  CreateTicketTypeInput,
  TicketCategoryView,
  TicketTypeView,
  UpdateTicketCategoryBody,
  UpdateTicketTypeBody,
} from '@kefu/shared';
import { apiRequest } from './client';

export const ticketTypesKey = ['ticket-types'] as const;
export const ticketCategoriesKey = ['ticket-categories'] as const;

const typePath = (id: string) => `/api/ticket-types/${encodeURIComponent(id)}`;
const categoryPath = (id: string) => `/api/ticket-categories/${encodeURIComponent(id)}`;

export function listTicketTypes(signal?: AbortSignal): Promise<{ items: TicketTypeView[] }> {
  return apiRequest('/api/ticket-types', { signal });
}

export function createTicketType(body: CreateTicketTypeInput): Promise<TicketTypeView> {
  return apiRequest('/api/ticket-types', { method: 'POST', body });
}

export function updateTicketType(id: string, body: UpdateTicketTypeBody): Promise<TicketTypeView> {
  return apiRequest(typePath(id), { method: 'PATCH', body });
}

export function deleteTicketType(id: string): Promise<{ ok: true }> {
  return apiRequest(typePath(id), { method: 'DELETE' });
}

export function listTicketCategories(signal?: AbortSignal): Promise<{ items: TicketCategoryView[] }> {
  return apiRequest('/api/ticket-categories', { signal });
}

export function createTicketCategory(
  body: Partial<CreateTicketCategoryBody> & { name: string },
): Promise<TicketCategoryView> {
  return apiRequest('/api/ticket-categories', { method: 'POST', body });
}

export function updateTicketCategory(id: string, body: UpdateTicketCategoryBody): Promise<TicketCategoryView> {
  return apiRequest(categoryPath(id), { method: 'PATCH', body });
}

export function deleteTicketCategory(id: string): Promise<{ ok: true }> {
  return apiRequest(categoryPath(id), { method: 'DELETE' });
}
