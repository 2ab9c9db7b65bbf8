import { UploadOutlined } from '@ant-design/icons';
import type { QuickReplyImportResult, QuickReplyImportRowError } from '@kefu/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Modal, Table, type TableColumnsType, Typography } from 'antd';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { importQuickReplies, importRowErrors, quickRepliesKey } from '../../../api/quickReplies';
import { ErrorAlert } from '../../../components/ErrorAlert';

/**
 * Imports a spreadsheet. The server takes all rows or none; when it refuses, every problem is listed by
 * row and column, in the user's language, so the file can be fixed and sent again.
 */
export function ImportModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const input = useRef<HTMLInputElement>(null);

  const upload = useMutation<QuickReplyImportResult, unknown, File>({
    mutationFn: importQuickReplies,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: quickRepliesKey }),
  });
  const rowErrors = importRowErrors(upload.error);

  const columns: TableColumnsType<QuickReplyImportRowError> = [
    { key: 'row', title: t('quickReplies.importRow'), dataIndex: 'row', width: 70 },
    {
      key: 'column',
      title: t('quickReplies.importColumn'),
      width: 90,
      render: (_, error) => (error.column ? t(`quickReplies.columns.${error.column}`) : ''),
    },
    {
      key: 'problem',
      title: t('quickReplies.importProblem'),
      render: (_, error) => t(`quickReplies.importIssues.${error.issue}`, { value: error.value ?? '' }),
    },
  ];

  return (
    <Modal open width={680} title={t('quickReplies.importTitle')} footer={null} onCancel={onClose}>
      <Typography.Paragraph type="secondary">{t('quickReplies.importHint')}</Typography.Paragraph>
      <Button
        icon={<UploadOutlined />}
        loading={upload.isPending}
        onClick={() => input.current?.click()}
        style={{ marginBottom: 12 }}
      >
        {upload.isPending ? t('quickReplies.importing') : t('quickReplies.importChoose')}
      </Button>
      <input
        ref={input}
        type="file"
        accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
        hidden
        aria-label={t('quickReplies.importChoose')}
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file) upload.mutate(file);
          event.target.value = '';
        }}
      />
      {upload.isSuccess ? (
        <Alert
          type="success"
          showIcon
          title={t('quickReplies.importDone', {
            created: upload.data.created,
            updated: upload.data.updated,
            categories: upload.data.categoriesCreated,
          })}
        />
      ) : null}
      {rowErrors.length > 0 ? (
        <>
          <Alert
            type="error"
            showIcon
            title={t('quickReplies.importRefused', { rows: new Set(rowErrors.map((e) => e.row)).size })}
            style={{ marginBottom: 12 }}
          />
          <Table<QuickReplyImportRowError>
            aria-label={t('quickReplies.importReportLabel')}
            size="small"
            rowKey={(error) => `${error.row}-${error.column}-${error.issue}-${error.value}`}
            columns={columns}
            dataSource={rowErrors}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
          />
        </>
      ) : upload.isError ? (
        <ErrorAlert error={upload.error} />
      ) : null}
    </Modal>
  );
}
