import type { RoutingSettings } from '@kefu/shared';
import type { AppContext } from '../context.js';
import { lockConversation, updateConversation } from '../conversations/conversationRepository.js';
import { publishAgentStatuses } from '../presence/agentStatusPublisher.js';
import { type Choice, chooseAgent, type RoutePlan } from './decision.js';
import { drainQueues } from './queueDrainer.js';
import {
  assignedActivity,
  autoTransferredActivity,
  publishMessages,
  storeActivity,
  transferredActivity,
} from './routingActivities.js';
import { AlreadyHandled } from './routingApplier.js';
import { listUnanswered, loadSnapshot, nameOfTeam, nameOfUser } from './routingRepository.js';
import { routingSettingsOf } from './routingSettings.js';
import { moveSeat, SeatUnavailable } from './seatLedger.js';

/** The shortest auto-transfer time settings allow; rows younger than it are never looked at. */
const MIN_TRANSFER_MS = 15_000;
const BATCH = 200;

/**
 * Auto-transfer: a conversation whose assignee has not answered within the inbox's `autoTransferSeconds` of taking
 * it, while the customer waits, goes to the next agent the plan finds (never the same one again). If nobody else
 * can take it now it stays where it is: a transfer into a queue would make the customer wait longer. Returns how
 * many it transferred.
 */
export async function sweepUnanswered(ctx: AppContext): Promise<number> {
  const db = ctx.db.kysely;
  const now = ctx.clock.now();
  let transferred = 0;
  for (const row of await listUnanswered(db, now - MIN_TRANSFER_MS, BATCH)) {
    const settings = await routingSettingsOf(db, row.account_id, row.inbox_id);
    if (!settings?.enabled || settings.autoTransferSeconds === null || row.assignee_id === null) continue;
    if (now - row.assigned_at! < settings.autoTransferSeconds * 1000) continue;
    const stored = JSON.parse(row.plan) as RoutePlan;
    const plan: RoutePlan = { ...stored, excluded: [...new Set([...stored.excluded, row.assignee_id])] };
    const choice = chooseAgent(plan, await loadSnapshot(db, row.account_id), settings, now, null);
    if (choice.kind === 'wait') continue;
    try {
      await transferUnanswered(
        ctx,
        { ...row, assignee_id: row.assignee_id, assigned_at: row.assigned_at! },
        plan,
        settings,
        choice,
      );
      transferred += 1;
    } catch (error) {
      if (!(error instanceof AlreadyHandled) && !(error instanceof SeatUnavailable)) throw error;
    }
  }
  return transferred;
}

async function transferUnanswered(
  ctx: AppContext,
  row: { conversation_id: string; account_id: string; assignee_id: string; assigned_at: number },
  plan: RoutePlan,
  settings: RoutingSettings,
  choice: Extract<Choice, { kind: 'agent' }>,
): Promise<void> {
  const now = ctx.clock.now();
  const { account_id: accountId, conversation_id: conversationId, assignee_id: fromId } = row;
  const seconds = settings.autoTransferSeconds!;
  const messages = await ctx.db.kysely.transaction().execute(async (trx) => {
    const conversation = await lockConversation(trx, accountId, conversationId);
    if (!conversation || conversation.assignee_id !== fromId || conversation.status !== 'open')
      throw new AlreadyHandled();
    // Still the same unanswered assignment: another node's sweep has not acted on it.
    const guarded = await trx
      .updateTable('conversation_routing')
      .set({
        assignee_id: choice.agentId,
        rule: choice.rule,
        plan: JSON.stringify(plan),
        assigned_at: now,
        answered_at: null,
        updated_at: now,
      })
      .where('conversation_id', '=', conversationId)
      .where('state', '=', 'assigned')
      .where('assigned_at', '=', row.assigned_at)
      .where('answered_at', 'is', null)
      .executeTakeFirst();
    if (Number(guarded.numUpdatedRows) === 0) throw new AlreadyHandled();
    const teamId = choice.teamId ?? conversation.team_id;
    await updateConversation(trx, accountId, conversationId, {
      assignee_id: choice.agentId,
      team_id: teamId,
      updated_at: now,
    });
    await trx
      .updateTable('conversation_routing')
      .set({ team_id: teamId })
      .where('conversation_id', '=', conversationId)
      .execute();
    await moveSeat(
      trx,
      accountId,
      { assigneeId: fromId, teamId: conversation.team_id, status: conversation.status },
      { assigneeId: choice.agentId, teamId, status: conversation.status },
      now,
      'route',
    );
    const [fromName, toName, teamName] = await Promise.all([
      nameOfUser(trx, fromId),
      nameOfUser(trx, choice.agentId),
      nameOfTeam(trx, teamId),
    ]);
    const load = await trx
      .selectFrom('agent_states')
      .select(['active_chats', 'chat_limit'])
      .where('user_id', '=', choice.agentId)
      .executeTakeFirst();
    return [
      await storeActivity(trx, now, accountId, conversationId, autoTransferredActivity(fromId, fromName, seconds)),
      await storeActivity(
        trx,
        now,
        accountId,
        conversationId,
        assignedActivity({
          rule: choice.rule,
          strategy: settings.strategy,
          agentId: choice.agentId,
          agentName: toName,
          teamId,
          teamName,
          teamRule: choice.teamRule,
          load: load ? { activeChats: load.active_chats, chatLimit: load.chat_limit } : null,
          waitedSeconds: null,
        }),
      ),
      await storeActivity(trx, now, accountId, conversationId, transferredActivity(null, { agentName: toName })),
    ];
  });
  publishMessages(ctx, accountId, messages);
  await publishAgentStatuses(ctx, accountId, [fromId, choice.agentId]);
  await drainQueues(ctx, accountId);
}
