import { z } from 'zod';
import { idSchema } from './common.js';

/**
 * The answer bot (智能机器人): its per-inbox settings, the structured data on its messages, ratings, the
 * learning list and statistics. docs/ARCHITECTURE.md ("Bot") describes the flow; docs/BOT.md the tuning.
 */

export const BOT_LIMITS = {
  menuItems: 9,
  humanOnlyTopics: 20,
  keywordsPerTopic: 20,
  keywordMaxChars: 30,
  textMaxChars: 500,
  menuAnswerMaxChars: 2000,
  suggestionsMax: 3,
  questionMaxChars: 500,
  /** Questions one learning-list action may take. */
  learningTurnsMax: 200,
  statsTopMax: 50,
} as const;

/**
 * off: people only. bot_first: the bot takes every new conversation. human_first: the bot takes it only when no
 * agent is online to take chats. after_hours: the bot takes it only outside the inbox's business hours.
 */
export const BOT_MODES = ['off', 'bot_first', 'human_first', 'after_hours'] as const;
export type BotMode = (typeof BOT_MODES)[number];

/** What the bot did with a customer's message; `greeting` answers a hello or a thank-you. */
export const BOT_OUTCOMES = ['answer', 'suggest', 'unknown', 'menu', 'handoff', 'greeting'] as const;
export type BotOutcome = (typeof BOT_OUTCOMES)[number];

/** Why the bot gave a conversation to people. */
export const HANDOFF_REASONS = [
  'customer_request',
  'repeated_misses',
  'complaint',
  'human_only_topic',
  'menu',
] as const;
export type HandoffReason = (typeof HANDOFF_REASONS)[number];

const botText = (fallback: string) => z.string().trim().min(1).max(BOT_LIMITS.textMaxChars).default(fallback);

/** What a guided-menu item does when the customer picks it (by its number or its label). */
export const botMenuAction = z.discriminatedUnion('type', [
  /** A fixed text answer. */
  z.object({ type: z.literal('answer'), text: z.string().trim().min(1).max(BOT_LIMITS.menuAnswerMaxChars) }),
  /** A knowledge entry's answer. */
  z.object({ type: z.literal('entry'), entryId: idSchema }),
  /** A person takes over; `teamId` narrows routing to that team. */
  z.object({ type: z.literal('handoff'), teamId: idSchema.nullable().default(null) }),
]);
export type BotMenuAction = z.infer<typeof botMenuAction>;

export const botMenuItem = z.object({
  label: z.string().trim().min(1).max(30),
  action: botMenuAction,
});
export type BotMenuItem = z.infer<typeof botMenuItem>;

/** Questions the bot never answers itself: a keyword of the topic in the message hands the chat to people. */
export const humanOnlyTopic = z.object({
  name: z.string().trim().min(1).max(30),
  keywords: z.array(z.string().trim().min(1).max(BOT_LIMITS.keywordMaxChars)).min(1).max(BOT_LIMITS.keywordsPerTopic),
  teamId: idSchema.nullable().default(null),
});
export type HumanOnlyTopic = z.infer<typeof humanOnlyTopic>;

