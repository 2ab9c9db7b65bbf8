import type { SensitiveWordAction } from '@kefu/shared';
import { useTranslation } from 'react-i18next';

/** A word's own action, or `default` for the workspace's; forms cannot hold null as a Select value. */
export type ActionChoice = SensitiveWordAction | 'default';

export const toChoice = (action: SensitiveWordAction | null): ActionChoice => action ?? 'default';
export const fromChoice = (choice: ActionChoice): SensitiveWordAction | null => (choice === 'default' ? null : choice);

export function useActionOptions(): { value: ActionChoice; label: string }[] {
  const { t } = useTranslation();
  return [
    { value: 'default', label: t('sensitiveWords.actions.default') },
    { value: 'warn', label: t('sensitiveWords.actions.warn') },
    { value: 'block', label: t('sensitiveWords.actions.block') },
  ];
}
