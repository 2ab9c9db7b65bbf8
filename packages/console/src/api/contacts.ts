import type { ContactListResponse } from '@kefu/shared';
import { apiRequest } from './client';

/**
 * Customers by part of the name, the whole phone number or its last 4+ digits, or the email address; masked.
 * Callers who never chatted are found too (a contact from an earlier ticket or call).
 */
export function searchContacts(q: string, signal?: AbortSignal): Promise<ContactListResponse> {
  return apiRequest('/api/contacts', { query: { q, limit: 20 }, signal });
}
