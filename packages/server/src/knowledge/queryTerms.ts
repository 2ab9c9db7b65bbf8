import { dictionaryWords, segmentWords } from '../text/segment.js';
import { BUILT_IN_SYNONYMS } from './builtInSynonyms.js';
import type { FeatureIndex } from './featureIndex.js';
import {
  isMeaningfulWord,
  meaningfulForm,
  meaningfulWords,
  SUBWORD_PREFIX,
  subwordsOf,
  wordFactor,
} from './searchText.js';
import type { SpellingVocabulary } from './spellingVocabulary.js';
import { SynonymDictionary } from './synonymDictionary.js';

/** One word of the query, or a group of words it stands for: matched when a question has any alternative. */
export interface QueryTerm {
  weight: number;
  alternatives: { tokens: string[]; credit: number }[];
}

/** What an alternative to the word the customer wrote is worth, as a share of the word itself. */
export const ALTERNATIVE_CREDIT = {
  /** A word of the workspace's own synonym group. */
  synonym: 0.95,
  /** A word of a built-in group (BUILT_IN_SYNONYMS). */
  builtIn: 0.9,
  /** A word the questions use that sounds the same (腿款 → 退款). */
  homophone: 0.85,
  /** A longer word with one character that sounds nearly the same (优惠卷 → 优惠券). */
  nearSpelling: 0.75,
  /** A word of the questions that has a character the query has alone (忘 → 忘记). */
  wordWithChar: 0.7,
  /** The word found inside a longer word of a question (发票 in 开发票). */
  subword: 0.9,
} as const;

const builtIn = new SynonymDictionary(BUILT_IN_SYNONYMS);

/** A character in more words than this says little on its own; the first this many stand for it. */
const WORDS_PER_CHAR = 30;

export interface TermSources {
  /** The questions' words, for rarity and for whether a word is known at all. */
  words: FeatureIndex;
  spelling: SpellingVocabulary;
  /** The workspace's synonym groups. */
  synonyms: SynonymDictionary;
}

/**
 * The query's words as terms, in order: each group of the workspace's synonyms the query names (anywhere, as
 * the editor wrote it), each built-in group it names as whole words, and every other meaningful word, which
 * when no question uses it may be a typo of one that does (腿款 → 退款, 优惠卷 → 优惠券), jieba's guess at an
 * unknown word (then its known parts count instead: 求个券 → 求 / 个 / 券, and 券 stands for 优惠券) or a
 * character that stands for a word (忘 → 忘记).
 */
