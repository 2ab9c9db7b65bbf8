import { createRequire } from 'node:module';
import { Jieba } from '@node-rs/jieba';
import { normalizeText } from './normalize.js';
import { SERVICE_WORDS } from './serviceWords.js';
import { isStopWord } from './stopWords.js';

/**
 * Chinese word segmentation with jieba. The dictionary (about 5 MB) is loaded once per process, on first use.
 *
 * Tokens are words of letters and digits only: jieba's punctuation tokens are dropped and a token such as
 * "foo.bar" is split at its symbols. So SQLite's FTS5 tokenizer and PostgreSQL's text-search parser, which
 * both split at anything but letters and digits, see exactly the tokens produced here.
 */
let jieba: Jieba | undefined;

/** As common as everyday words in jieba's dictionary: enough to keep them whole, not to swallow neighbours. */
const SERVICE_WORD_FREQUENCY = 5000;

function segmenter(): Jieba {
  if (!jieba) {
    // The package's dict module is CommonJS without an exports map; require resolves it on every layout.
    const { dict } = createRequire(import.meta.url)('@node-rs/jieba/dict') as { dict: Uint8Array };
    jieba = Jieba.withDict(dict);
    jieba.loadDict(Buffer.from(SERVICE_WORDS.map((word) => `${word} ${SERVICE_WORD_FREQUENCY}`).join('\n')));
  }
  return jieba;
}

const NON_WORD = /[^\p{L}\p{N}]+/u;
const CJK = /[\p{Script=Han}]/u;

function wordPieces(tokens: string[]): string[] {
  const pieces: string[] = [];
  for (const token of tokens) {
    for (const piece of token.split(NON_WORD)) if (piece) pieces.push(piece);
  }
  return pieces;
}

/** Precise segmentation of already normalised text: 我要退款 → 我要 / 退款. */
export function segmentWords(text: string): string[] {
  const normalized = normalizeText(text);
  if (!normalized) return [];
  return wordPieces(segmenter().cut(normalized, true));
}

/**
 * Words of the dictionary only, without jieba's guesses at unknown words (which glue unknown neighbours into
 * one word: 求个券, or a typo such as 腿款): for a word nobody else uses, its known parts.
 */
export function dictionaryWords(text: string): string[] {
  const normalized = normalizeText(text);
  if (!normalized) return [];
  return wordPieces(segmenter().cut(normalized, false));
}

/**
 * Words for an index, in search mode: long words also yield the words inside them (订单号 → 订单 / 单号 /
 * 订单号), so a query for the shorter word finds them. Joined with spaces, ready for FTS5 or to_tsvector.
 */
export function segmentForIndex(text: string): string {
  return indexWords(normalizeText(text));
}

/**
 * Every Han character as its own token, other letter-and-digit runs whole: 订单12345 → 订 单 12345. Indexed
 * beside the words, a phrase of these tokens finds any run of Chinese characters, however jieba cut it.
 */
export function characterTokens(text: string): string {
  return charactersOf(normalizeText(text));
}

/** Both index columns of a text, normalising it once. */
export function indexTokens(text: string): { words: string; chars: string } {
  const normalized = normalizeText(text);
  return { words: indexWords(normalized), chars: charactersOf(normalized) };
}

function indexWords(normalized: string): string {
  if (!normalized) return '';
  return wordPieces(segmenter().cutForSearch(normalized, true)).join(' ');
}

function charactersOf(normalized: string): string {
  const tokens: string[] = [];
  for (const piece of normalized.split(NON_WORD)) {
    if (!piece) continue;
    let run = '';
    for (const char of piece) {
      if (CJK.test(char)) {
        if (run) tokens.push(run);
        run = '';
        tokens.push(char);
      } else run += char;
    }
    if (run) tokens.push(run);
  }
  return tokens.join(' ');
}

/**
 * The words of a search query: precise segmentation, duplicates and particles (的, 了, 吗 …) dropped, unless
 * the query is nothing but particles.
 */
export function segmentQuery(text: string): string[] {
  const words = [...new Set(segmentWords(text))];
  const meaningful = words.filter((word) => !isStopWord(word));
  return meaningful.length > 0 ? meaningful : words;
}
