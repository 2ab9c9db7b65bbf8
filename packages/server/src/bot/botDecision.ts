import type { BotEntryRef, BotOutcome, BotPayload, HandoffReason, InboxBotSettings } from '@kefu/shared';
import type { KnowledgeHit } from '../knowledge/knowledgeSearch.js';
import { compactForMatching } from '../text/normalize.js';
import { asksForMenu, pickedChoice, smallTalkOf } from './choicePicker.js';
import type { ComplaintVerdict } from './complaintDetector.js';
import { asksForPerson } from './handoffRequest.js';
import type { LlmResult, LlmSource } from './llmAnswerer.js';

/** The choices the bot offered last, so the customer's "2" picks the second. */
export interface PendingChoices {
  suggestions: BotEntryRef[];
}

export const NO_PENDING: PendingChoices = { suggestions: [] };

export interface EntryAnswer {
  entryId: string;
  title: string;
  text: string;
}

/** What a turn may look up; injected so the decision reads like the rules it applies. */
export interface TurnTools {
  search(limit: number): Promise<KnowledgeHit[]>;
  entryAnswer(entryId: string): Promise<EntryAnswer | null>;
  /** Null when no model is configured. */
  llm: ((sources: LlmSource[]) => Promise<LlmResult>) | null;
  llmTopK: number;
}

export interface TurnState {
  text: string;
  settings: InboxBotSettings;
  pending: PendingChoices;
  misses: number;
  complaint: ComplaintVerdict;
}

export interface BotReply {
  content: string;
  payload: BotPayload | null;
}

export interface BotDecision {
  outcome: BotOutcome;
  /** What the bot says; empty for a hand-off (botHandoff.ts words it, knowing whether anyone is online). */
  replies: BotReply[];
  /** The entry answered, or the closest one found (for the learning list). */
  entry: BotEntryRef | null;
  /** The best search score, 0 when no search ran. */
  score: number;
  handoff: { reason: HandoffReason; teamId: string | null; trigger: string | null } | null;
  misses: number;
  pending: PendingChoices;
}

/**
 * One customer message in, the bot's move out, in this order: a request for a person, a complaint, a human-only
 * topic; a pick among the choices just offered or the guided menu; a greeting or thanks; then the knowledge
 * search: answer when the best entry is confident and clearly ahead, offer "您是不是想问" choices when entries
 * are related, otherwise say so (a miss; enough misses in a row hand the chat to a person).
 */
export async function decideTurn(state: TurnState, tools: TurnTools): Promise<BotDecision> {
  const { text, settings } = state;
  const base = { entry: null, score: 0, misses: state.misses, pending: NO_PENDING };
  const handoff = (reason: HandoffReason, teamId: string | null = null, trigger: string | null = text) => ({
    ...base,
    outcome: 'handoff' as const,
    replies: [],
    handoff: { reason, teamId, trigger },
  });
  if (!text.trim()) return { ...base, outcome: 'unknown', replies: [unknownReply(settings)], handoff: null };

  if (asksForPerson(text)) return handoff('customer_request');
  if (settings.handoffOnComplaint && state.complaint.detected) return handoff('complaint');
  const topic = humanOnlyTopicOf(text, settings);
  if (topic) return handoff('human_only_topic', topic.teamId, topic.keyword);

  const suggestionPick = pickedChoice(
    text,
    state.pending.suggestions.map((s) => s.title),
  );
  if (suggestionPick !== null) {
    const answer = await tools.entryAnswer(state.pending.suggestions[suggestionPick]!.entryId);
    if (answer) return { ...base, ...answered(answer, 1), outcome: 'answer', handoff: null };
  }

  const menu = settings.menu.enabled ? settings.menu.items : [];
  if (menu.length > 0) {
    if (asksForMenu(text)) return { ...base, outcome: 'menu', replies: [menuReply(settings)], handoff: null };
    const menuPick = pickedChoice(
      text,
      menu.map((item) => item.label),
    );
    if (menuPick !== null) {
      const { action } = menu[menuPick]!;
      if (action.type === 'handoff') return handoff('menu', action.teamId);
      if (action.type === 'answer') {
        return {
          ...base,
          outcome: 'answer',
          replies: [{ content: action.text, payload: answerPayload('menu', null, []) }],
          misses: 0,
          handoff: null,
        };
      }
      const answer = await tools.entryAnswer(action.entryId);
      if (answer) return { ...base, ...answered(answer, 1), outcome: 'answer', handoff: null };
    }
  }

  const smallTalk = smallTalkOf(text);
  if (smallTalk) {
    const replies: BotReply[] = [
      { content: smallTalk === 'greeting' ? settings.texts.greeting : settings.texts.thanks, payload: null },
    ];
    if (smallTalk === 'greeting' && menu.length > 0) replies.push(menuReply(settings));
    return { ...base, outcome: 'greeting', replies, handoff: null };
  }

  const hits = await tools.search(Math.max(settings.maxSuggestions, tools.llmTopK, 5));
  const best = hits[0];
  if (!best) return missed(state, null, 0);
  const ref = { entryId: best.entryId, title: best.title };
  const related = hits.filter((h) => h.score >= settings.suggestThreshold);
  const runnerUp = hits.find((h) => h.entryId !== best.entryId);
  const confident =
    best.score >= settings.answerThreshold &&
    (runnerUp === undefined || best.score - runnerUp.score >= settings.answerMargin);

  if (related.length > 0 && tools.llm) {
    const sources = related.slice(0, tools.llmTopK).map((h) => ({
      entryId: h.entryId,
      title: h.title,
      answer: h.answer.text,
    }));
    const result = await tools.llm(sources);
    if (result.kind === 'answer') {
      const citations = result.citations.map((c) => ({ entryId: c.entryId, title: c.title }));
      return {
        ...base,
        outcome: 'answer',
        replies: [{ content: result.text, payload: answerPayload('llm', citations[0]!, citations) }],
        entry: citations[0]!,
        score: best.score,
        misses: 0,
        handoff: null,
      };
    }
  }

  if (confident) {
    const answer = { entryId: best.entryId, title: best.title, text: best.answer.text };
    return { ...base, ...answered(answer, best.score), outcome: 'answer', handoff: null };
  }
  if (related.length > 0) {
    const suggestions = uniqueEntries(related).slice(0, settings.maxSuggestions);
    return {
      ...base,
      outcome: 'suggest',
      replies: [suggestionsReply(settings, suggestions)],
      entry: ref,
      score: best.score,
      pending: { suggestions },
      handoff: null,
    };
  }
  return missed(state, ref, best.score);
}

