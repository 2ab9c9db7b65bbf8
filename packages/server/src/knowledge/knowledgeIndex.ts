import type { Locale } from '@kefu/shared';
import { normalizeText } from '../text/normalize.js';
import { editDistance } from './editDistance.js';
import { FeatureIndex } from './featureIndex.js';
import type { KnowledgeHit, KnowledgeKind } from './knowledgeSearch.js';
import { type QueryTerm, queryTerms } from './queryTerms.js';
import { sanitizeKnowledgeHtml } from './richText.js';
import { FALLBACK_LOCALE, scriptConverter } from './scriptConversion.js';
import {
  charFactor,
  meaningfulWords,
  SUBWORD_PREFIX,
  subwordsOf,
  type TextFeatures,
  textFeatures,
  wordFactor,
} from './searchText.js';
import { SpellingVocabulary } from './spellingVocabulary.js';
import { SynonymDictionary } from './synonymDictionary.js';

/** One language variant of an entry, as the index keeps it. */
export interface IndexedVariant {
  locale: Locale;
  published: boolean;
  title: string;
  similarQuestions: string[];
  answerHtml: string;
  answerText: string;
}

export interface IndexedEntry {
  id: string;
  kind: KnowledgeKind;
  categoryId: string | null;
  variants: IndexedVariant[];
}

export interface IndexSearchOptions {
  locale: Locale | undefined;
  limit: number;
  publishedOnly: boolean;
  minScore: number;
  kind: KnowledgeKind | undefined;
}

interface VariantSlot {
  /** Position in the per-variant scratch arrays. */
  slot: number;
  /** The answer sanitised again, once, the first time it is shown (sanitising on every search would cost more than the search). */
  safeHtml?: string;
  entry: EntrySlot;
  data: IndexedVariant;
  questionDocs: number[];
  answerDoc: number;
}

interface EntrySlot {
  slot: number;
  id: string;
  kind: KnowledgeKind;
  categoryId: string | null;
  variants: Map<Locale, VariantSlot>;
}

/** How the parts of a question's match add up; see the score scale in knowledgeSearch.ts. */
const WEIGHTS = {
  /** Of the best of the three views … */
  best: 0.7,
  /** … and of their mean. */
  mean: 0.3,
  /** Characters and pinyin count a little less than words when they are the best view. */
  chars: 0.95,
  pinyin: 0.9,
  /** Words found only in the answer: at most this, never enough to answer with confidence. */
  answerOnly: 0.5,
  /** And on top of a question match, this share of what is left. */
  answerBonus: 0.2,
  /** Query words the entry's other questions have, on top of its best question: this share of what is left. */
  coverBonus: 0.4,
  /** A similar question counts this much of the standard question. */
  similar: 0.98,
  /** A non-identical question never reaches 1. */
  ceiling: 0.99,
} as const;

/**
 * Weighted harmonic mean of how much of the query the question explains (recall) and how much of the question
 * the query asks (precision), recall counting RECALL_EMPHASIS² times as much: customers ask short questions,
 * and 发票 is a fair match for 怎么开发票.
 */
const RECALL_EMPHASIS = 1.5;

/**
 * Character pairs and syllable pairs no question has are often just where two words meet (退货要 → 货要), so
 * they weigh as a token in a handful of documents rather than as the rarest token.
 */
const UNSEEN_CHARS_DF = 5;

/**
 * Raw similarities of paraphrases sit around 0.4–0.7; this stretches them onto the documented scale (0.5 →
 * 0.67, 0.6 → 0.77) without changing any order. Measured on the shop FAQ of the search-quality tests.
 */
const CALIBRATION_EXPONENT = 1.6;

/** Short queries get an edit-distance comparison too (退贷 for 退货), in Han characters or letters. */
const TYPO_QUERY_LENGTH = { min: 2, max: 6 } as const;
/** …when nothing matched this well otherwise. */
const TYPO_BELOW = 0.75;

/** Reusable per-search arrays, indexed by document, variant or entry; each search marks what it wrote. */
class Scratch {
  marks = new Int32Array(0);
  a = new Float64Array(0);
  b = new Float64Array(0);
  c = new Float64Array(0);
  d = new Float64Array(0);
  ref = new Int32Array(0);
  list = new Int32Array(0);
  count = 0;

