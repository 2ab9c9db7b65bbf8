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
  private readonly matcher: AhoCorasick;

  constructor(groups: readonly (readonly string[])[]) {
    this.groups = groups.map((words) => [...new Set(words.map(compactForMatching).filter(Boolean))]);
    this.groups.forEach((words, group) => {
      if (words.length < 2) return;
      for (const word of words) this.patterns.push({ word, group });
    });
    this.matcher = new AhoCorasick(this.patterns.map((p) => p.word));
  }

  /**
   * Where the query names a synonym, longest first, never overlapping. A word in two groups joins the first
   * group it is listed in.
   */
  find(folded: string): SynonymSpan[] {
    if (this.matcher.isEmpty) return [];
    const matches = this.matcher
      .findAll(folded)
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
}
