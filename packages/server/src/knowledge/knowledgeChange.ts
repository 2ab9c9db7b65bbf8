import type { AppContext } from '../context.js';
import type { Executor } from '../db/transaction.js';
import { refreshKnowledgeIndex } from './knowledgeIndexCache.js';
import { bumpKnowledgeRevision } from './knowledgeStateRepository.js';

export interface ChangeScope {
  trx: Executor;
  /** The workspace's new knowledge revision: stamp changed entries with it. */
  revision: number;
  now: number;
}

/**
 * Every change to the knowledge base runs through here: one transaction that starts by taking the next
 * revision (which also orders concurrent changes of one workspace), then, after the commit, this node's
 * search index takes the change in before the caller answers. Other nodes see it within a second.
 */
export async function changeKnowledge<T>(
  ctx: AppContext,
  accountId: string,
  work: (scope: ChangeScope) => Promise<T>,
  options: { synonyms?: boolean } = {},
): Promise<T> {
  const now = ctx.clock.now();
  const result = await ctx.db.kysely.transaction().execute(async (trx) => {
    const revision = await bumpKnowledgeRevision(trx, accountId, now, options);
    return work({ trx, revision, now });
  });
  await refreshKnowledgeIndex(ctx, accountId);
  return result;
}
