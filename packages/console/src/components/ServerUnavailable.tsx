import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';

export function ServerUnavailable({ onRetry }: { onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <Result
      status="warning"
      title={t('app.serverUnavailable')}
      subTitle={t('app.serverUnavailableHint')}
      extra={
        <Button type="primary" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      }
    />
  );
}