/** The `bot` block of an inbox's settings. Staff only: the widget session leaves it out. */
export const inboxBotSettings = z.object({
  mode: z.enum(BOT_MODES).default('off'),
  /** The name the customer sees on the bot's messages. */
  name: z.string().trim().min(1).max(30).default('智能客服小助手'),
  /**
   * Search scores (0–1) at or above which the bot answers with the best entry; between `suggestThreshold` and
   * this it offers up to `maxSuggestions` "您是不是想问" choices; below, it says it does not know. docs/BOT.md
   * gives the values measured on the evaluation set.
   */
  answerThreshold: z.number().min(0).max(1).default(0.7),
  suggestThreshold: z.number().min(0).max(1).default(0.45),
  /** The best entry must lead the second by at least this much to be answered outright. */
  answerMargin: z.number().min(0).max(1).default(0.05),
  maxSuggestions: z.number().int().min(1).max(BOT_LIMITS.suggestionsMax).default(3),
  /** Consecutive questions the bot could not answer before a person takes over; null: never for this reason. */
  missesBeforeHandoff: z.number().int().min(1).max(10).nullable().default(2),
  /** An angry message or a complaint goes to a person at once. */
  handoffOnComplaint: z.boolean().default(true),
  humanOnlyTopics: z.array(humanOnlyTopic).max(BOT_LIMITS.humanOnlyTopics).default([]),
  menu: z
    .object({
      enabled: z.boolean().default(false),
      prompt: botText('请回复数字选择您要咨询的问题：'),
      items: z.array(botMenuItem).max(BOT_LIMITS.menuItems).default([]),
    })
    .prefault({}),
  texts: z
    .object({
      greeting: botText('您好，我是智能客服，请问有什么可以帮您？'),
      thanks: botText('不客气，还有其他问题随时问我哦～'),
      suggest: botText('您是不是想问：'),
      unknown: botText('抱歉，我还没有学会回答这个问题。您可以换个说法问我，或回复“转人工”联系人工客服。'),
      handoff: botText('好的，正在为您转接人工客服，请稍候。'),
      /** Said at a hand-off when no agent is online to take chats. */
      handoffOffline: botText('人工客服暂时不在线，您的问题已经转给客服，上线后会第一时间回复您。'),
      complaint: botText('非常抱歉给您带来不好的体验，正在为您转接人工客服处理。'),
    })
    .prefault({}),
});
export type InboxBotSettings = z.infer<typeof inboxBotSettings>;

// ---- the structured data on bot messages (`message.payload`) ----

export const botEntryRef = z.object({ entryId: z.string(), title: z.string() });
export type BotEntryRef = z.infer<typeof botEntryRef>;

/**
 * What a bot message carries besides its text, for clients that render it (the widget shows buttons and
 * 有用 / 没用): docs/ARCHITECTURE.md ("Bot") lists each kind. The text alone (`content`) is complete too.
 */
export const botPayload = z.discriminatedUnion('kind', [
  /** An answer: a knowledge entry's (`faq`), a model's from entries (`llm`, citing them) or a menu text (`menu`). */
  z.object({
    kind: z.literal('bot_answer'),
    source: z.enum(['faq', 'llm', 'menu']),
    /** The entry answered from; null for a menu's fixed text. */
    entryId: z.string().nullable(),
    title: z.string().nullable(),
    citations: z.array(botEntryRef),
    /** The customer may rate it once or change their mind: POST /api/widget/bot-ratings. */
    rateable: z.literal(true),
  }),
  /** "您是不是想问": the customer sends a choice's title, or its number (1-based). */
  z.object({ kind: z.literal('bot_suggestions'), suggestions: z.array(botEntryRef), rateable: z.literal(false) }),
  /** The bot does not know; `handoffText` is what the customer sends to reach a person. */
  z.object({
    kind: z.literal('bot_unknown'),
    offerHandoff: z.literal(true),
    handoffText: z.string(),
    rateable: z.literal(false),
  }),
  /** The guided menu: the customer sends an item's key or label. */
  z.object({
    kind: z.literal('bot_menu'),
    prompt: z.string(),
    items: z.array(z.object({ key: z.string(), label: z.string() })),
    rateable: z.literal(false),
  }),
  /** Told to the customer when a person takes over. */
  z.object({ kind: z.literal('bot_handoff'), reason: z.enum(HANDOFF_REASONS), rateable: z.literal(false) }),
  /** Agents only (a private note): what the bot did before handing the conversation over. */
  z.object({
    kind: z.literal('bot_summary'),
    reason: z.enum(HANDOFF_REASONS),
    /** The customer's words that caused it (their request, the complaint, the topic keyword). */
    trigger: z.string().nullable(),
    turns: z.array(
      z.object({
        question: z.string(),
        outcome: z.enum(BOT_OUTCOMES),
        answerTitle: z.string().nullable(),
        rating: z.enum(['helpful', 'unhelpful']).nullable(),
      }),
    ),
  }),
]);
export type BotPayload = z.infer<typeof botPayload>;

// ---- ratings ----

export const BOT_RATINGS = ['helpful', 'unhelpful'] as const;
export type BotRating = (typeof BOT_RATINGS)[number];

export const botRatingBody = z.object({ messageId: idSchema, rating: z.enum(BOT_RATINGS) });
export type BotRatingBody = z.infer<typeof botRatingBody>;
export const botRatingResponse = z.object({ messageId: z.string(), rating: z.enum(BOT_RATINGS) });

