import { ROUTING_LIMITS, type SupervisionBoard } from '@kefu/shared';
import { findAccount } from '../accounts/accountRepository.js';
import type { AppContext } from '../context.js';
import { loadAgentStatuses } from '../presence/agentStatusPublisher.js';
import { queueEntries } from '../routing/queueNotifier.js';
import { countPool, serviceLevelSince } from '../routing/routingRepository.js';

const DAY_MS = 86_400_000;

/** Midnight of `now`'s day in the time zone (the offset at `now`; a change of offset during the day is ignored). */
export function startOfDay(now: number, timeZone: string): number {
  let zone = timeZone;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    zone = 'UTC';
  }
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
      .formatToParts(Math.floor(now / 1000) * 1000)
      .filter((p) => p.type !== 'literal')
      .map((p) => [p.type, Number(p.value)]),
  ) as Record<string, number>;
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  const offset = wall - Math.floor(now / 1000) * 1000;
  return Math.floor((now + offset) / DAY_MS) * DAY_MS - offset;
}

/**
 * The supervisor's live board: every agent's presence and chats in progress against their limit; per team its
 * load, who is online, its queue and the longest wait; the general queue and the pool; and today's service level,
 * the share of chats whose first reply by a person came within 30 s of reaching an agent (30秒应答率).
 */
export async function boardReader(ctx: AppContext, accountId: string): Promise<SupervisionBoard> {
  const db = ctx.db.kysely;
  const now = ctx.clock.now();
  const account = await findAccount(db, accountId);
  const since = startOfDay(now, account?.timezone ?? 'UTC');
  const threshold = ROUTING_LIMITS.serviceLevelSeconds;
  const [agents, teams, queues, pool, level] = await Promise.all([
    loadAgentStatuses(ctx, accountId),
    db
      .selectFrom('teams')
      .select(['id', 'name', 'chat_limit', 'active_chats'])
      .where('account_id', '=', accountId)
      .where('kind', '=', 'skill')
      .orderBy('name')
      .execute(),
    queueEntries(db, accountId, now),
    countPool(db, accountId),
    serviceLevelSince(db, accountId, since, threshold * 1000),
  ]);
  const queueOf = (teamId: string | null) => queues.stats.find((q) => q.teamId === teamId);
  return {
    agents,
    teams: teams.map((t) => {
      const queue = queueOf(t.id);
      return {
        id: t.id,
        name: t.name,
        chatLimit: t.chat_limit,
        activeChats: t.active_chats,
        onlineAgents: agents.filter((a) => a.presence === 'online' && a.teamIds.includes(t.id)).length,
        queueLength: queue?.length ?? 0,
        longestWaitSince: queue?.longestWaitSince ?? null,
      };
    }),
    generalQueue: queueOf(null) ?? { teamId: null, length: 0, longestWaitSince: null },
    poolLength: Number(pool.n),
    serviceLevel: {
      since: new Date(since).toISOString(),
      thresholdSeconds: threshold,
      answered: level.answered,
      withinThreshold: level.within,
      rate: level.answered === 0 ? null : level.within / level.answered,
    },
    generatedAt: new Date(now).toISOString(),
  };
}
