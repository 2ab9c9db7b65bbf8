import type { QuickReplyColumn, QuickReplyScope } from '@kefu/shared';

/**
 * How quick replies look in a spreadsheet: 分类 | 标题 | 内容 | 范围, where 范围 is 个人, 全员 or 团队:<name>.
 * Exports use the Simplified Chinese words; imports also take the Traditional Chinese and English ones.
 */
export const QUICK_REPLY_HEADINGS: Record<QuickReplyColumn, string> = {
  category: '分类',
  title: '标题',
  content: '内容',
  scope: '范围',
};

const HEADING_ALIASES: Record<QuickReplyColumn, string[]> = {
  category: ['分类', '分類', 'category'],
  title: ['标题', '標題', 'title'],
  content: ['内容', '內容', 'content'],
  scope: ['范围', '範圍', 'scope'],
};

/** Which spreadsheet column holds each of ours; columns it does not know are ignored. */
export function locateColumns(headings: string[]): Partial<Record<QuickReplyColumn, number>> {
  const located: Partial<Record<QuickReplyColumn, number>> = {};
  headings.forEach((heading, index) => {
    const name = heading.trim().toLowerCase();
    for (const [column, aliases] of Object.entries(HEADING_ALIASES) as [QuickReplyColumn, string[]][]) {
      if (located[column] === undefined && aliases.includes(name)) located[column] = index;
    }
  });
  return located;
}

const PERSONAL = ['个人', '個人', 'personal'];
const WORKSPACE = ['全员', '全員', 'workspace'];
const TEAM_PREFIXES = ['团队', '團隊', 'team'];

export function scopeLabel(scope: QuickReplyScope, teamName: string | null): string {
  if (scope === 'team') return `${TEAM_PREFIXES[0]}:${teamName ?? ''}`;
  return scope === 'personal' ? (PERSONAL[0] as string) : (WORKSPACE[0] as string);
}

export type ParsedScope = { scope: 'personal' | 'workspace' } | { scope: 'team'; teamName: string } | null;

/** A blank 范围 means 个人, the one scope everybody may write. */
export function parseScopeLabel(text: string): ParsedScope {
  const label = text.trim();
  const lower = label.toLowerCase();
  if (label === '' || PERSONAL.includes(lower)) return { scope: 'personal' };
  if (WORKSPACE.includes(lower)) return { scope: 'workspace' };
  const match = /^([^:：]+)[:：](.+)$/.exec(label);
  if (match && TEAM_PREFIXES.includes((match[1] ?? '').trim().toLowerCase())) {
    return { scope: 'team', teamName: (match[2] ?? '').trim() };
  }
  return null;
}
