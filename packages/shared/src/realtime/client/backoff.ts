export const BACKOFF_BASE_MS = 500;
export const BACKOFF_CAP_MS = 30_000;

/**
 * Exponential backoff with full jitter: the n-th retry waits a random time in [0, min(cap, base · 2ⁿ)), so
 * thousands of clients that lost the same server do not all come back in the same instant.
 * `reset()` after a connection succeeded starts again from `base`.
 */
export class Backoff {
  private attempt = 0;

  constructor(
    readonly baseMs = BACKOFF_BASE_MS,
    readonly capMs = BACKOFF_CAP_MS,
    private readonly random: () => number = Math.random,
  ) {}

  get attempts(): number {
    return this.attempt;
  }

  /** The ceiling of the next delay (the delay itself is random below it). */
  ceiling(): number {
    return Math.min(this.capMs, this.baseMs * 2 ** Math.min(this.attempt, 30));
  }

  next(): number {
    const delay = Math.floor(this.random() * this.ceiling());
    this.attempt++;
    return delay;
  }

  reset(): void {
    this.attempt = 0;
  }
}
