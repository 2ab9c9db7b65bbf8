import type { Locale } from '@kefu/shared';
import type { AppContext } from '../context.js';
import { listVariants } from '../knowledge/knowledgeEntryRepository.js';
import type { EntryAnswer } from './botDecision.js';

/** Languages tried in order when the customer's has no published version: Chinese scripts stand in for each other. */
const FALLBACKS: Record<Locale, Locale[]> = {
  'zh-CN': ['zh-CN', 'zh-TW'],
  'zh-TW': ['zh-TW', 'zh-CN'],
  en: ['en'],
};

/**
 * A knowledge entry's published answer, for a choice the customer picked (a "您是不是想问" suggestion or a
 * menu item naming an entry). Null when the entry is gone or has no published version to show.
 */
export async function knowledgeEntryAnswer(
  ctx: AppContext,
  accountId: string,
  entryId: string,
  locale: Locale | undefined,
): Promise<EntryAnswer | null> {
  const variants = (await listVariants(ctx.db.kysely, accountId, [entryId])).filter((v) => v.status === 'published');
  const order = locale ? FALLBACKS[locale] : (['zh-CN', 'zh-TW', 'en'] as Locale[]);
  for (const wanted of order) {
    const variant = variants.find((v) => v.locale === wanted);
    if (variant) return { entryId, title: variant.title, text: variant.body_text };
  }
  return null;
}
