import type { SensitiveWordAction, SensitiveWordView } from '@kefu/shared';
import type { SensitiveWordRow } from './sensitiveWordRepository.js';

export function presentSensitiveWord(row: SensitiveWordRow): SensitiveWordView {
  return {
    id: row.id,
    word: row.word,
    category: row.category,
    action: row.action as SensitiveWordAction | null,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}
