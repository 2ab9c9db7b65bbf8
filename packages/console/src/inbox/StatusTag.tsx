import type { ConversationStatus } from '@kefu/shared';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const COLORS: Record<ConversationStatus, string> = {
  open: 'processing',
  pending: 'warning',
  snoozed: 'purple',
  resolved: 'default',
};

export function StatusTag({ status }: { status: ConversationStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLORS[status]} style={{ marginInlineEnd: 0 }} data-testid="status-tag">
      {t(`inbox.statuses.${status}`)}
    </Tag>
  );
}
