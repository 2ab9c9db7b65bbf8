import { z } from 'zod';
import { idSchema, pageQuery } from './common.js';

export const MODERATION_LIMITS = {
  wordMaxLength: 50,
  categoryMaxLength: 30,
  /** Characters in one pasted import (about 10,000 short lines). */
  importMaxChars: 200_000,
  /** Words one workspace may keep. */
  wordsPerWorkspace: 20_000,
} as const;

/** What happens to an agent's outgoing message that contains the word. */
export const SENSITIVE_WORD_ACTIONS = ['block', 'warn'] as const;
export const sensitiveWordAction = z.enum(SENSITIVE_WORD_ACTIONS);
export type SensitiveWordAction = z.infer<typeof sensitiveWordAction>;

export const sensitiveWordText = z.string().trim().min(1).max(MODERATION_LIMITS.wordMaxLength);
const category = z.string().trim().max(MODERATION_LIMITS.categoryMaxLength);

export const sensitiveWordView = z.object({
  id: z.string(),
  word: z.string(),
  category: z.string(),
  /** null: the workspace's default action applies. */
  action: sensitiveWordAction.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SensitiveWordView = z.infer<typeof sensitiveWordView>;

export const sensitiveWordListQuery = pageQuery.extend({
  /** Part of the word or its category. */
  q: z.string().trim().max(MODERATION_LIMITS.wordMaxLength).optional(),
});

export const sensitiveWordListResponse = z.object({
  items: z.array(sensitiveWordView),
  nextCursor: z.string().nullable(),
  total: z.number().int(),
});

export const createSensitiveWordBody = z.object({
  word: sensitiveWordText,
  category: category.default(''),
  action: sensitiveWordAction.nullable().default(null),
});
export type CreateSensitiveWordBody = z.infer<typeof createSensitiveWordBody>;

export const updateSensitiveWordBody = z
  .object({ word: sensitiveWordText, category, action: sensitiveWordAction.nullable() })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to change' });
export type UpdateSensitiveWordBody = z.infer<typeof updateSensitiveWordBody>;

/**
 * A pasted list, one word per line: `词`, `词,分类` or `词,分类,block|warn` (comma, full-width comma or tab).
 * `category` and `action` apply to lines that do not name their own.
 */
export const importSensitiveWordsBody = z.object({
  text: z.string().max(MODERATION_LIMITS.importMaxChars),
  category: category.default(''),
  action: sensitiveWordAction.nullable().default(null),
});
export type ImportSensitiveWordsBody = z.infer<typeof importSensitiveWordsBody>;

export const importSensitiveWordsResponse = z.object({
  added: z.number().int(),
  /** Lines whose word is already in the list (or earlier in the paste). */
  duplicates: z.number().int(),
});

export const moderationSettingsView = z.object({ defaultAction: sensitiveWordAction });
export type ModerationSettingsView = z.infer<typeof moderationSettingsView>;
export const updateModerationSettingsBody = moderationSettingsView;

/** One sensitive word found in a message; offsets are UTF-16 positions in the message as written. */
export const sensitiveMatch = z.object({
  word: z.string(),
  category: z.string(),
  action: sensitiveWordAction,
  start: z.number().int(),
  end: z.number().int(),
});
export type SensitiveMatch = z.infer<typeof sensitiveMatch>;

/** `details` of the SENSITIVE_WORD_BLOCKED and SENSITIVE_WORD_WARNING errors. */
export const sensitiveWordErrorDetails = z.object({ matches: z.array(sensitiveMatch) });
export type SensitiveWordErrorDetails = z.infer<typeof sensitiveWordErrorDetails>;

export const MESSAGE_FLAG_SOURCES = ['customer', 'agent'] as const;

export const messageFlagView = z.object({
  id: z.string(),
  conversationId: z.string(),
  messageId: z.string(),
  /** `customer`: a customer wrote it; `agent`: an agent sent it past a warning. */
  source: z.enum(MESSAGE_FLAG_SOURCES),
  matches: z.array(sensitiveMatch),
  createdAt: z.string(),
});
export type MessageFlagView = z.infer<typeof messageFlagView>;

export const messageFlagListQuery = pageQuery.extend({ conversationId: idSchema.optional() });
export const messageFlagListResponse = z.object({
  items: z.array(messageFlagView),
  nextCursor: z.string().nullable(),
});

export const moderationCheckBody = z.object({ text: z.string().max(MODERATION_LIMITS.importMaxChars) });
export const moderationCheckResponse = z.object({ matches: z.array(sensitiveMatch) });
