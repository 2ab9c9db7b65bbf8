import { z } from 'zod';
import { LIMITS } from '../limits.js';
import { localeSchema } from './auth.js';
import { idSchema } from './common.js';
import { SPREADSHEET_FORMATS } from './quickReplies.js';

/**
 * The knowledge base (知识库): FAQ entries (a standard question, similar questions and an answer) and longer
 * articles, in a tree of categories, each in up to three languages, draft or published, with the versions
 * each save replaced. The bot, the agents' suggestions and the public help center all answer from it.
 */
export const KNOWLEDGE_KINDS = ['faq', 'article'] as const;
export const knowledgeKind = z.enum(KNOWLEDGE_KINDS);
export type KnowledgeEntryKind = z.infer<typeof knowledgeKind>;

export const KNOWLEDGE_STATUSES = ['draft', 'published'] as const;
export const knowledgeStatus = z.enum(KNOWLEDGE_STATUSES);
export type KnowledgeStatus = z.infer<typeof knowledgeStatus>;

export const KNOWLEDGE_LIMITS = {
  titleMaxLength: 200,
  similarQuestionMaxLength: 200,
  similarQuestionsMax: 100,
  /** Characters of an answer or article as written (Markdown). */
  bodyMaxLength: 50_000,
  categoryNameMaxLength: 50,
  categoriesPerWorkspaceMax: 500,
  /** Levels of categories: 一级 / 二级 / 三级 / 四级. */
  categoryDepthMax: 4,
  entriesPerWorkspaceMax: 20_000,
  /** Earlier versions kept per entry and language; older ones are dropped. */
  versionsKept: 50,
  synonymGroupsMax: 2000,
  synonymWordsPerGroupMax: 20,
  synonymWordMaxLength: 30,
  /** Data rows in one imported spreadsheet. */
  importMaxRows: 5000,
  pictureMaxBytes: 5 * 1024 * 1024,
  queryMaxLength: 500,
} as const;

const nonEmptyText = (max: number) => z.string().trim().min(1).max(max);

export const knowledgeTranslations = z
  .object({
    'zh-CN': nonEmptyText(KNOWLEDGE_LIMITS.categoryNameMaxLength).optional(),
    'zh-TW': nonEmptyText(KNOWLEDGE_LIMITS.categoryNameMaxLength).optional(),
    en: nonEmptyText(KNOWLEDGE_LIMITS.categoryNameMaxLength).optional(),
  })
  .strict();
export type KnowledgeTranslations = z.infer<typeof knowledgeTranslations>;

export const knowledgeCategoryView = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  name: z.string(),
  /** The name in other languages, where the editor gave one (zh-TW falls back to the name in Traditional). */
  translations: knowledgeTranslations,
  position: z.number().int(),
  /** Entries directly in this category (all languages and states). */
  entryCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type KnowledgeCategoryView = z.infer<typeof knowledgeCategoryView>;

export const createKnowledgeCategoryBody = z.object({
  name: nonEmptyText(KNOWLEDGE_LIMITS.categoryNameMaxLength),
  parentId: idSchema.nullable().default(null),
  translations: knowledgeTranslations.default({}),
  /** Order among siblings; by default after the last. */
  position: z.number().int().min(0).max(100_000).optional(),
});
export type CreateKnowledgeCategoryBody = z.infer<typeof createKnowledgeCategoryBody>;

