import type { Executor } from '../db/transaction.js';
import { AppError } from '../http/appError.js';
import { existingLabelNames } from './labelRepository.js';

/**
 * The labels a conversation may carry are the workspace's managed labels. Returns the list without
 * duplicates, in the order given; names the unknown ones otherwise.
 */
export async function validConversationLabels(db: Executor, accountId: string, names: string[]): Promise<string[]> {
  const unique = [...new Set(names)];
  const known = await existingLabelNames(db, accountId, unique);
  const unknown = unique.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new AppError(
      'VALIDATION_FAILED',
      'Some labels are not labels of this workspace',
      unknown.map((name) => ({ field: 'body.labels', issue: `unknown label ${name}` })),
    );
  }
  return unique;
}
