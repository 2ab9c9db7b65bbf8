import type { CreateLabelBody, LabelView, UpdateLabelBody } from '@kefu/shared';
import { apiRequest } from './client';

export const labelsKey = ['labels'] as const;

export interface LabelChange {
  label: LabelView | null;
  conversationsUpdated: number;
}

export function listLabels(): Promise<{ items: LabelView[] }> {
  return apiRequest('/api/labels');
}

export function createLabel(body: Partial<CreateLabelBody> & { name: string }): Promise<LabelView> {
  return apiRequest('/api/labels', { method: 'POST', body });
}

export function updateLabel(id: string, body: UpdateLabelBody): Promise<LabelChange> {
  return apiRequest(`/api/labels/${encodeURIComponent(id)}`, { method: 'PATCH', body });
}

export function deleteLabel(id: string): Promise<LabelChange> {
  return apiRequest(`/api/labels/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
