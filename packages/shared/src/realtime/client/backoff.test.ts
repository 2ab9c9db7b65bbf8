import { describe, expect, it } from 'vitest';
import { Backoff } from './backoff.js';

describe('Backoff', () => {
  it('draws each delay below a ceiling that doubles from 0.5 s up to the 30 s cap', () => {
    const backoff = new Backoff(500, 30_000, () => 0.999_999);
    const delays = Array.from({ length: 10 }, () => backoff.next());
    expect(delays).toEqual([499, 999, 1999, 3999, 7999, 15_999, 29_999, 29_999, 29_999, 29_999]);
  });

  it('is fully jittered: anywhere from 0 up to (not including) the ceiling', () => {
    let r = 0;
    const values = [0, 0.25, 0.5, 0.75, 0.999];
    const backoff = new Backoff(500, 30_000, () => values[r++ % values.length] ?? 0);
    const seen: number[] = [];
    for (let attempt = 0; attempt < 25; attempt++) {
      const ceiling = backoff.ceiling();
      const delay = backoff.next();
      seen.push(delay);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(ceiling);
    }
    expect(seen[0]).toBe(0);
    expect(seen[2]).toBe(1000); // 0.5 of the third ceiling (2 s)
  });

  it('starts again from the base after reset()', () => {
    const backoff = new Backoff(500, 30_000, () => 0.999_999);
    for (let i = 0; i < 8; i++) backoff.next();
    expect(backoff.ceiling()).toBe(30_000);
    backoff.reset();
    expect(backoff.attempts).toBe(0);
    expect(backoff.next()).toBe(499);
  });
});