  ensure(size: number) {
    if (size <= this.marks.length) return;
    const next = Math.max(size, this.marks.length * 2, 1024);
    const grow = <T extends Float64Array | Int32Array>(old: T, make: (n: number) => T): T => {
      const fresh = make(next);
      fresh.set(old);
      return fresh;
    };
    this.marks = grow(this.marks, (n) => new Int32Array(n));
    this.a = new Float64Array(next);
    this.b = new Float64Array(next);
    this.c = new Float64Array(next);
    this.d = new Float64Array(next);
    this.ref = new Int32Array(next);
    this.list = new Int32Array(next);
  }

  /** Adds `index` to this search's list the first time it is seen, zeroing its values; returns whether it was new. */
  touch(index: number, mark: number): boolean {
    if (this.marks[index] === mark) return false;
    this.marks[index] = mark;
    this.a[index] = 0;
    this.b[index] = 0;
    this.c[index] = 0;
    this.d[index] = 0;
    this.ref[index] = -1;
    this.list[this.count] = index;
    this.count += 1;
    return true;
  }
}

/** Slot numbers that are reused after removal, so scratch arrays stay as small as the index. */
class Slots<T> {
  readonly items: (T | undefined)[] = [];
  private readonly free: number[] = [];
  take(): number {
    return this.free.pop() ?? this.items.length;
  }
  release(slot: number) {
    this.items[slot] = undefined;
    this.free.push(slot);
  }
}

/**
 * The in-memory search index of one workspace's knowledge base: every question (standard and similar, or an
 * article's title) of every variant, drafts included, and every answer. Searching is synchronous and allocates
 * little: per-document sums go into reused typed arrays, and only the best few entries are ever sorted.
 */
export class KnowledgeIndex {
  private readonly entries = new Map<string, EntrySlot>();
  private readonly entrySlots = new Slots<EntrySlot>();
  private readonly variantSlots = new Slots<VariantSlot>();
  private readonly spelling = new SpellingVocabulary();
  private readonly words = new FeatureIndex(wordFactor, undefined, (token) => !token.startsWith(SUBWORD_PREFIX), {
    added: (token) => this.spelling.add(withoutSubwordPrefix(token)),
    removed: (token) => this.spelling.remove(withoutSubwordPrefix(token)),
  });
  private readonly chars = new FeatureIndex(charFactor, UNSEEN_CHARS_DF);
  private readonly pinyin = new FeatureIndex(() => 1, UNSEEN_CHARS_DF);
  private readonly answerWords = new FeatureIndex(wordFactor);
  private synonyms = new SynonymDictionary([]);

  private readonly questionDocs = new Slots<VariantSlot>();
  private readonly docQuestion: string[] = [];
  private readonly docChars: (string[] | undefined)[] = [];
  private readonly exact = new Map<string, Set<number>>();
  private readonly answerDocs = new Slots<VariantSlot>();

  /** Per question document: a = word weight matched (query side), b = (document side), c = chars, d = pinyin. */
  private readonly docScratch = new Scratch();
  /** Per answer document: a = word weight matched. */
  private readonly answerScratch = new Scratch();
  /** Per variant: a = best question score, b = answer recall, c = query word weight any question has, ref = best document. */
  private readonly variantScratch = new Scratch();
  /** Per variant, per query term: whether the term already counted for its questions together. */
  private variantTermMarks: Int32Array = new Int32Array(0);
  /** The query's total word weight in the last search. */
  private wordTotal = 0;
  /** Per entry: a = best score, ref = its variant slot, c = its document. */
  private readonly entryScratch = new Scratch();
  /** Per document, per query term: whether the term already counted for it. */
  private termMarks: Int32Array = new Int32Array(0);
  private answerTermMarks: Int32Array = new Int32Array(0);
  private searchNumber = 0;
  private termNumber = 0;

  get size(): number {
    return this.entries.size;
  }

  setSynonyms(groups: readonly (readonly string[])[]): void {
    this.synonyms = new SynonymDictionary(groups);
  }

  /** Loads many entries at once (the first build): the document totals are computed once at the end. */
  load(entries: IndexedEntry[]): void {
    for (const entry of entries) this.insert(entry, true);
    this.words.computeNorms();
    this.chars.computeNorms();
    this.pinyin.computeNorms();
    this.answerWords.computeNorms();
  }

  /** Adds the entry, or replaces what the index had for it. */
  upsert(entry: IndexedEntry): void {
    this.remove(entry.id);
    this.insert(entry, false);
  }

