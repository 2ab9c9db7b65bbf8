import type { BotPayload, MessageActivity, MessageKind, MessageView } from '@kefu/shared';
import { presentAttachment, type StoredAttachment } from '../attachments/attachmentPresenter.js';
import { isoTime } from './isoTime.js';
import type { MessageRow } from './messageRepository.js';

export function presentMessage(key: string, row: MessageRow): MessageView {
  const attachments = JSON.parse(row.attachments) as StoredAttachment[];
  return {
    id: row.id,
    conversationId: row.conversation_id,
    seq: row.seq,
    kind: row.kind as MessageKind,
    sender: {
      type: row.sender_type as MessageView['sender']['type'],
      id: row.sender_id,
      name: row.sender_name,
    },
    content: row.content,
    attachments: attachments.map((a) => presentAttachment(key, a)),
    clientId: row.client_id,
    activity: row.activity === null ? null : (JSON.parse(row.activity) as MessageActivity),
    payload: row.payload === null ? null : (JSON.parse(row.payload) as BotPayload),
    createdAt: isoTime(row.created_at),
  };
}

/** Activity params that name a record (`assigneeId`, `teamIds`): ids of agents and teams stay inside. */
const ID_PARAM = /Ids?$/;

/**
 * What the customer sees: agents' ids stay inside. Pass the agents' view of the row when there is one: a
 * customer's own message (no agent id, no activity) is then that very view, so it is serialised once for both.
 */
export function presentMessageForContact(key: string, row: MessageRow, agentsView?: MessageView): MessageView {
  const view = agentsView ?? presentMessage(key, row);
  if (view.sender.type === 'contact' && view.activity === null) return view;
  return {
    ...view,
    sender: { ...view.sender, id: view.sender.type === 'contact' ? view.sender.id : null },
    activity: view.activity && {
      code: view.activity.code,
      params: Object.fromEntries(Object.entries(view.activity.params).filter(([name]) => !ID_PARAM.test(name))),
    },
  };
}
