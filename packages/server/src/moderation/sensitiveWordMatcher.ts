import type { SensitiveMatch, SensitiveWordAction } from '@kefu/shared';
import { AhoCorasick } from '../text/ahoCorasick.js';
import { foldWithOffsets, originalSpan } from '../text/normalize.js';

export interface MatchableWord {
  word: string;
  /** compactForMatching(word): folded, letters and digits only. */
  pattern: string;
  category: string;
  /** null: the workspace default. */
  action: SensitiveWordAction | null;
}

/** At most this many matches are reported for one text; a message full of them needs no longer list. */
const MAX_MATCHES = 50;

/**
 * Finds a workspace's sensitive words in a message however they are disguised: full- or half-width,
 * Traditional or Simplified, upper or lower case, with spaces or symbols between the characters (退-款,
 * 退 款, 退＊款). The text is folded and stripped to letters and digits, the words were stored the same way, and
 * one Aho–Corasick pass finds them all; offsets map back to the message as written.
 */
export class SensitiveWordMatcher {
  private readonly automaton: AhoCorasick;

  constructor(
    private readonly words: readonly MatchableWord[],
    private readonly defaultAction: SensitiveWordAction,
  ) {
    this.automaton = new AhoCorasick(words.map((w) => w.pattern));
  }

  get isEmpty(): boolean {
    return this.automaton.isEmpty;
  }

  find(text: string): SensitiveMatch[] {
    if (this.automaton.isEmpty || text.length === 0) return [];
    const mapped = foldWithOffsets(text, { wordCharsOnly: true });
    const matches: SensitiveMatch[] = [];
    for (const hit of this.automaton.findAll(mapped.text)) {
      const word = this.words[hit.pattern]!;
      const { start, end } = originalSpan(mapped, hit.start, hit.end);
      matches.push({ word: word.word, category: word.category, action: word.action ?? this.defaultAction, start, end });
      if (matches.length >= MAX_MATCHES) break;
    }
    return matches.sort((a, b) => a.start - b.start || b.end - a.end);
  }
}