function missed(state: TurnState, closest: BotEntryRef | null, score: number): BotDecision {
  const { settings } = state;
  const misses = state.misses + 1;
  const common = { entry: closest, score, misses, pending: NO_PENDING };
  if (settings.missesBeforeHandoff !== null && misses >= settings.missesBeforeHandoff) {
    return {
      ...common,
      outcome: 'handoff',
      replies: [],
      handoff: { reason: 'repeated_misses', teamId: null, trigger: null },
    };
  }
  const replies = [unknownReply(settings)];
  if (settings.menu.enabled && settings.menu.items.length > 0) replies.push(menuReply(settings));
  return { ...common, outcome: 'unknown', replies, handoff: null };
}

function answered(answer: EntryAnswer, score: number) {
  const ref = { entryId: answer.entryId, title: answer.title };
  return {
    replies: [{ content: answer.text, payload: answerPayload('faq', ref, [ref]) }],
    entry: ref,
    score,
    misses: 0,
  };
}

function answerPayload(
  source: 'faq' | 'llm' | 'menu',
  entry: BotEntryRef | null,
  citations: BotEntryRef[],
): BotPayload {
  return {
    kind: 'bot_answer',
    source,
    entryId: entry?.entryId ?? null,
    title: entry?.title ?? null,
    citations,
    rateable: true,
  };
}

function uniqueEntries(hits: KnowledgeHit[]): BotEntryRef[] {
  const seen = new Set<string>();
  const refs: BotEntryRef[] = [];
  for (const hit of hits) {
    if (seen.has(hit.entryId)) continue;
    seen.add(hit.entryId);
    refs.push({ entryId: hit.entryId, title: hit.title });
  }
  return refs;
}

function suggestionsReply(settings: InboxBotSettings, suggestions: BotEntryRef[]): BotReply {
  const lines = suggestions.map((s, i) => `${i + 1}. ${s.title}`);
  return {
    content: [settings.texts.suggest, ...lines].join('\n'),
    payload: { kind: 'bot_suggestions', suggestions, rateable: false },
  };
}

export function menuReply(settings: InboxBotSettings): BotReply {
  const items = settings.menu.items.map((item, i) => ({ key: String(i + 1), label: item.label }));
  return {
    content: [settings.menu.prompt, ...items.map((item) => `${item.key}. ${item.label}`)].join('\n'),
    payload: { kind: 'bot_menu', prompt: settings.menu.prompt, items, rateable: false },
  };
}

function unknownReply(settings: InboxBotSettings): BotReply {
  return {
    content: settings.texts.unknown,
    payload: { kind: 'bot_unknown', offerHandoff: true, handoffText: '转人工', rateable: false },
  };
}

function humanOnlyTopicOf(text: string, settings: InboxBotSettings): { keyword: string; teamId: string | null } | null {
  if (settings.humanOnlyTopics.length === 0) return null;
  const compact = compactForMatching(text);
  for (const topic of settings.humanOnlyTopics) {
    const keyword = topic.keywords.find((k) => {
      const folded = compactForMatching(k);
      return folded.length > 0 && compact.includes(folded);
    });
    if (keyword) return { keyword, teamId: topic.teamId };
  }
  return null;
}
