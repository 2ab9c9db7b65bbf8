import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** A one-time secret (invite link, API token) shown in full with a copy button. */
export function CopyableSecret({ value, testId }: { value: string; testId: string }) {
  const { t } = useTranslation();
  return (
    <Typography.Paragraph
      code
      copyable={{ text: value, tooltips: [t('common.copy'), t('common.copied')] }}
      data-testid={testId}
      style={{ wordBreak: 'break-all' }}
    >
      {value}
    </Typography.Paragraph>
  );
}