  remove(entryId: string): void {
    const entry = this.entries.get(entryId);
    if (!entry) return;
    for (const variant of entry.variants.values()) {
      for (const doc of variant.questionDocs) this.removeQuestion(doc);
      this.answerWords.remove(variant.answerDoc);
      this.answerDocs.release(variant.answerDoc);
      this.variantSlots.release(variant.slot);
    }
    this.entrySlots.release(entry.slot);
    this.entries.delete(entryId);
  }

  private insert(entry: IndexedEntry, bulk: boolean): void {
    const slot: EntrySlot = {
      slot: this.entrySlots.take(),
      id: entry.id,
      kind: entry.kind,
      categoryId: entry.categoryId,
      variants: new Map(),
    };
    this.entrySlots.items[slot.slot] = slot;
    for (const data of entry.variants) {
      const variant: VariantSlot = {
        slot: this.variantSlots.take(),
        entry: slot,
        data,
        questionDocs: [],
        answerDoc: -1,
      };
      this.variantSlots.items[variant.slot] = variant;
      const questions = [...new Set([data.title, ...data.similarQuestions].filter((q) => q.trim()))];
      for (const question of questions) variant.questionDocs.push(this.addQuestion(variant, question, bulk));
      const answerDoc = this.answerDocs.take();
      this.answerDocs.items[answerDoc] = variant;
      const answerWords = meaningfulWords(data.answerText);
      this.answerWords.add(answerDoc, [...answerWords, ...subwordsOf(data.answerText, answerWords)], bulk);
      variant.answerDoc = answerDoc;
      slot.variants.set(data.locale, variant);
    }
    this.entries.set(entry.id, slot);
  }

  private addQuestion(variant: VariantSlot, question: string, bulk: boolean): number {
    const doc = this.questionDocs.take();
    const features = textFeatures(question);
    this.questionDocs.items[doc] = variant;
    this.docQuestion[doc] = question;
    this.docChars[doc] = [...features.compact];
    this.words.add(doc, [...features.words, ...features.subwords], bulk);
    this.chars.add(doc, features.chars, bulk);
    this.pinyin.add(doc, features.pinyin, bulk);
    if (features.compact) {
      let docs = this.exact.get(features.compact);
      if (!docs) {
        docs = new Set();
        this.exact.set(features.compact, docs);
      }
      docs.add(doc);
    }
    return doc;
  }

  private removeQuestion(doc: number): void {
    const compact = this.docChars[doc]?.join('');
    if (compact) {
      const docs = this.exact.get(compact);
      docs?.delete(doc);
      if (docs?.size === 0) this.exact.delete(compact);
    }
    this.words.remove(doc);
    this.chars.remove(doc);
    this.pinyin.remove(doc);
    this.docChars[doc] = undefined;
    this.docQuestion[doc] = '';
    this.questionDocs.release(doc);
  }

  search(query: string, options: IndexSearchOptions): KnowledgeHit[] {
    const folded = normalizeText(query);
    if (!folded) return [];
    const features = textFeatures(folded, true);
    if (!features.compact) return [];
    const terms = queryTerms(folded, { words: this.words, spelling: this.spelling, synonyms: this.synonyms });
    this.prepare();
    const mark = ++this.searchNumber;

    this.scoreQuestions(features, terms, mark);
    this.scoreAnswers(terms, mark);

    // Per entry: the best allowed variant, its question score plus what its answer adds.
    const variants = this.variantScratch;
    const entries = this.entryScratch;
    entries.count = 0;
    for (let i = 0; i < variants.count; i += 1) {
      const variant = this.variantSlots.items[variants.list[i]!];
      if (!variant || !this.allowed(variant, options)) continue;
      const best = variants.a[variant.slot]!;
      const bestDoc = variants.ref[variant.slot]!;
      const covered = this.wordTotal > 0 ? variants.c[variant.slot]! / this.wordTotal : 0;
      const bestCovered = this.wordTotal > 0 && bestDoc >= 0 ? this.docScratch.a[bestDoc]! / this.wordTotal : 0;
      const questionScore = best >= 1 ? 1 : best + (1 - best) * WEIGHTS.coverBonus * Math.max(0, covered - bestCovered);
      const recall = variants.b[variant.slot]!;
      const withAnswer = questionScore + (1 - questionScore) * WEIGHTS.answerBonus * recall;
      const score =
        questionScore >= 1 ? 1 : Math.min(WEIGHTS.ceiling, Math.max(withAnswer, WEIGHTS.answerOnly * recall));
      const entry = variant.entry.slot;
      if (entries.touch(entry, mark) || score > entries.a[entry]!) {
        entries.a[entry] = score;
        entries.ref[entry] = variant.slot;
        entries.c[entry] = variants.ref[variant.slot]!;
      }
    }

    const floor = uncalibrate(options.minScore);
    const top = topEntries(entries, options.limit, floor, (slot) => this.entrySlots.items[slot]!.id);
    return top.map((slot) =>
      this.present(
        this.variantSlots.items[entries.ref[slot]!]!,
        calibrate(entries.a[slot]!),
        entries.c[slot]!,
        options.locale,
      ),
    );
  }

