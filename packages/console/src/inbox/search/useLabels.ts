import type { LabelView } from '@kefu/shared';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { labelsKey, listLabels } from '../../api/labels';

/** The workspace's labels, and each one's colour by name (conversations carry label names). */
export function useLabels(enabled = true) {
  const labels = useQuery({ queryKey: labelsKey, queryFn: listLabels, staleTime: 60_000, enabled });
  const byName = useMemo(
    () => new Map<string, LabelView>((labels.data?.items ?? []).map((label) => [label.name, label])),
    [labels.data],
  );
  return { labels: labels.data?.items ?? [], byName, query: labels };
}
