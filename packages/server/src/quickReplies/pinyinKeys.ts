import type { QuickReplyKeys } from '@kefu/shared';
import { pinyin } from 'pinyin-pro';

/**
 * Lower-case pinyin of a text, joined: each Chinese character (Traditional ones too) gives its syllable, or
 * its first letter for `initials`; letters and digits of anything else are kept whole (VIP专属 → vipzs).
 * Variables such as {{contact.name}} are left out: nobody types them to search.
 */
function pinyinOf(text: string, pattern: 'pinyin' | 'first'): string {
  const withoutVariables = text.replace(/\{\{[^{}]*\}\}/g, ' ');
  return pinyin(withoutVariables, { pattern, toneType: 'none', type: 'array', nonZh: 'consecutive', v: true })
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** Computed when a reply is saved, so the console needs no pinyin dictionary (about 145 KB gzipped). */
export function quickReplyKeysFor(title: string, content: string): QuickReplyKeys {
  return {
    titlePinyin: pinyinOf(title, 'pinyin'),
    titleInitials: pinyinOf(title, 'first'),
    contentInitials: pinyinOf(content, 'first'),
  };
}

/** The same keys as the columns that store them. */
export function pinyinKeyColumns(title: string, content: string) {
  const keys = quickReplyKeysFor(title, content);
  return { title_pinyin: keys.titlePinyin, title_initials: keys.titleInitials, content_initials: keys.contentInitials };
}
