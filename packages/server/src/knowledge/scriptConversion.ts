import type { Locale } from '@kefu/shared';
import * as OpenCC from 'opencc-js';

// Built on first use: OpenCC's Simplified-to-Traditional table takes a few hundred milliseconds to load, which
// a workspace writing in one script never needs and start-up should not pay.
let toTraditional: ((text: string) => string) | undefined;
let toSimplified: ((text: string) => string) | undefined;

/** Which language stands in when an entry has no variant in the one wanted: Simplified and Traditional Chinese. */
export const FALLBACK_LOCALE: Partial<Record<Locale, Locale>> = { 'zh-CN': 'zh-TW', 'zh-TW': 'zh-CN' };

/**
 * Converts text written for one Chinese script for a reader of the other (OpenCC, phrase-aware); undefined
 * when no conversion is needed or possible.
 */
export function scriptConverter(from: Locale, wanted: Locale | undefined): ((text: string) => string) | undefined {
  if (!wanted || from === wanted) return undefined;
  if (from === 'zh-CN' && wanted === 'zh-TW') {
    toTraditional ??= OpenCC.Converter({ from: 'cn', to: 'tw' });
    return toTraditional;
  }
  if (from === 'zh-TW' && wanted === 'zh-CN') {
    toSimplified ??= OpenCC.Converter({ from: 'tw', to: 'cn' });
    return toSimplified;
  }
  return undefined;
}