  private prepare(): void {
    const docs = this.questionDocs.items.length;
    this.docScratch.ensure(docs);
    this.answerScratch.ensure(this.answerDocs.items.length);
    this.variantScratch.ensure(this.variantSlots.items.length);
    this.entryScratch.ensure(this.entrySlots.items.length);
    this.termMarks = grownMarks(this.termMarks, docs);
    this.variantTermMarks = grownMarks(this.variantTermMarks, this.variantSlots.items.length);
    this.answerTermMarks = grownMarks(this.answerTermMarks, this.answerDocs.items.length);
    this.docScratch.count = 0;
    this.answerScratch.count = 0;
    this.variantScratch.count = 0;
  }

  /** Whether a variant may answer: published if asked, and the best variant of its entry for the locale. */
  private allowed(variant: VariantSlot, options: IndexSearchOptions): boolean {
    const entry = variant.entry;
    if (options.kind && entry.kind !== options.kind) return false;
    if (options.publishedOnly && !variant.data.published) return false;
    if (!options.locale || variant.data.locale === options.locale) return true;
    if (variant.data.locale !== FALLBACK_LOCALE[options.locale]) return false;
    const own = entry.variants.get(options.locale);
    return !own || (options.publishedOnly && !own.data.published);
  }

  /** The best question score of every variant that shares anything with the query, into the variant scratch. */
  private scoreQuestions(features: TextFeatures, terms: QueryTerm[], mark: number): void {
    const docs = this.docScratch;
    let wordTotal = 0;
    for (const term of terms) {
      wordTotal += term.weight;
      this.accumulateTerm(this.words, term, term.weight, docs, mark, this.termMarks, true);
    }
    this.wordTotal = wordTotal;
    const charTotal = this.accumulate(this.chars, features.chars, docs, mark, docs.c);
    const pinyinTotal = this.accumulate(this.pinyin, features.pinyin, docs, mark, docs.d);
    const exactDocs = this.exact.get(features.compact);
    if (exactDocs) for (const doc of exactDocs) docs.touch(doc, mark);

    const wordNorms = this.words.norms;
    const charNorms = this.chars.norms;
    const pinyinNorms = this.pinyin.norms;
    let best = 0;
    for (let i = 0; i < docs.count; i += 1) {
      const doc = docs.list[i]!;
      const variant = this.questionDocs.items[doc];
      if (!variant) continue;
      let score: number;
      if (exactDocs?.has(doc)) score = 1;
      else {
        let views = 0;
        let sum = 0;
        let max = 0;
        if (wordTotal > 0) {
          const view = fBeta(docs.a[doc]! / wordTotal, docs.b[doc]! / (wordNorms[doc] || 1));
          views += 1;
          sum += view;
          if (view > max) max = view;
        }
        if (charTotal > 0) {
          const view = WEIGHTS.chars * fBeta(docs.c[doc]! / charTotal, docs.c[doc]! / (charNorms[doc] || 1));
          views += 1;
          sum += view;
          if (view > max) max = view;
        }
        if (pinyinTotal > 0) {
          const view = WEIGHTS.pinyin * fBeta(docs.d[doc]! / pinyinTotal, docs.d[doc]! / (pinyinNorms[doc] || 1));
          views += 1;
          sum += view;
          if (view > max) max = view;
        }
        if (views === 0) continue;
        score = Math.min(WEIGHTS.ceiling, WEIGHTS.best * max + (WEIGHTS.mean * sum) / views);
        if (variant.questionDocs[0] !== doc) score *= WEIGHTS.similar;
      }
      if (score > best) best = score;
      this.offerVariant(variant, score, doc, mark);
    }

    // A short query that matched nothing well may be a misspelling: compare spellings with the questions that
    // share a character with it.
    const queryChars = [...features.compact];
    if (queryChars.length < TYPO_QUERY_LENGTH.min || queryChars.length > TYPO_QUERY_LENGTH.max || best >= TYPO_BELOW) {
      return;
    }
    for (let i = 0; i < docs.count; i += 1) {
      const doc = docs.list[i]!;
      const variant = this.questionDocs.items[doc];
      const spelled = this.docChars[doc];
      if (!variant || !spelled || Math.abs(spelled.length - queryChars.length) > 2 || docs.c[doc] === 0) continue;
      const score = typoScore(queryChars, spelled);
      if (score > 0) this.offerVariant(variant, score, doc, mark);
    }
  }

