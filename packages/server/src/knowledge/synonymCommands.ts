import { KNOWLEDGE_LIMITS, type SynonymGroupBody, type SynonymGroupView } from '@kefu/shared';
import { recordAudit } from '../audit/auditRecorder.js';
import type { AppContext } from '../context.js';
import { newId } from '../db/ids.js';
import type { Actor } from '../http/actor.js';
import { AppError, conflict, notFound } from '../http/appError.js';
import { compactForMatching } from '../text/normalize.js';
import { type ChangeScope, changeKnowledge } from './knowledgeChange.js';
import { presentSynonymGroup } from './knowledgePresenter.js';
import {
  countSynonymGroups,
  deleteSynonymGroup,
  findSynonymGroup,
  insertSynonymGroup,
  type SynonymGroupRow,
  updateSynonymGroup,
} from './synonymRepository.js';

/** The words as written, without repeats (退貨 and 退货 are one word to search). */
function distinctWords(words: string[]): string[] {
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const word of words) {
    const key = compactForMatching(word);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    kept.push(word.trim());
  }
  if (kept.length < 2) {
    throw new AppError('VALIDATION_FAILED', 'A synonym group needs at least two different words', [
      { field: 'body.words', issue: 'needs at least two different words (after folding width, script and case)' },
    ]);
  }
  return kept;
}

const synonymChange = <T>(ctx: AppContext, actor: Actor, work: (scope: ChangeScope) => Promise<T>) =>
  changeKnowledge(ctx, actor.accountId, work, { synonyms: true });

export async function synonymGroupCreator(
  ctx: AppContext,
  actor: Actor,
  body: SynonymGroupBody,
): Promise<SynonymGroupView> {
  const words = distinctWords(body.words);
  return synonymChange(ctx, actor, async ({ trx, now }) => {
    if ((await countSynonymGroups(trx, actor.accountId)) >= KNOWLEDGE_LIMITS.synonymGroupsMax) {
      throw conflict(`A workspace may hold at most ${KNOWLEDGE_LIMITS.synonymGroupsMax} synonym groups`);
    }
    const row: SynonymGroupRow = {
      id: newId(now),
      account_id: actor.accountId,
      words: JSON.stringify(words),
      created_at: now,
      updated_at: now,
    };
    await insertSynonymGroup(trx, row);
    await recordAudit(
      trx,
      actor,
      { action: 'knowledge_synonym.created', target: { type: 'knowledge_synonym', id: row.id }, details: { words } },
      now,
    );
    return presentSynonymGroup(row);
  });
}

export async function synonymGroupUpdater(
  ctx: AppContext,
  actor: Actor,
  id: string,
  body: SynonymGroupBody,
): Promise<SynonymGroupView> {
  const words = distinctWords(body.words);
  return synonymChange(ctx, actor, async ({ trx, now }) => {
    const current = await findSynonymGroup(trx, actor.accountId, id);
    if (!current) throw notFound('Synonym group');
    await updateSynonymGroup(trx, actor.accountId, id, JSON.stringify(words), now);
    await recordAudit(
      trx,
      actor,
      {
        action: 'knowledge_synonym.updated',
        target: { type: 'knowledge_synonym', id },
        details: { from: JSON.parse(current.words), to: words },
      },
      now,
    );
    return presentSynonymGroup({ ...current, words: JSON.stringify(words), updated_at: now });
  });
}

export async function synonymGroupDeleter(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  await synonymChange(ctx, actor, async ({ trx, now }) => {
    const current = await findSynonymGroup(trx, actor.accountId, id);
    if (!current) throw notFound('Synonym group');
    await deleteSynonymGroup(trx, actor.accountId, id);
    await recordAudit(
      trx,
      actor,
      {
        action: 'knowledge_synonym.deleted',
        target: { type: 'knowledge_synonym', id },
        details: { words: JSON.parse(current.words) },
      },
      now,
    );
  });
}
