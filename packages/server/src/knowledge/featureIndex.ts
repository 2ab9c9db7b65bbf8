/**
 * An inverted index of one kind of token (words, characters or pinyin) over numbered documents, with each
 * document's total token weight kept current as documents come and go.
 *
 * A token weighs `factor(token) · ln(1 + RARITY_SCALE / df)`: rare tokens tell questions apart, common ones
 * (怎么, 订单 in a shop) hardly. The scale is a constant rather than the number of documents so that a weight
 * changes only with the token's own document frequency: adding a document adjusts the totals of the documents
 * sharing its tokens, never all of them, and scores stay comparable between small and large knowledge bases.
 */
export const RARITY_SCALE = 2000;

/** A query token no document has: probably meaningful (a product the shop does not sell) or a typo. */
const UNSEEN_DF = 1;

/** Told when a token enters the index (its first document) and when it leaves it (its last). */
export interface TokenListener {
  added(token: string): void;
  removed(token: string): void;
}

export class FeatureIndex {
  private readonly postings = new Map<string, number[]>();
  private readonly docTokens: (string[] | undefined)[] = [];
  /** Σ weight of each document's tokens. */
  readonly norms: number[] = [];
  private unionMarks = new Int32Array(0);
  private unionNumber = 0;

  constructor(
    private readonly factor: (token: string) => number,
    /** Weight of query tokens that no document has, as a document frequency. */
    private readonly unseenDf = UNSEEN_DF,
    /** Whether a token counts in its document's total (sub-words do not: they repeat a word already counted). */
    private readonly counted: (token: string) => boolean = () => true,
    private readonly listener?: TokenListener,
  ) {}

  private weightAt(token: string, df: number): number {
    return df === 0 ? 0 : this.factor(token) * Math.log(1 + RARITY_SCALE / df);
  }

  /** The weight a query token carries. */
  weight(token: string): number {
    const df = this.postings.get(token)?.length ?? 0;
    return this.weightAt(token, df === 0 ? this.unseenDf : df);
  }

  /**
   * The weight of a token that stands for several (a word and its synonyms): as rare as the documents having
   * any of them, weighed as the token itself. Unseen all, it weighs as the token unseen.
   */
  weightOfAny(token: string, tokens: readonly string[]): number {
    let df = 0;
    if (tokens.length === 1) df = this.postings.get(tokens[0]!)?.length ?? 0;
    else {
      if (this.unionMarks.length < this.docTokens.length) {
        const grown = new Int32Array(Math.max(this.docTokens.length, this.unionMarks.length * 2, 1024));
        grown.set(this.unionMarks);
        this.unionMarks = grown;
      }
      const mark = ++this.unionNumber;
      for (const each of tokens) {
        const docs = this.postings.get(each);
        if (!docs) continue;
        for (const doc of docs) {
          if (this.unionMarks[doc] === mark) continue;
          this.unionMarks[doc] = mark;
          df += 1;
        }
      }
    }
    return this.weightAt(token, df === 0 ? this.unseenDf : df);
  }

  /** Whether any document has the token. */
  has(token: string): boolean {
    return this.postings.has(token);
  }

  /** Documents holding the token (do not change the array). */
  docsWith(token: string): readonly number[] | undefined {
    return this.postings.get(token);
  }

  /** Adds a document; `bulk` skips keeping other documents' totals, for a build that ends in `computeNorms`. */
  add(doc: number, tokens: string[], bulk = false): void {
    this.docTokens[doc] = tokens;
    for (const token of tokens) {
      let docs = this.postings.get(token);
      if (!docs) {
        docs = [];
        this.postings.set(token, docs);
        this.listener?.added(token);
      }
      if (!bulk && docs.length > 0 && this.counted(token)) this.shiftNorms(token, docs, docs.length, docs.length + 1);
      docs.push(doc);
    }
    if (!bulk) this.norms[doc] = this.normOf(tokens);
  }

  remove(doc: number): void {
    const tokens = this.docTokens[doc];
    if (!tokens) return;
    this.docTokens[doc] = undefined;
    this.norms[doc] = 0;
    for (const token of tokens) {
      const docs = this.postings.get(token);
      if (!docs) continue;
      const at = docs.indexOf(doc);
      if (at < 0) continue;
      docs[at] = docs[docs.length - 1]!;
      docs.pop();
      if (docs.length === 0) {
        this.postings.delete(token);
        this.listener?.removed(token);
      } else if (this.counted(token)) this.shiftNorms(token, docs, docs.length + 1, docs.length);
    }
  }

  computeNorms(): void {
    this.docTokens.forEach((tokens, doc) => {
      if (tokens) this.norms[doc] = this.normOf(tokens);
    });
  }

  private normOf(tokens: string[]): number {
    let sum = 0;
    for (const token of tokens) {
      if (this.counted(token)) sum += this.weightAt(token, this.postings.get(token)?.length ?? 1);
    }
    return sum;
  }

  private shiftNorms(token: string, docs: number[], fromDf: number, toDf: number): void {
    const delta = this.weightAt(token, toDf) - this.weightAt(token, fromDf);
    for (const doc of docs) this.norms[doc] = (this.norms[doc] ?? 0) + delta;
  }
}