export function queryTerms(folded: string, sources: TermSources): QueryTerm[] {
  const terms: QueryTerm[] = [];
  const cut = wordsAt(folded);
  const starts = new Set(cut.map((w) => w.start));
  const ends = new Set(cut.map((w) => w.end));
  const own = sources.synonyms.find(folded);
  const fromBuiltIn = builtIn.find(
    folded,
    (start, end) => starts.has(start) && ends.has(end) && !own.some((s) => start < s.end && s.start < end),
  );
  const spans = [
    ...own.map((span) => ({ ...span, credit: ALTERNATIVE_CREDIT.synonym })),
    ...fromBuiltIn.map((span) => ({ ...span, credit: ALTERNATIVE_CREDIT.builtIn })),
  ].sort((a, b) => a.start - b.start);

  // The words between spans, as the whole query was cut (a workspace's synonym may start inside a word: then
  // what is left of the text there is cut again).
  const between = (from: number, to: number) => {
    const aligned = (from === 0 || ends.has(from) || starts.has(from)) && (to === folded.length || starts.has(to));
    const words = aligned
      ? cut.filter((w) => w.start >= from && w.end <= to).map((w) => meaningfulForm(w.word))
      : meaningfulWords(folded.slice(from, to));
    for (const word of words) if (word) plainTerm(word, sources, terms);
  };
  let from = 0;
  for (const span of spans) {
    between(from, span.start);
    from = span.end;
    const alternatives = new Map<string, number>();
    for (const word of span.words) alternatives.set(word, word === span.matched ? 1 : span.credit);
    // A workspace's group adds to the built-in groups of its words rather than hiding them.
    for (const word of span.words) {
      for (const other of builtIn.groupOf(word) ?? []) {
        if (!alternatives.has(other)) alternatives.set(other, ALTERNATIVE_CREDIT.builtIn);
      }
    }
    groupTerm(span.matched, alternatives, sources, terms);
  }
  between(from, folded.length);

  // The same word twice (退款…退款) counts once.
  const seen = new Set<string>();
  return terms.filter((term) => {
    const key = term.alternatives.map((a) => a.tokens.join(' ')).join('|');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function plainTerm(word: string, sources: TermSources, terms: QueryTerm[], split = true): void {
  const reading = readingOf(word, sources, split);
  if ('parts' in reading) {
    for (const part of reading.parts) plainTerm(part, sources, terms, false);
    return;
  }
  const others = reading.others.filter((other) => other !== word);
  if (others.length === 0) {
    terms.push({ weight: sources.words.weight(word), alternatives: withSubwords([{ tokens: [word], credit: 1 }]) });
    return;
  }
  groupTerm(word, new Map([[word, 1], ...others.map((other) => [other, reading.credit] as const)]), sources, terms);
}

/**
 * What a word outside any span stands for: its built-in group, or itself when the questions use it; when they
 * do not, in this order, words that sound the same, its known parts, the words a lone character is in, words
 * one nearly-sounding character away. Nothing else: it stays as it is, as rare as a word can be.
 */
function readingOf(
  word: string,
  { words, spelling }: TermSources,
  split: boolean,
): { others: string[]; credit: number } | { parts: string[] } {
  const group = builtIn.groupOf(word);
  if (group) return { others: group, credit: ALTERNATIVE_CREDIT.builtIn };
  if (words.has(word) || words.has(`${SUBWORD_PREFIX}${word}`)) return { others: [], credit: 1 };
  const homophones = spelling.homophonesOf(word);
  if (homophones.length > 0) return { others: homophones, credit: ALTERNATIVE_CREDIT.homophone };
  const parts = split ? knownPartsOf(word, { words, spelling }) : [];
  if (parts.length > 0) return { parts };
  if ([...word].length === 1) {
    // Not question words: 办 stands for 办理, not for 怎么办.
    const longer = spelling.wordsWith(word, WORDS_PER_CHAR).filter((w) => wordFactor(w) === 1);
    if (longer.length > 0) return { others: longer, credit: ALTERNATIVE_CREDIT.wordWithChar };
  }
  return { others: spelling.nearSpellingsOf(word), credit: ALTERNATIVE_CREDIT.nearSpelling };
}

/**
 * For a word no question uses, the known words in it: what jieba cuts without guessing (求个券 → 求 / 个 / 券;
 * the single characters it had glued to a known word are left out, alone they mean little), or else the
 * known shorter words inside it (没收到 → 收到). Empty when nothing in it is known.
 */
function knownPartsOf(word: string, sources: Omit<TermSources, 'synonyms'>): string[] {
  const cut = dictionaryWords(word).filter(isMeaningfulWord);
  if (cut.length > 1 && cut.some((part) => isKnown(part, sources))) {
    return cut.filter((part) => [...part].length > 1 || isKnown(part, sources));
  }
  return subwordsOf(word, [word])
    .map((token) => token.slice(SUBWORD_PREFIX.length))
    .filter((part) => isKnown(part, sources));
}

function isKnown(word: string, { words, spelling }: Omit<TermSources, 'synonyms'>): boolean {
  return (
    words.has(word) ||
    words.has(`${SUBWORD_PREFIX}${word}`) ||
    builtIn.groupOf(word) !== undefined ||
    spelling.homophonesOf(word).length > 0
  );
}

/** Cut once per word: groups are applied to every query. */
const tokensOfWord = new Map<string, string[]>();

function tokensOf(word: string): string[] {
  let tokens = tokensOfWord.get(word);
  if (!tokens) {
    tokens = meaningfulWords(word);
    if (tokensOfWord.size < 20_000) tokensOfWord.set(word, tokens);
  }
  return tokens;
}

function groupTerm(matched: string, credits: Map<string, number>, sources: TermSources, terms: QueryTerm[]): void {
  // Two words of a group may cut to the same tokens (哪, 在哪 → 哪): the better credit stands.
  const byTokens = new Map<string, { tokens: string[]; credit: number }>();
  for (const [word, credit] of credits) {
    const tokens = tokensOf(word);
    const key = tokens.join(' ');
    if (tokens.length > 0 && (byTokens.get(key)?.credit ?? 0) < credit) byTokens.set(key, { tokens, credit });
  }
  const alternatives = [...byTokens.values()];
  if (alternatives.length === 0) return;
  const single = alternatives.filter((a) => a.tokens.length === 1).map((a) => a.tokens[0]!);
  const own = tokensOf(matched);
  const weight = sources.words.weightOfAny(own.length === 1 ? own[0]! : (single[0] ?? ''), single);
  terms.push({ weight, alternatives: withSubwords(alternatives) });
}

/** Each alternative also matches as a word inside a question's longer word, for a little less. */
function withSubwords(alternatives: QueryTerm['alternatives']): QueryTerm['alternatives'] {
  const inside = alternatives
    .filter((alternative) => alternative.tokens.length === 1)
    .map((alternative) => ({
      tokens: [`${SUBWORD_PREFIX}${alternative.tokens[0]}`],
      credit: alternative.credit * ALTERNATIVE_CREDIT.subword,
    }));
  return [...alternatives, ...inside].sort((a, b) => b.credit - a.credit);
}

/** The query cut into words, each with where it starts and ends (UTF-16 offsets in the folded text). */
function wordsAt(folded: string): { word: string; start: number; end: number }[] {
  const found: { word: string; start: number; end: number }[] = [];
  let at = 0;
  for (const word of segmentWords(folded)) {
    const start = folded.indexOf(word, at);
    if (start < 0) continue;
    found.push({ word, start, end: start + word.length });
    at = start + word.length;
  }
  return found;
}
