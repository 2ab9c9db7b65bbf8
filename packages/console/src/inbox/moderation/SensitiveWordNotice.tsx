import { ExclamationCircleOutlined, StopOutlined } from '@ant-design/icons';
import { Button, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRealtime } from '../../realtime/RealtimeContext';
import type { PendingMessage } from '../../realtime/stores';
import { matchedWords } from './sensitiveMatches';

/**
 * Under a reply the server refused for sensitive words: which words, and for a warning the choice to send it
 * all the same (the server records that). A blocked reply can only be deleted and rewritten.
 */
export function SensitiveWordNotice({ pending, onDiscard }: { pending: PendingMessage; onDiscard(): void }) {
  const { t } = useTranslation();
  const realtime = useRealtime();
  const words = matchedWords(pending.sensitive ?? []);
  const blocked = pending.error === 'SENSITIVE_WORD_BLOCKED';
  return (
    <Space size={4} wrap data-testid="sensitive-notice" data-blocked={blocked}>
      <Typography.Text type={blocked ? 'danger' : 'warning'} style={{ fontSize: 12 }}>
        {blocked ? <StopOutlined /> : <ExclamationCircleOutlined />}{' '}
        {t(blocked ? 'moderation.blocked' : 'moderation.warned', { words })}
      </Typography.Text>
      {blocked ? null : (
        <Button
          size="small"
          type="link"
          onClick={() => realtime.retry(pending.clientId, { confirmSensitive: true })}
          style={{ padding: 0, height: 'auto' }}
          data-testid="send-anyway"
        >
          {t('moderation.sendAnyway')}
        </Button>
      )}
      <Button size="small" type="link" danger onClick={onDiscard} style={{ padding: 0, height: 'auto' }}>
        {t('common.delete')}
      </Button>
    </Space>
  );
}
