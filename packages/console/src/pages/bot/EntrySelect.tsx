import type { BotEntryRef } from '@kefu/shared';
import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { findKnowledgeEntries } from '../../api/bot';

/**
 * Picks a published knowledge entry by searching its questions. `known` names entries whose titles are known
 * already (the closest entry of a learning group, the entry a menu item names), so the current value reads well.
 */
export function EntrySelect({
  value,
  onChange,
  known = [],
  id,
}: {
  value?: string | null;
  onChange?: (entryId: string) => void;
  known?: BotEntryRef[];
  id?: string;
}) {
  const { t } = useTranslation();
  const [words, setWords] = useState('');
  const found = useQuery({
    queryKey: ['bot', 'entry-search', words],
    queryFn: () => findKnowledgeEntries(words),
    enabled: words.trim().length > 0,
  });
  const options = new Map(known.map((entry) => [entry.entryId, entry.title]));
  for (const hit of found.data?.items ?? []) options.set(hit.entryId, hit.title);
  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setWords }}
      value={value ?? undefined}
      onChange={onChange}
      placeholder={t('bot.learning.searchEntry')}
      loading={found.isFetching}
      options={[...options].map(([entryId, title]) => ({ value: entryId, label: title }))}
      style={{ width: '100%' }}
    />
  );
}
