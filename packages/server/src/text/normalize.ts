import * as OpenCC from 'opencc-js';

/**
 * Chinese text folded for matching and indexing: full-width forms to half-width (ＡＢＣ１２３ → abc123, the
 * ideographic space to a space), compatibility forms to their plain character (① → 1), Traditional to Simplified
 * character by character (OpenCC's Taiwan table, which also folds variants such as 裡 and 著), and lower case.
 *
 * Every step maps one character to one character, so a position in the folded text maps back to a position
 * in the original: sensitive-word matches and search highlights point at what the person actually wrote.
 */

const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });
/**
 * Simplified characters that OpenCC's Taiwan table, reading every character as Traditional, would turn into
 * another character: in Taiwan 么 is a variant of 幺, so folded alone the Simplified 怎么 would become 怎幺 while
 * the Traditional 怎麼 becomes 怎么, and the two would never meet. text.test.ts checks the list is complete.
 */
export const ALREADY_SIMPLIFIED: ReadonlySet<string> = new Set(['么', '苧']);

/**
 * The folded form of each character met so far. Folding one character at a time (and remembering it) costs a
 * map lookup per character instead of a dictionary pass over every text; it also keeps the one-to-one mapping
 * the offsets need. OpenCC's few phrase rules are not applied, and index and query fold alike either way.
 */
const foldCache = new Map<string, string>();
const FOLD_CACHE_MAX = 100_000;

function foldChar(char: string): string {
  const cached = foldCache.get(char);
  if (cached !== undefined) return cached;
  let folded = char.toLowerCase();
  if (char.codePointAt(0)! >= 0x80) {
    const compatible = char.normalize('NFKC').toLowerCase();
    if ([...compatible].length === 1) folded = compatible;
    if ([...folded].length !== 1) folded = char;
    const simplified = toSimplified(folded);
    if ([...simplified].length === 1 && !ALREADY_SIMPLIFIED.has(folded)) folded = simplified;
  }
  if (foldCache.size < FOLD_CACHE_MAX) foldCache.set(char, folded);
  return folded;
}

/** Folds width, script and case; the result has exactly as many code points as the input. */
export function foldText(text: string): string {
  let folded = '';
  for (const char of text) folded += foldChar(char);
  return folded;
}

const SPACES = /\s+/gu;

/** The folded text with runs of white space collapsed: the form search indexes and queries share. */
export function normalizeText(text: string): string {
  return foldText(text).replace(SPACES, ' ').trim();
}

/** Letters (any script, CJK included) and digits; everything else can be dropped between characters. */
const WORD_CHAR = /[\p{L}\p{N}]/u;

export function isWordChar(char: string): boolean {
  return WORD_CHAR.test(char);
}

/**
 * Folded text plus, for each UTF-16 unit of it, where the character it came from starts and ends in the
 * original string (UTF-16 offsets). `wordCharsOnly` drops everything but letters and digits, so "退-款",
 * "退 款" and "退＊款" all become "退款" while still pointing at the original characters.
 */
export interface MappedText {
  text: string;
  starts: number[];
  ends: number[];
}

export function foldWithOffsets(original: string, options: { wordCharsOnly: boolean }): MappedText {
  const sourceChars: string[] = [];
  const sourceStarts: number[] = [];
  let offset = 0;
  for (const char of original) {
    sourceChars.push(char);
    sourceStarts.push(offset);
    offset += char.length;
  }
  const folded = sourceChars.map(foldChar);
  let text = '';
  const starts: number[] = [];
  const ends: number[] = [];
  folded.forEach((char, i) => {
    if (options.wordCharsOnly && !isWordChar(char)) return;
    const start = sourceStarts[i]!;
    const end = start + sourceChars[i]!.length;
    text += char;
    for (let unit = 0; unit < char.length; unit += 1) {
      starts.push(start);
      ends.push(end);
    }
  });
  return { text, starts, ends };
}

/** The original span of folded units [from, to). */
export function originalSpan(mapped: MappedText, from: number, to: number): { start: number; end: number } {
  return { start: mapped.starts[from]!, end: mapped.ends[to - 1]! };
}

/** The form a sensitive word or a pattern is stored and matched in: folded, letters and digits only. */
export function compactForMatching(text: string): string {
  return foldWithOffsets(text, { wordCharsOnly: true }).text;
}
