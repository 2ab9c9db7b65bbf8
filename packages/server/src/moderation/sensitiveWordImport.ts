import { MODERATION_LIMITS, type SensitiveWordAction } from '@kefu/shared';
import { normalizeText } from '../text/normalize.js';

export interface ImportLine {
  line: number;
  word: string;
  category: string;
  action: SensitiveWordAction | null;
}

export interface ImportProblem {
  field: string;
  issue: string;
}

/** Spellings of the action column an admin may paste, in Chinese or English. */
const ACTION_NAMES: Record<string, SensitiveWordAction | null> = {
  block: 'block',
  拦截: 'block',
  禁止: 'block',
  屏蔽: 'block',
  warn: 'warn',
  提醒: 'warn',
  警告: 'warn',
  default: null,
  默认: null,
};

const SEPARATOR = /[,，\t]/;

/**
 * Reads a pasted list: one word per line as `词`, `词,分类` or `词,分类,拦截`, with a comma, a full-width
 * comma or a tab between columns. Blank lines and lines starting with # are skipped. Lines without a category
 * or action take the defaults. Every bad line is reported (line numbers from 1), so the paste can be fixed.
 */
export function parseSensitiveWordList(
  text: string,
  defaults: { category: string; action: SensitiveWordAction | null },
): { lines: ImportLine[]; problems: ImportProblem[] } {
  const lines: ImportLine[] = [];
  const problems: ImportProblem[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const trimmed = raw.trim();
    if (!trimmed || trimmed.startsWith('#')) return;
    const parsed = parseLine(trimmed, index + 1, defaults);
    if (typeof parsed === 'string') problems.push({ field: 'body.text', issue: `line ${index + 1}: ${parsed}` });
    else lines.push(parsed);
  });
  return { lines, problems };
}

/** One line, or what is wrong with it. */
function parseLine(
  trimmed: string,
  line: number,
  defaults: { category: string; action: SensitiveWordAction | null },
): ImportLine | string {
  const [word = '', category, action, ...rest] = trimmed.split(SEPARATOR).map((part) => part.trim());
  if (rest.length > 0) return 'has more than three columns';
  if (!word) return 'has no word';
  if (word.length > MODERATION_LIMITS.wordMaxLength) {
    return `the word is longer than ${MODERATION_LIMITS.wordMaxLength} characters`;
  }
  if (category && category.length > MODERATION_LIMITS.categoryMaxLength) {
    return `the category is longer than ${MODERATION_LIMITS.categoryMaxLength} characters`;
  }
  let chosen = defaults.action;
  if (action) {
    // Traditional spellings (攔截) and full-width letters fold to the names above.
    const named = ACTION_NAMES[normalizeText(action)];
    if (named === undefined) return `unknown action "${action.slice(0, 20)}" (block/拦截 or warn/提醒)`;
    chosen = named;
  }
  return { line, word, category: category || defaults.category, action: chosen };
}
