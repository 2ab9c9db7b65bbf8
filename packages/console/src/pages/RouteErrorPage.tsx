import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';

/** Shown instead of a page that crashed while rendering, so the user gets a way out rather than a blank screen. */
export function RouteErrorPage() {
  const { t } = useTranslation();
  return (
    <Result
      status="500"
      title={t('fallback.errorTitle')}
      subTitle={t('fallback.errorText')}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t('fallback.reload')}
        </Button>
      }
    />
  );
}
