import { DownloadOutlined } from '@ant-design/icons';
import { SPREADSHEET_FORMATS, type SpreadsheetFormat } from '@kefu/shared';
import { Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * 导出 as XLSX or CSV. Plain links: the browser sends the session cookie with them and saves the file under the
 * server's name.
 */
export function SpreadsheetExportButton({
  href,
  testId,
}: {
  href: (format: SpreadsheetFormat) => string;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: SPREADSHEET_FORMATS.map((format) => ({
          key: format,
          label: (
            <a href={href(format)} download data-testid={`export-${format}`}>
              {t(`spreadsheet.export.${format}`)}
            </a>
          ),
        })),
      }}
    >
      <Button icon={<DownloadOutlined />} data-testid={testId}>
        {t('spreadsheet.export.button')}
      </Button>
    </Dropdown>
  );
}
