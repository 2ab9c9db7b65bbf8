import type { MessageFlagView, SensitiveMatch } from '@kefu/shared';
import type { MessageFlagRow } from './flagRepository.js';

export function presentFlag(row: MessageFlagRow): MessageFlagView {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    messageId: row.message_id,
    source: row.source as MessageFlagView['source'],
    matches: JSON.parse(row.matches) as SensitiveMatch[],
    createdAt: new Date(row.created_at).toISOString(),
  };
}
