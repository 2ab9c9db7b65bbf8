import type { AgentStatusView } from '@kefu/shared';
import { recordAudit } from '../audit/auditRecorder.js';
import type { AppContext } from '../context.js';
import type { Actor } from '../http/actor.js';
import { AppError, notFound } from '../http/appError.js';
import { drainQueues } from '../routing/queueDrainer.js';
import { findUser } from '../users/userRepository.js';
import { ensureAgentState, findAgentState, setChatLimit } from './agentStateRepository.js';
import { loadAgentStatuses, publishAgentStatuses } from './agentStatusPublisher.js';

/** An admin sets how many chats an agent takes at once; a higher limit lets the queue move at once. */
export async function chatLimitChanger(
  ctx: AppContext,
  actor: Actor,
  userId: string,
  chatLimit: number,
): Promise<AgentStatusView> {
  const db = ctx.db.kysely;
  const now = ctx.clock.now();
  const from = await db.transaction().execute(async (trx) => {
    const user = await findUser(trx, actor.accountId, userId);
    if (!user) throw notFound('User');
    if (user.role === 'department') {
      throw new AppError('VALIDATION_FAILED', 'Department members take no chats', [
        { field: 'params.id', issue: 'is a department member' },
      ]);
    }
    await ensureAgentState(trx, actor.accountId, userId, now);
    const before = (await findAgentState(trx, actor.accountId, userId))!.chat_limit;
    if (before === chatLimit) return before;
    await setChatLimit(trx, userId, chatLimit, now);
    await recordAudit(
      trx,
      actor,
      {
        action: 'user.chat_limit_changed',
        target: { type: 'user', id: userId },
        details: { from: before, to: chatLimit },
      },
      now,
    );
    return before;
  });
  if (from !== chatLimit) {
    await publishAgentStatuses(ctx, actor.accountId, [userId]);
    if (chatLimit > from) await drainQueues(ctx, actor.accountId);
  }
  const [view] = await loadAgentStatuses(ctx, actor.accountId, [userId]);
  const { role: _role, ...agent } = view!;
  return agent;
}
