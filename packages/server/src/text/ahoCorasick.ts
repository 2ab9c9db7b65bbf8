/**
 * Aho–Corasick: finds every occurrence of many patterns in one pass over the text, in time linear in the
 * text plus the matches, however many patterns there are. Built once per pattern list and reused.
 */
export interface PatternMatch {
  /** Index of the pattern in the list the matcher was built from. */
  pattern: number;
  /** UTF-16 offsets in the searched text: [start, end). */
  start: number;
  end: number;
}

interface Node {
  next: Map<number, number>;
  fail: number;
  /** Patterns ending here, this node's own and those of its failure chain. */
  outputs: number[];
}

export class AhoCorasick {
  private readonly nodes: Node[] = [{ next: new Map(), fail: 0, outputs: [] }];
  private readonly lengths: number[];

  constructor(patterns: readonly string[]) {
    this.lengths = patterns.map((p) => p.length);
    patterns.forEach((pattern, index) => {
      if (pattern.length === 0) return;
      let state = 0;
      for (let i = 0; i < pattern.length; i += 1) {
        const code = pattern.charCodeAt(i);
        let child = this.nodes[state]!.next.get(code);
        if (child === undefined) {
          child = this.nodes.length;
          this.nodes.push({ next: new Map(), fail: 0, outputs: [] });
          this.nodes[state]!.next.set(code, child);
        }
        state = child;
      }
      this.nodes[state]!.outputs.push(index);
    });
    this.linkFailures();
  }

  /** Breadth first: a node's failure link is the longest proper suffix of its path that is also a prefix. */
  private linkFailures() {
    const queue: number[] = [...this.nodes[0]!.next.values()];
    for (let head = 0; head < queue.length; head += 1) {
      const state = queue[head]!;
      const node = this.nodes[state]!;
      for (const [code, child] of node.next) {
        queue.push(child);
        let fail = node.fail;
        while (fail !== 0 && !this.nodes[fail]!.next.has(code)) fail = this.nodes[fail]!.fail;
        const target = this.nodes[fail]!.next.get(code);
        const childNode = this.nodes[child]!;
        childNode.fail = target !== undefined && target !== child ? target : 0;
        childNode.outputs.push(...this.nodes[childNode.fail]!.outputs);
      }
    }
  }

  get isEmpty(): boolean {
    return this.nodes.length === 1;
  }

  /** Every occurrence, overlapping ones included, ordered by where they end. */
  findAll(text: string): PatternMatch[] {
    const matches: PatternMatch[] = [];
    if (this.isEmpty) return matches;
    let state = 0;
    for (let i = 0; i < text.length; i += 1) {
      const code = text.charCodeAt(i);
      let next = this.nodes[state]!.next.get(code);
      while (next === undefined && state !== 0) {
        state = this.nodes[state]!.fail;
        next = this.nodes[state]!.next.get(code);
      }
      state = next ?? 0;
      for (const pattern of this.nodes[state]!.outputs) {
        matches.push({ pattern, start: i + 1 - this.lengths[pattern]!, end: i + 1 });
      }
    }
    return matches;
  }
}
