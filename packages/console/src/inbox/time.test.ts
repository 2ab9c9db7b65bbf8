import { describe, expect, it } from 'vitest';
import { formatClock, formatDuration, formatRelative } from './time';

describe('time formatting', () => {
  it('shows waiting times as m:ss or h:mm:ss', () => {
    expect(formatDuration(42_000)).toBe('0:42');
    expect(formatDuration(12 * 60_000 + 5_000)).toBe('12:05');
    expect(formatDuration(3_600_000 + 2 * 60_000 + 9_000)).toBe('1:02:09');
    expect(formatDuration(-5)).toBe('0:00');
  });

  it('says "just now" (null) for the last 45 seconds, then minutes and hours ago', () => {
    const now = Date.parse('2025-03-18T12:00:00Z');
    expect(formatRelative('2025-03-18T11:59:30Z', now, 'en')).toBeNull();
    // The exact words come from the browser's ICU data; the numbers and units are what matter.
    expect(formatRelative('2025-03-18T11:55:00Z', now, 'en')).toMatch(/^5\s?m.*ago$/);
    expect(formatRelative('2025-03-18T09:00:00Z', now, 'zh-CN')).toMatch(/^3\s?小时前$/);
  });

  it('adds the date to message times from another day', () => {
    const now = Date.parse('2025-03-18T12:00:00');
    expect(formatClock('2025-03-18T08:05:00', 'en-GB', now)).toBe('08:05');
    expect(formatClock('2025-03-17T08:05:00', 'en-GB', now)).toMatch(/^17\/03,? 08:05$/);
  });
});