export const updateKnowledgeCategoryBody = z
  .object({
    name: nonEmptyText(KNOWLEDGE_LIMITS.categoryNameMaxLength),
    parentId: idSchema.nullable(),
    translations: knowledgeTranslations,
    position: z.number().int().min(0).max(100_000),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to change' });
export type UpdateKnowledgeCategoryBody = z.infer<typeof updateKnowledgeCategoryBody>;

const similarQuestions = z
  .array(nonEmptyText(KNOWLEDGE_LIMITS.similarQuestionMaxLength))
  .max(KNOWLEDGE_LIMITS.similarQuestionsMax)
  .default([]);

/** One language of an entry as the editor saves it. */
export const knowledgeVariantBody = z.object({
  /** The standard question (标准问题) of a FAQ, or an article's title. */
  title: nonEmptyText(KNOWLEDGE_LIMITS.titleMaxLength),
  /** Other ways customers ask the same (相似问题). */
  similarQuestions,
  /** The answer or the article: Markdown, plus a few HTML tags; sanitised when saved and when shown. */
  body: z.string().trim().min(1).max(KNOWLEDGE_LIMITS.bodyMaxLength),
  status: knowledgeStatus.default('draft'),
  /**
   * The `version` the editor started from: a save over a newer one (someone else saved meanwhile) is refused
   * with CONFLICT instead of silently replacing it.
   */
  baseVersion: z.number().int().min(0).optional(),
});
export type KnowledgeVariantBody = z.infer<typeof knowledgeVariantBody>;

export const createKnowledgeEntryBody = z.object({
  kind: knowledgeKind.default('faq'),
  categoryId: idSchema.nullable().default(null),
  locale: localeSchema.default('zh-CN'),
  variant: knowledgeVariantBody.omit({ baseVersion: true }),
});
export type CreateKnowledgeEntryBody = z.infer<typeof createKnowledgeEntryBody>;

export const updateKnowledgeEntryBody = z
  .object({ kind: knowledgeKind, categoryId: idSchema.nullable() })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to change' });
export type UpdateKnowledgeEntryBody = z.infer<typeof updateKnowledgeEntryBody>;

export const knowledgeVariantParams = z.object({ id: idSchema, locale: localeSchema });
export type KnowledgeVariantParams = z.infer<typeof knowledgeVariantParams>;

const personRef = z.object({ id: z.string(), name: z.string() }).nullable();

export const knowledgeVariantView = z.object({
  locale: localeSchema,
  status: knowledgeStatus,
  title: z.string(),
  similarQuestions: z.array(z.string()),
  /** As written (Markdown). */
  body: z.string(),
  /** Rendered and sanitised: safe to show as HTML. */
  html: z.string(),
  /** Plain text: links as “text（url）”, pictures as [图片]. */
  text: z.string(),
  version: z.number().int(),
  updatedBy: personRef,
  updatedAt: z.string(),
  publishedAt: z.string().nullable(),
});
export type KnowledgeVariantView = z.infer<typeof knowledgeVariantView>;

export const knowledgeEntryView = z.object({
  id: z.string(),
  kind: knowledgeKind,
  categoryId: z.string().nullable(),
  variants: z.array(knowledgeVariantView),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type KnowledgeEntryView = z.infer<typeof knowledgeEntryView>;

export const knowledgeEntrySummary = z.object({
  id: z.string(),
  kind: knowledgeKind,
  categoryId: z.string().nullable(),
  /** Each language the entry has, with its state and title. */
  variants: z.array(
    z.object({
      locale: localeSchema,
      status: knowledgeStatus,
      title: z.string(),
      similarCount: z.number().int(),
    }),
  ),
  updatedAt: z.string(),
  /** With a search: how well it matched (0–1). */
  score: z.number().nullable(),
});
export type KnowledgeEntrySummary = z.infer<typeof knowledgeEntrySummary>;

export const knowledgeEntryListQuery = z.object({
  /** Words of the questions or the answer: ranked like the bot's search, drafts included. */
  q: z.string().trim().max(KNOWLEDGE_LIMITS.queryMaxLength).optional(),
  categoryId: idSchema.optional(),
  /** Only entries without a category. */
  uncategorized: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  kind: knowledgeKind.optional(),
  /** Entries with a variant in this state (in `locale`, when given). */
  status: knowledgeStatus.optional(),
  /** Entries with a variant in this language. */
  locale: localeSchema.optional(),
  /** The `id` of the last entry of the previous page (newest first); not with q. */
  cursor: idSchema.optional(),
  limit: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(LIMITS.pageSizeDefault),
});
export type KnowledgeEntryListQuery = z.infer<typeof knowledgeEntryListQuery>;

export const knowledgeEntryListResponse = z.object({
  items: z.array(knowledgeEntrySummary),
  nextCursor: z.string().nullable(),
});
export type KnowledgeEntryListResponse = z.infer<typeof knowledgeEntryListResponse>;

export const addSimilarQuestionBody = z.object({
  locale: localeSchema.default('zh-CN'),
  question: nonEmptyText(KNOWLEDGE_LIMITS.similarQuestionMaxLength),
});
export type AddSimilarQuestionBody = z.infer<typeof addSimilarQuestionBody>;

export const knowledgeVersionView = z.object({
  id: z.string(),
  locale: localeSchema,
  version: z.number().int(),
  status: knowledgeStatus,
  title: z.string(),
  similarQuestions: z.array(z.string()),
  body: z.string(),
  html: z.string(),
  savedBy: personRef,
  savedAt: z.string(),
});
export type KnowledgeVersionView = z.infer<typeof knowledgeVersionView>;

export const knowledgeVersionListQuery = z.object({ locale: localeSchema.optional() });

export const knowledgeVersionParams = z.object({ id: idSchema, versionId: idSchema });

export const knowledgeSearchHitView = z.object({
  entryId: z.string(),
  kind: knowledgeKind,
  locale: localeSchema,
  categoryId: z.string().nullable(),
  title: z.string(),
  answer: z.object({ text: z.string(), html: z.string() }),
  /** 0–1: ≥ 0.75 the same question in other words, 0.5–0.75 related, below weak. */
  score: z.number(),
  matchedQuestion: z.string(),
});
export type KnowledgeSearchHitView = z.infer<typeof knowledgeSearchHitView>;

export const knowledgeSearchQuery = z.object({
  q: nonEmptyText(KNOWLEDGE_LIMITS.queryMaxLength),
  locale: localeSchema.optional(),
  limit: z.coerce.number().int().min(1).max(20).default(5),
});
export type KnowledgeSearchQuery = z.infer<typeof knowledgeSearchQuery>;

export const knowledgeSuggestionsQuery = z.object({ conversationId: idSchema });

export const knowledgeSuggestionsResponse = z.object({
  /** The customer's message the suggestions answer; null when the customer has written nothing yet. */
  question: z.string().nullable(),
  items: z.array(knowledgeSearchHitView),
});
export type KnowledgeSuggestionsResponse = z.infer<typeof knowledgeSuggestionsResponse>;

export const synonymGroupView = z.object({
  id: z.string(),
  words: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SynonymGroupView = z.infer<typeof synonymGroupView>;

export const synonymGroupBody = z.object({
  /** Words that mean the same to a customer (退货, 退款退货); each word stands for all of them in search. */
  words: z
    .array(nonEmptyText(KNOWLEDGE_LIMITS.synonymWordMaxLength))
    .min(2)
    .max(KNOWLEDGE_LIMITS.synonymWordsPerGroupMax),
});
export type SynonymGroupBody = z.infer<typeof synonymGroupBody>;

export const knowledgePictureView = z.object({
  id: z.string(),
  /** Public (customers see pictures in answers without signing in); the id is unguessable. */
  url: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
});
export type KnowledgePictureView = z.infer<typeof knowledgePictureView>;

export const knowledgePreviewBody = z.object({ body: z.string().max(KNOWLEDGE_LIMITS.bodyMaxLength) });
export const knowledgePreviewResponse = z.object({ html: z.string(), text: z.string() });
export type KnowledgePreviewResponse = z.infer<typeof knowledgePreviewResponse>;

/** Spreadsheet columns of the FAQ import and export. */
export const KNOWLEDGE_COLUMNS = ['question', 'similar', 'answer', 'category', 'status', 'locale'] as const;
export type KnowledgeColumn = (typeof KNOWLEDGE_COLUMNS)[number];

export const knowledgeExportQuery = z.object({
  format: z.enum(SPREADSHEET_FORMATS).default('xlsx'),
  /** One language; all by default. */
  locale: localeSchema.optional(),
  categoryId: idSchema.optional(),
});
export type KnowledgeExportQuery = z.infer<typeof knowledgeExportQuery>;

export const knowledgeImportQuery = z.object({
  /** For rows without a 语言 column value. */
  locale: localeSchema.default('zh-CN'),
  /** For rows without a 状态 column value. */
  status: knowledgeStatus.default('published'),
});
export type KnowledgeImportQuery = z.infer<typeof knowledgeImportQuery>;

export const KNOWLEDGE_IMPORT_ISSUES = [
  'missingColumn',
  'required',
  'tooLong',
  'tooMany',
  'unknownStatus',
  'unknownLocale',
  'duplicateQuestion',
  'categoryTooDeep',
  'limitReached',
] as const;

export const knowledgeImportRowError = z.object({
  /** The row number as Excel shows it (headings are row 1). */
  row: z.number().int(),
  column: z.enum(KNOWLEDGE_COLUMNS).nullable(),
  issue: z.enum(KNOWLEDGE_IMPORT_ISSUES),
  value: z.string().nullable(),
  message: z.string(),
});
export type KnowledgeImportRowError = z.infer<typeof knowledgeImportRowError>;

export const knowledgeImportResult = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  categoriesCreated: z.number().int(),
});
export type KnowledgeImportResult = z.infer<typeof knowledgeImportResult>;