  private offerVariant(variant: VariantSlot, score: number, doc: number, mark: number): void {
    const variants = this.variantScratch;
    if (variants.touch(variant.slot, mark) || score > variants.a[variant.slot]!) {
      variants.a[variant.slot] = score;
      variants.ref[variant.slot] = doc;
    }
  }

  /** Query tokens of one kind: adds each document's matched weight into `into`; returns the query's total weight. */
  private accumulate(index: FeatureIndex, tokens: string[], docs: Scratch, mark: number, into: Float64Array): number {
    let total = 0;
    for (const token of tokens) {
      const weight = index.weight(token);
      total += weight;
      const holders = index.docsWith(token);
      if (!holders) continue;
      for (let i = 0; i < holders.length; i += 1) {
        const doc = holders[i]!;
        docs.touch(doc, mark);
        into[doc]! += weight;
      }
    }
    return total;
  }

  /**
   * A word term: a document gets the term's weight if it has the word, a little less for a synonym or the
   * word inside a longer one (part of it for a synonym of several words it has only some of), once per term.
   * The document side (`b`) adds the weight of the document's own words that matched, for how much of the
   * question the query covers. With `coverVariants` (questions, not answers) each variant gets the term once too.
   */
  private accumulateTerm(
    index: FeatureIndex,
    term: QueryTerm,
    weightOfTerm: number,
    docs: Scratch,
    mark: number,
    termMarks: Int32Array,
    coverVariants = false,
  ): void {
    const termMark = ++this.termNumber;
    for (const alternative of term.alternatives) {
      if (alternative.tokens.length === 1) {
        const token = alternative.tokens[0]!;
        const holders = index.docsWith(token);
        if (!holders) continue;
        const weight = index.weight(token);
        const credit = alternative.credit * weightOfTerm;
        for (let i = 0; i < holders.length; i += 1) {
          const doc = holders[i]!;
          if (termMarks[doc] === termMark) continue;
          termMarks[doc] = termMark;
          docs.touch(doc, mark);
          docs.a[doc]! += credit;
          docs.b[doc]! += weight;
          if (coverVariants) this.cover(doc, credit, termMark, mark);
        }
        continue;
      }
      // A synonym of several words: rare, so a map is fine here.
      const partial = new Map<number, { count: number; docWeight: number }>();
      for (const token of alternative.tokens) {
        const weight = index.weight(token);
        for (const doc of index.docsWith(token) ?? []) {
          const got = partial.get(doc);
          if (got) {
            got.count += 1;
            got.docWeight += weight;
          } else partial.set(doc, { count: 1, docWeight: weight });
        }
      }
      for (const [doc, { count, docWeight }] of partial) {
        if (termMarks[doc] === termMark) continue;
        termMarks[doc] = termMark;
        docs.touch(doc, mark);
        const credit = (alternative.credit * count * weightOfTerm) / alternative.tokens.length;
        docs.a[doc]! += credit;
        docs.b[doc]! += docWeight;
        if (coverVariants) this.cover(doc, credit, termMark, mark);
      }
    }
  }

  /** A term's credit, once per variant: how much of the query the variant's questions have together. */
  private cover(doc: number, credit: number, termMark: number, mark: number): void {
    const variant = this.questionDocs.items[doc];
    if (!variant || this.variantTermMarks[variant.slot] === termMark) return;
    this.variantTermMarks[variant.slot] = termMark;
    this.variantScratch.touch(variant.slot, mark);
    this.variantScratch.c[variant.slot]! += credit;
  }

