import type { Role } from '@kefu/shared';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const roleColors: Record<Role, string> = {
  admin: 'red',
  supervisor: 'orange',
  agent: 'blue',
  department: 'default',
};

export function RoleTag({ role }: { role: Role }) {
  const { t } = useTranslation();
  return <Tag color={roleColors[role]}>{t(`roles.${role}`)}</Tag>;
}
