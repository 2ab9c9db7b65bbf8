import type { SensitiveMatch } from '@kefu/shared';
import type { AppContext } from '../context.js';
import type { CreatedMessage, NewMessage } from '../conversations/messageCreator.js';
import { newId } from '../db/ids.js';
import { AppError } from '../http/appError.js';
import { insertFlags } from './flagRepository.js';
import { matcherFor } from './matcherCache.js';

/**
 * Checks an agent's reply for sensitive words before it is stored. A word set to block refuses it; a word set
 * to warn refuses it unless the agent confirmed (`confirmSensitive`), and then the returned matches are
 * recorded as a flag once the message is stored. Customers' messages and private notes pass untouched here
 * (customers' are flagged by the indexer, off the send path).
 */
export async function outgoingMessageGuard(ctx: AppContext, input: NewMessage): Promise<SensitiveMatch[]> {
  if (input.sender.type !== 'user' || input.kind !== 'outgoing' || !input.content) return [];
  const matcher = await matcherFor(ctx, input.accountId);
  if (matcher.isEmpty) return [];
  const matches = matcher.find(input.content);
  if (matches.length === 0) return [];
  const blocked = matches.filter((m) => m.action === 'block');
  if (blocked.length > 0) {
    throw new AppError('SENSITIVE_WORD_BLOCKED', `The message contains blocked words: ${wordList(blocked)}`, {
      matches,
    });
  }
  if (!input.confirmSensitive) {
    throw new AppError('SENSITIVE_WORD_WARNING', `The message contains sensitive words: ${wordList(matches)}`, {
      matches,
    });
  }
  return matches;
}

function wordList(matches: SensitiveMatch[]): string {
  return [...new Set(matches.map((m) => m.word))].join(', ');
}

/** The agent sent past a warning: the flag says so, and supervisors hear of it. */
export async function confirmedWarningRecorder(
  ctx: AppContext,
  created: CreatedMessage,
  matches: SensitiveMatch[],
): Promise<void> {
  if (matches.length === 0 || created.duplicate) return;
  const now = ctx.clock.now();
  const [flag] = await insertFlags(ctx.db.kysely, [
    {
      id: newId(now),
      account_id: created.message.account_id,
      conversation_id: created.message.conversation_id,
      message_id: created.message.id,
      source: 'agent',
      matches: JSON.stringify(matches),
      created_at: now,
    },
  ]);
  if (flag) ctx.bus.publish({ type: 'message.flagged', accountId: flag.account_id, flag });
}
