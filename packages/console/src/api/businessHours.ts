import type {
  BusinessHoursPreview,
  BusinessHoursView,
  CreateBusinessHoursBody,
  UpdateBusinessHoursBody,
} from '@kefu/shared';
import { apiRequest } from './client';

export const businessHoursKey = ['business-hours'] as const;

/** What the preview route takes: a calendar that may not be saved yet, and the instant to look from. */
export type BusinessHoursPreviewRequest = Omit<CreateBusinessHoursBody, 'name'> & { at?: string };

export function listBusinessHours(): Promise<{ items: BusinessHoursView[] }> {
  return apiRequest('/api/business-hours');
}

export function createBusinessHours(body: CreateBusinessHoursBody): Promise<BusinessHoursView> {
  return apiRequest('/api/business-hours', { method: 'POST', body });
}

export function updateBusinessHours(id: string, body: UpdateBusinessHoursBody): Promise<BusinessHoursView> {
  return apiRequest(`/api/business-hours/${encodeURIComponent(id)}`, { method: 'PATCH', body });
}

export function deleteBusinessHours(id: string): Promise<{ ok: true }> {
  return apiRequest(`/api/business-hours/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

export function previewBusinessHours(body: BusinessHoursPreviewRequest): Promise<BusinessHoursPreview> {
  return apiRequest('/api/business-hours/preview', { method: 'POST', body });
}