// ---- trying the bot (the settings page, and eval:bot) ----

export const botTryBody = z.object({
  inboxId: idSchema,
  question: z.string().trim().min(1).max(BOT_LIMITS.questionMaxChars),
});
export type BotTryBody = z.infer<typeof botTryBody>;

export const botCandidate = z.object({
  entryId: z.string(),
  title: z.string(),
  score: z.number(),
  matchedQuestion: z.string().nullable(),
});

/** What the bot would reply to a first question in the inbox (nothing is stored). */
export const botTryResponse = z.object({
  outcome: z.enum(BOT_OUTCOMES),
  reply: z.string(),
  /** Null for a plain reply (a greeting). */
  payload: botPayload.nullable(),
  handoffReason: z.enum(HANDOFF_REASONS).nullable(),
  /** The search's best entries, best first, whatever the outcome. */
  candidates: z.array(botCandidate),
  complaint: z.object({ detected: z.boolean(), score: z.number() }),
});
export type BotTryResponse = z.infer<typeof botTryResponse>;

// ---- the learning list (editors) ----

const dateOnly = z.iso.date();

export const botRangeQuery = z.object({
  /** Days in the workspace's time zone, inclusive; by default the last 30 days. */
  from: dateOnly.optional(),
  to: dateOnly.optional(),
  inboxId: idSchema.optional(),
});
export type BotRangeQuery = z.infer<typeof botRangeQuery>;

export const learningQuestion = z.object({
  turnId: z.string(),
  text: z.string(),
  reason: z.enum(['unknown', 'suggest', 'unhelpful']),
  askedAt: z.string(),
});

export const learningGroup = z.object({
  /** Stable for the same questions: the first question's turn id. */
  key: z.string(),
  /** The question most asked in the group. */
  representative: z.string(),
  count: z.number().int(),
  questions: z.array(learningQuestion),
  /** The entry the bot came closest to, to add the questions to as similar questions. */
  closestEntry: botEntryRef.nullable(),
});
export type LearningGroup = z.infer<typeof learningGroup>;

export const learningListResponse = z.object({ groups: z.array(learningGroup) });
export type LearningListResponse = z.infer<typeof learningListResponse>;

const turnIds = z.array(idSchema).min(1).max(BOT_LIMITS.learningTurnsMax);

export const learnAsSimilarBody = z.object({ turnIds, entryId: idSchema });
export type LearnAsSimilarBody = z.infer<typeof learnAsSimilarBody>;

export const learnAsNewEntryBody = z.object({
  turnIds,
  question: z.string().trim().min(1).max(BOT_LIMITS.questionMaxChars),
  answer: z.string().trim().min(1).max(10_000),
  categoryId: idSchema.nullable().default(null),
});
export type LearnAsNewEntryBody = z.infer<typeof learnAsNewEntryBody>;

export const dismissLearningBody = z.object({ turnIds });

export const learnedResponse = z.object({ learned: z.number().int(), entryId: z.string().nullable() });

// ---- statistics ----

export const botStatsResponse = z.object({
  from: z.string(),
  to: z.string(),
  /** Conversations the bot took. */
  conversations: z.number().int(),
  /** Of those, closed without a person (never handed off, no agent reply). */
  resolvedByBot: z.number().int(),
  resolutionRate: z.number().nullable(),
  handoffs: z.number().int(),
  handoffRate: z.number().nullable(),
  handoffReasons: z.array(z.object({ reason: z.enum(HANDOFF_REASONS), count: z.number().int() })),
  questions: z.number().int(),
  outcomes: z.object({
    answer: z.number().int(),
    suggest: z.number().int(),
    unknown: z.number().int(),
    menu: z.number().int(),
    handoff: z.number().int(),
    greeting: z.number().int(),
  }),
  ratings: z.object({ helpful: z.number().int(), unhelpful: z.number().int() }),
  topQuestions: z.array(z.object({ text: z.string(), count: z.number().int(), entry: botEntryRef.nullable() })),
  mostUnhelpful: z.array(z.object({ entry: botEntryRef, unhelpful: z.number().int(), helpful: z.number().int() })),
});
export type BotStatsResponse = z.infer<typeof botStatsResponse>;
