import { z } from 'zod';
import { idSchema } from './common.js';
import { attachmentView } from './conversations.js';

/**
 * Quick replies (快捷回复 / 话术): personal ones belong to one agent, team ones are shared with a team's
 * members, workspace ones with everybody. Admins and supervisors manage the shared ones and the categories.
 */
export const QUICK_REPLY_SCOPES = ['personal', 'team', 'workspace'] as const;
export const quickReplyScope = z.enum(QUICK_REPLY_SCOPES);
export type QuickReplyScope = z.infer<typeof quickReplyScope>;

export const QUICK_REPLY_LIMITS = {
  titleMaxLength: 50,
  /** Leaves room for filled-in variables within one chat message (5,000 characters). */
  contentMaxLength: 2000,
  categoryNameMaxLength: 30,
  /** Quick replies one workspace may hold, all scopes together; the picker loads them all at once. */
  perWorkspaceMax: 5000,
  categoriesPerWorkspaceMax: 200,
  /** Data rows in one imported spreadsheet. */
  importMaxRows: 2000,
} as const;

/**
 * The variables a quick reply may contain, written `{{contact.name}}`. They are filled in when the reply is
 * inserted into the composer; any other name is refused when the reply is saved.
 */
export const QUICK_REPLY_VARIABLES = [
  'contact.name',
  /** Masked as everywhere else (138****1234): a quick reply never reveals personal data. */
  'contact.phone',
  'agent.name',
  'conversation.id',
  'inbox.name',
  /** YYYY-MM-DD in the workspace's time zone. */
  'date.today',
] as const;
export type QuickReplyVariable = (typeof QUICK_REPLY_VARIABLES)[number];

const VARIABLE_PATTERN = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** Names inside `{{…}}` that are not quick-reply variables, each once, in order of appearance. */
export function unknownQuickReplyVariables(text: string): string[] {
  const known = new Set<string>(QUICK_REPLY_VARIABLES);
  const unknown = [...text.matchAll(VARIABLE_PATTERN)].map((match) => match[1] ?? '').filter((n) => !known.has(n));
  return [...new Set(unknown)];
}

/** Replaces every variable with its value; a variable without a value becomes empty rather than stay as code. */
export function fillQuickReplyVariables(
  text: string,
  values: Partial<Record<QuickReplyVariable, string | null | undefined>>,
): string {
  return text.replace(VARIABLE_PATTERN, (whole, name: string) =>
    (QUICK_REPLY_VARIABLES as readonly string[]).includes(name) ? (values[name as QuickReplyVariable] ?? '') : whole,
  );
}

const quickReplyContent = z
  .string()
  .trim()
  .min(1)
  .max(QUICK_REPLY_LIMITS.contentMaxLength)
  .superRefine((text, ctx) => {
    const unknown = unknownQuickReplyVariables(text);
    if (unknown.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `unknown variable ${unknown.map((n) => `{{${n}}}`).join(', ')}; use ${QUICK_REPLY_VARIABLES.map((n) => `{{${n}}}`).join(', ')}`,
      });
    }
  });

const quickReplyTitle = z.string().trim().min(1).max(QUICK_REPLY_LIMITS.titleMaxLength);

/** Lower-case keys the server derives from the Chinese text, so `/tkzc` finds 退款政策. */
export const quickReplyKeys = z.object({
  /** Full pinyin of the title without tones or spaces: tuikuanzhengce. */
  titlePinyin: z.string(),
  /** First letter of each syllable of the title: tkzc. */
  titleInitials: z.string(),
  contentInitials: z.string(),
});
export type QuickReplyKeys = z.infer<typeof quickReplyKeys>;

export const quickReplyPictureView = z.object({
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  /** Needs the caller's session or token, like the rest of the API (the console's cookie does). */
  url: z.string(),
});
export type QuickReplyPictureView = z.infer<typeof quickReplyPictureView>;

