import type { AppContext } from '../context.js';

/**
 * The bot replies after the customer's message is acknowledged, so a slow model answer never holds the
 * customer's own message in "sending". Turns of one conversation run one after another, in arrival order, on
 * the node that received them; the conversation row lock keeps nodes from stepping on each other.
 */
const queues = new WeakMap<AppContext, Map<string, Promise<void>>>();

export function queueBotTurn(ctx: AppContext, conversationId: string, turn: () => Promise<void>): void {
  let chains = queues.get(ctx);
  if (!chains) {
    chains = new Map();
    queues.set(ctx, chains);
  }
  const map = chains;
  const next: Promise<void> = (map.get(conversationId) ?? Promise.resolve())
    .then(turn)
    .catch((error: unknown) => ctx.log.error({ err: error, conversationId }, 'the bot could not reply'))
    .finally(() => {
      if (map.get(conversationId) === next) map.delete(conversationId);
    });
  map.set(conversationId, next);
}

/** Resolves when every queued turn has run (shutdown waits for it; tests too). */
export async function botTurnsSettled(ctx: AppContext): Promise<void> {
  const chains = queues.get(ctx);
  while (chains && chains.size > 0) await Promise.all([...chains.values()]);
}
