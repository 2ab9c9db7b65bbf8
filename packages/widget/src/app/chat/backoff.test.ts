import { describe, expect, it } from 'vitest';
import { Backoff } from './backoff';

describe('Backoff', () => {
  it('draws each delay below a ceiling that doubles from 0.5 s up to the 30 s cap', () => {
    const backoff = new Backoff(500, 30_000, () => 0.999_999);
    const delays = Array.from({ length: 10 }, () => backoff.next());
    expect(delays).toEqual([499, 999, 1999, 3999, 7999, 15_999, 29_999, 29_999, 29_999, 29_999]);
  });

  it('is fully jittered: any value in [0, ceiling) can come out, never above it', () => {
    let r = 0;
    const values = [0, 0.25, 0.5, 0.75, 0.999];
    const backoff = new Backoff(500, 30_000, () => values[r++ % values.length] ?? 0);
    for (let attempt = 0; attempt < 25; attempt++) {
      const ceiling = backoff.ceiling();
      const delay = backoff.next();
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(ceiling);
      expect(ceiling).toBeLessThanOrEqual(30_000);
    }
    const real = new Backoff();
    const samples = new Set(
      Array.from({ length: 20 }, () => {
        real.reset();
        return real.next();
      }),
    );
    expect(samples.size).toBeGreaterThan(1); // Math.random jitter, all below 500
    for (const s of samples) expect(s).toBeLessThan(500);
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