export const quickReplyView = z.object({
  id: z.string(),
  scope: quickReplyScope,
  /** Set for team scope. */
  teamId: z.string().nullable(),
  /** Set for personal scope: the agent the reply belongs to. */
  ownerId: z.string().nullable(),
  categoryId: z.string().nullable(),
  title: z.string(),
  content: z.string(),
  /** A picture sent along with the text; inserting the reply attaches a fresh copy of it. */
  picture: quickReplyPictureView.nullable(),
  keys: quickReplyKeys,
  /** Insertions by all agents, and by the caller: the picker ranks the caller's favourites first. */
  useCount: z.number().int(),
  myUseCount: z.number().int(),
  /** Whether the caller may change or delete it. */
  editable: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type QuickReplyView = z.infer<typeof quickReplyView>;

export const quickReplyListQuery = z.object({
  scope: quickReplyScope.optional(),
  teamId: idSchema.optional(),
  categoryId: idSchema.optional(),
  /** Letters of the title, the text, or the title's pinyin or its initials. */
  q: z.string().trim().max(QUICK_REPLY_LIMITS.titleMaxLength).optional(),
  /**
   * Only what the caller would insert in a chat: their own, the workspace's and their teams' replies
   * (admins and supervisors otherwise also see the teams they do not belong to).
   */
  usable: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export type QuickReplyListQuery = z.infer<typeof quickReplyListQuery>;

const withTeamWhenTeamScope = <T extends { scope?: QuickReplyScope | undefined; teamId?: string | null | undefined }>(
  body: T,
  ctx: z.RefinementCtx,
) => {
  if (body.scope === 'team' && !body.teamId) {
    ctx.addIssue({ code: 'custom', path: ['teamId'], message: 'is required for a team quick reply' });
  }
  if (body.scope !== undefined && body.scope !== 'team' && body.teamId) {
    ctx.addIssue({ code: 'custom', path: ['teamId'], message: 'is only allowed for a team quick reply' });
  }
};

export const createQuickReplyBody = z
  .object({
    scope: quickReplyScope.default('personal'),
    teamId: idSchema.nullable().default(null),
    categoryId: idSchema.nullable().default(null),
    title: quickReplyTitle,
    content: quickReplyContent,
    /** A picture the caller uploaded (POST /api/attachments); the quick reply keeps a copy and the upload is used up. */
    attachmentId: idSchema.nullable().default(null),
  })
  .superRefine(withTeamWhenTeamScope);
export type CreateQuickReplyBody = z.infer<typeof createQuickReplyBody>;

export const updateQuickReplyBody = z
  .object({
    scope: quickReplyScope,
    teamId: idSchema.nullable(),
    categoryId: idSchema.nullable(),
    title: quickReplyTitle,
    content: quickReplyContent,
    /** A new upload replaces the picture; null removes it. */
    attachmentId: idSchema.nullable(),
  })
  .partial()
  .superRefine(withTeamWhenTeamScope)
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to change' });
export type UpdateQuickReplyBody = z.infer<typeof updateQuickReplyBody>;

export const insertQuickReplyResponse = z.object({
  /** A fresh copy of the picture as the caller's own upload, ready for the message's attachmentIds. */
  attachment: attachmentView.nullable(),
});
export type InsertQuickReplyResponse = z.infer<typeof insertQuickReplyResponse>;

export const quickReplyCategoryView = z.object({
  id: z.string(),
  name: z.string(),
  /** Quick replies in it the caller can see. */
  replyCount: z.number().int(),
  createdAt: z.string(),
});
export type QuickReplyCategoryView = z.infer<typeof quickReplyCategoryView>;

export const quickReplyCategoryBody = z.object({
  name: z.string().trim().min(1).max(QUICK_REPLY_LIMITS.categoryNameMaxLength),
});
export type QuickReplyCategoryBody = z.infer<typeof quickReplyCategoryBody>;

export const SPREADSHEET_FORMATS = ['xlsx', 'csv'] as const;
export type SpreadsheetFormat = (typeof SPREADSHEET_FORMATS)[number];

export const quickReplyExportQuery = z.object({
  format: z.enum(SPREADSHEET_FORMATS).default('xlsx'),
  scope: quickReplyScope.optional(),
  teamId: idSchema.optional(),
  categoryId: idSchema.optional(),
});
export type QuickReplyExportQuery = z.infer<typeof quickReplyExportQuery>;

/**
 * Spreadsheet columns, in order, with their headings. 范围 is 个人, 全员, or 团队:<team name>.
 * Imports also accept the Traditional Chinese and English headings.
 */
export const QUICK_REPLY_COLUMNS = ['category', 'title', 'content', 'scope'] as const;
export type QuickReplyColumn = (typeof QUICK_REPLY_COLUMNS)[number];

/** Why an imported row was refused; the console words each one. */
export const QUICK_REPLY_IMPORT_ISSUES = [
  'required',
  'tooLong',
  'unknownVariable',
  'unknownScope',
  'unknownTeam',
  'unknownCategory',
  'scopeNotAllowed',
  'duplicateTitle',
  'missingColumn',
  'limitReached',
] as const;
export type QuickReplyImportIssue = (typeof QUICK_REPLY_IMPORT_ISSUES)[number];

export const quickReplyImportRowError = z.object({
  /** The spreadsheet's own row number (the headings are row 1); 1 for problems with the headings. */
  row: z.number().int(),
  column: z.enum(QUICK_REPLY_COLUMNS).nullable(),
  issue: z.enum(QUICK_REPLY_IMPORT_ISSUES),
  /** The value at fault, e.g. the unknown variable or team name. */
  value: z.string().nullable(),
  /** The same in English, for API users. */
  message: z.string(),
});
export type QuickReplyImportRowError = z.infer<typeof quickReplyImportRowError>;

export const quickReplyImportResult = z.object({
  created: z.number().int(),
  /** Rows whose title already existed in the same scope: their text and category were replaced. */
  updated: z.number().int(),
  categoriesCreated: z.number().int(),
});
export type QuickReplyImportResult = z.infer<typeof quickReplyImportResult>;