  /** For each variant whose answer has query words: the share of the query's word weight it has. */
  private scoreAnswers(terms: QueryTerm[], mark: number): void {
    if (terms.length === 0) return;
    const answers = this.answerScratch;
    let total = 0;
    for (const term of terms) {
      const weight = this.answerWords.weight(term.alternatives[0]!.tokens[0]!);
      total += weight;
      this.accumulateTerm(this.answerWords, term, weight, answers, mark, this.answerTermMarks);
    }
    if (total === 0) return;
    const variants = this.variantScratch;
    for (let i = 0; i < answers.count; i += 1) {
      const doc = answers.list[i]!;
      const variant = this.answerDocs.items[doc];
      if (!variant) continue;
      if (variants.touch(variant.slot, mark)) variants.ref[variant.slot] = variant.questionDocs[0] ?? -1;
      variants.b[variant.slot] = Math.min(1, answers.a[doc]! / total);
    }
  }

  private present(variant: VariantSlot, score: number, doc: number, locale: Locale | undefined): KnowledgeHit {
    const data = variant.data;
    const convert = scriptConverter(data.locale, locale);
    const matched = doc >= 0 && this.questionDocs.items[doc] === variant ? this.docQuestion[doc]! : data.title;
    return {
      entryId: variant.entry.id,
      kind: variant.entry.kind,
      locale: locale && convert ? locale : data.locale,
      categoryId: variant.entry.categoryId,
      title: convert ? convert(data.title) : data.title,
      answer: {
        text: convert ? convert(data.answerText) : data.answerText,
        html: convert ? sanitizeKnowledgeHtml(convert(data.answerHtml)) : safeHtmlOf(variant),
      },
      score: Math.round(score * 1000) / 1000,
      matchedQuestion: convert ? convert(matched) : matched,
    };
  }
}

/**
 * The `limit` best entries scoring at least `floor`, best first (ties by entry id, so results are stable),
 * without sorting everything that matched a little.
 */
function topEntries(entries: Scratch, limit: number, floor: number, idOf: (slot: number) => string): number[] {
  const better = (x: number, y: number) => {
    const dx = entries.a[x]!;
    const dy = entries.a[y]!;
    return dx !== dy ? dx > dy : idOf(x) < idOf(y);
  };
  const top: number[] = [];
  for (let i = 0; i < entries.count; i += 1) {
    const slot = entries.list[i]!;
    if (entries.a[slot]! < floor) continue;
    if (top.length === limit && !better(slot, top[top.length - 1]!)) continue;
    let at = top.length === limit ? limit - 1 : top.length;
    while (at > 0 && better(slot, top[at - 1]!)) {
      top[at] = top[at - 1]!;
      at -= 1;
    }
    top[at] = slot;
  }
  return top;
}

/** Marks keep their values when grown: a mark from an earlier term must not read as the current one. */
function grownMarks(marks: Int32Array, size: number): Int32Array {
  if (marks.length >= size) return marks;
  const grown = new Int32Array(Math.max(size, marks.length * 2, 1024));
  grown.set(marks);
  return grown;
}

function safeHtmlOf(variant: VariantSlot): string {
  variant.safeHtml ??= sanitizeKnowledgeHtml(variant.data.answerHtml);
  return variant.safeHtml;
}

function calibrate(raw: number): number {
  return raw >= 1 ? 1 : 1 - (1 - raw) ** CALIBRATION_EXPONENT;
}

/** The raw score whose calibrated score is `score`. */
function uncalibrate(score: number): number {
  return score >= 1 ? 1 : 1 - (1 - Math.max(0, score)) ** (1 / CALIBRATION_EXPONENT);
}

function withoutSubwordPrefix(token: string): string {
  return token.startsWith(SUBWORD_PREFIX) ? token.slice(SUBWORD_PREFIX.length) : token;
}

function fBeta(recall: number, precision: number): number {
  const r = Math.min(1, recall);
  const p = Math.min(1, precision);
  const b2 = RECALL_EMPHASIS * RECALL_EMPHASIS;
  return r + p === 0 ? 0 : ((1 + b2) * r * p) / (b2 * p + r);
}

/** Close spellings of a short query: one edit in four characters scores about 0.74, in six about 0.81. */
function typoScore(query: string[], question: string[]): number {
  const limit = Math.max(1, Math.floor(query.length / 3));
  const distance = editDistance(query, question, limit);
  if (distance > limit) return 0;
  const similarity = 1 - distance / Math.max(query.length, question.length);
  return 0.85 * similarity + 0.1;
}
