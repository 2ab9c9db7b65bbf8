import type { UserView } from '@kefu/shared';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const statusColors: Record<UserView['status'], string> = {
  active: 'green',
  invited: 'gold',
  disabled: 'default',
};

export function UserStatusTag({ status }: { status: UserView['status'] }) {
  const { t } = useTranslation();
  return <Tag color={statusColors[status]}>{t(`userStatuses.${status}`)}</Tag>;
}
