import type { LabelView } from '@kefu/shared';
import type { LabelRow } from './labelRepository.js';

export function presentLabel(row: LabelRow): LabelView {
  return {
    id: row.id,
    name: row.name,
    color: row.color,
    description: row.description,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}
