import type { KnowledgeColumn, KnowledgeStatus, Locale } from '@kefu/shared';

/**
 * How FAQ entries look in a spreadsheet: 标准问题 | 相似问题 | 答案 | 分类 | 状态 | 语言. Similar questions share
 * one cell, one per line (Alt+Enter in Excel) or separated by |; a category is a path such as 售后服务/退换货.
 * Exports use the Simplified Chinese words; imports also take the Traditional Chinese and English ones.
 */
export const KNOWLEDGE_HEADINGS: Record<KnowledgeColumn, string> = {
  question: '标准问题',
  similar: '相似问题',
  answer: '答案',
  category: '分类',
  status: '状态',
  locale: '语言',
};

const HEADING_ALIASES: Record<KnowledgeColumn, string[]> = {
  question: ['标准问题', '標準問題', '问题', '問題', 'question', 'standard question'],
  similar: ['相似问题', '相似問題', '相似问法', '相似問法', 'similar questions', 'similar'],
  answer: ['答案', '回答', '答复', '答覆', 'answer'],
  category: ['分类', '分類', 'category'],
  status: ['状态', '狀態', 'status'],
  locale: ['语言', '語言', 'language', 'locale'],
};

export function locateKnowledgeColumns(headings: string[]): Partial<Record<KnowledgeColumn, number>> {
  const located: Partial<Record<KnowledgeColumn, number>> = {};
  headings.forEach((heading, index) => {
    const name = heading.trim().toLowerCase();
    for (const [column, aliases] of Object.entries(HEADING_ALIASES) as [KnowledgeColumn, string[]][]) {
      if (located[column] === undefined && aliases.includes(name)) located[column] = index;
    }
  });
  return located;
}

export function splitSimilarQuestions(cell: string): string[] {
  return cell
    .split(/\r?\n|[|｜]/)
    .map((q) => q.trim())
    .filter(Boolean);
}

export function joinSimilarQuestions(questions: string[]): string {
  return questions.join('\n');
}

export function splitCategoryPath(cell: string): string[] {
  return cell
    .split(/[/／>＞]/)
    .map((name) => name.trim())
    .filter(Boolean);
}

export const joinCategoryPath = (names: string[]) => names.join('/');

const STATUS_WORDS: Record<KnowledgeStatus, string[]> = {
  published: ['已发布', '已發布', '发布', '發布', 'published'],
  draft: ['草稿', 'draft'],
};

export const STATUS_LABELS: Record<KnowledgeStatus, string> = { published: '已发布', draft: '草稿' };

export function parseStatus(cell: string): KnowledgeStatus | null {
  const word = cell.trim().toLowerCase();
  for (const [status, words] of Object.entries(STATUS_WORDS) as [KnowledgeStatus, string[]][]) {
    if (words.includes(word)) return status;
  }
  return null;
}

const LOCALE_WORDS: Record<Locale, string[]> = {
  'zh-CN': ['zh-cn', '简体中文', '簡體中文', '简体', '簡體', 'zh-hans'],
  'zh-TW': ['zh-tw', '繁体中文', '繁體中文', '繁体', '繁體', 'zh-hant'],
  en: ['en', 'english', '英文', '英语', '英語'],
};

export function parseLocale(cell: string): Locale | null {
  const word = cell.trim().toLowerCase();
  for (const [locale, words] of Object.entries(LOCALE_WORDS) as [Locale, string[]][]) {
    if (words.includes(word)) return locale;
  }
  return null;
}
