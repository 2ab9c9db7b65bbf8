import { foldText } from '../text/normalize.js';

/**
 * A pattern written in ordinary Chinese, folded the way messages are (text/normalize.ts), so it matches folded
 * text: OpenCC's folding also changes some Simplified characters (什么 becomes 什幺). Patterns given here
 * must keep to characters, groups and lower-case escapes, which folding leaves alone.
 */
export function foldedPattern(pattern: RegExp): RegExp {
  return new RegExp(foldText(pattern.source), pattern.flags);
}
