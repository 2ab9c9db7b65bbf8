import { foldText } from '../text/normalize.js';
import { CALM_QUESTIONS, COMPLAINT_WORDS, HARMLESS_WORDS } from './complaintLexicon.js';
import { foldedPattern } from './foldedPattern.js';

/**
 * A Chinese complaint and anger check (情绪识别) for the bot's hand-off: a weighted lexicon (complaintLexicon.ts)
 * over the folded text, plus exclamation and question-mark runs and angry emoji. A message scoring at least
 * `COMPLAINT_THRESHOLD` is a complaint or angry. Its accuracy on the labelled set `eval/sentiment.jsonl`
 * is in docs/BOT.md (`npm run eval:sentiment`).
 *
 * Each lexicon word counts once, and a longer word that contains a shorter one takes its place (太差 is
 * not also 差), so one insult repeated is not a stronger complaint than two different ones.
 */
export const COMPLAINT_THRESHOLD = 2;

// The lexicon is folded like the messages are (folding turns 什么 into 什幺, for one).
const WORDS = COMPLAINT_WORDS.map(([word, weight]) => [foldText(word), weight] as const).sort(
  (a, b) => b[0].length - a[0].length,
);
const HARMLESS = new RegExp(HARMLESS_WORDS.map((w) => escapeRegExp(foldText(w))).join('|'), 'g');
const CALM = CALM_QUESTIONS.map(foldedPattern);
const ANGRY_EMOJI = /[😡🤬💢😤😠👎🖕]/gu;
const CALM_EMOJI = /[😊😄😁🙂👍❤🥰😘🌹]/gu;

function escapeRegExp(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export interface ComplaintVerdict {
  detected: boolean;
  score: number;
}

export function detectComplaint(text: string): ComplaintVerdict {
  let folded = foldText(text).replace(HARMLESS, ' ');
  if (CALM.some((pattern) => pattern.test(folded))) return { detected: false, score: 0 };
  let score = 0;
  for (const [word, weight] of WORDS) {
    if (!folded.includes(word)) continue;
    score += weight;
    folded = folded.split(word).join(' ');
  }
  score += punctuationScore(folded);
  score += 2 * Math.min(2, folded.match(ANGRY_EMOJI)?.length ?? 0);
  score -= Math.min(2, folded.match(CALM_EMOJI)?.length ?? 0);
  const rounded = Math.round(score * 10) / 10;
  return { detected: rounded >= COMPLAINT_THRESHOLD, score: rounded };
}

/** Shouting: runs of ! and ?, the way angry customers type them (！！！, ？？？, ?!). */
function punctuationScore(folded: string): number {
  const exclamations = folded.match(/!/g)?.length ?? 0;
  let score = exclamations >= 3 ? 1.5 : exclamations >= 2 ? 1 : exclamations === 1 ? 0.5 : 0;
  if (/\?{2,}|\?!|!\?/.test(folded)) score += 1;
  return score;
}
