import { GlobalOutlined } from '@ant-design/icons';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../i18n/i18n';
import { useChangeLanguage } from '../i18n/useChangeLanguage';
import { useLocaleOptions } from '../i18n/useLocaleOptions';

export function LanguageSwitch() {
  const { t } = useTranslation();
  const changeLanguage = useChangeLanguage();
  return (
    <Select
      aria-label={t('languages.label')}
      data-testid="language-switch"
      value={currentLocale()}
      options={useLocaleOptions()}
      onChange={(locale) => void changeLanguage(locale)}
      prefix={<GlobalOutlined />}
      variant="borderless"
      popupMatchSelectWidth={false}
    />
  );
}
