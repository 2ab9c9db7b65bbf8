import { ROLES, type Role } from '@kefu/shared';
import { useTranslation } from 'react-i18next';

export function useRoleOptions(): { value: Role; label: string }[] {
  const { t } = useTranslation();
  return ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }));
}
