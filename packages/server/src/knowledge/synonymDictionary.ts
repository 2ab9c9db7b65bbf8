import { AhoCorasick } from '../text/ahoCorasick.js';
import { compactForMatching } from '../text/normalize.js';

export interface SynonymSpan {
  /** UTF-16 offsets in the folded query. */
  start: number;
  end: number;
  /** The words of the group, folded; `matched` is the one written in the query. */
  words: string[];
  matched: string;
}

/**
 * A workspace's synonym groups (退货 = 退款退货, 快递 = 物流 = 包裹): any word of a group stands for all of them.
 * Applied to the query only, so editing the dictionary never re-indexes the knowledge base.
 */
export class SynonymDictionary {
  private readonly groups: string[][];
  private readonly patterns: { word: string; group: number }[] = [];
  private readonly groupByWord = new Map<string, number>();
  private readonly matcher: AhoCorasick;

  constructor(groups: readonly (readonly string[])[]) {
    this.groups = groups.map((words) => [...new Set(words.map(compactForMatching).filter(Boolean))]);
    this.groups.forEach((words, group) => {
      if (words.length < 2) return;
      for (const word of words) {
        this.patterns.push({ word, group });
        if (!this.groupByWord.has(word)) this.groupByWord.set(word, group);
      }
    });
    this.matcher = new AhoCorasick(this.patterns.map((p) => p.word));
  }

  /**
   * Where the query names a synonym, longest first, never overlapping; `accept` may refuse a span (one that
   * does not start and end where words do). A word in two groups joins the first group it is listed in.
   */
  find(folded: string, accept?: (start: number, end: number) => boolean): SynonymSpan[] {
    if (this.matcher.isEmpty) return [];
    const matches = this.matcher
      .findAll(folded)
      .filter((match) => !accept || accept(match.start, match.end))
      .sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
    const taken: SynonymSpan[] = [];
    for (const match of matches) {
      if (taken.some((span) => match.start < span.end && span.start < match.end)) continue;
      const pattern = this.patterns[match.pattern]!;
      taken.push({
        start: match.start,
        end: match.end,
        words: this.groups[pattern.group]!,
        matched: pattern.word,
      });
    }
    return taken.sort((a, b) => a.start - b.start);
  }

  /** The folded words of the group the (folded) word is in, or undefined. */
  groupOf(word: string): string[] | undefined {
    const group = this.groupByWord.get(word);
    return group === undefined ? undefined : this.groups[group];
  }
}
