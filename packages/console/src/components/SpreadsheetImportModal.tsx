import { UploadOutlined } from '@ant-design/icons';
import { type QueryKey, useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Flex, Modal, Table, type TableColumnsType, Typography } from 'antd';
import { type ReactNode, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { type ImportResult, type ImportRowError, importRowErrors } from '../api/spreadsheetImport';
import { ErrorAlert } from './ErrorAlert';

interface SpreadsheetImportModalProps<E extends ImportRowError> {
  title: string;
  hint: string;
  /** The file picker's label. */
  choose: string;
  /** Sends the file; the server takes all rows or none. */
  upload: (file: File) => Promise<ImportResult>;
  /** Refetched once the rows are in. */
  invalidates: QueryKey;
  /** Shown beside the file picker, e.g. the language for rows that name none. */
  options?: ReactNode;
  refused: (rows: number) => string;
  columnName: (column: NonNullable<E['column']>) => string;
  issueText: (error: E) => string;
  onClose: () => void;
}

/**
 * Imports an XLSX or CSV file. When the server refuses it, every problem is listed by row and column, in the
 * user's language, so the file can be fixed and sent again.
 */
export function SpreadsheetImportModal<E extends ImportRowError>({
  title,
  hint,
  choose,
  upload: send,
  invalidates,
  options,
  refused,
  columnName,
  issueText,
  onClose,
}: SpreadsheetImportModalProps<E>) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const input = useRef<HTMLInputElement>(null);

  const upload = useMutation<ImportResult, unknown, File>({
    mutationFn: send,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: invalidates }),
  });
  const rowErrors = importRowErrors<E>(upload.error);

  const columns: TableColumnsType<E> = [
    { key: 'row', title: t('spreadsheet.row'), dataIndex: 'row', width: 70 },
    {
      key: 'column',
      title: t('spreadsheet.column'),
      width: 100,
      render: (_, error) => (error.column ? columnName(error.column as NonNullable<E['column']>) : ''),
    },
    { key: 'problem', title: t('spreadsheet.problem'), render: (_, error) => issueText(error) },
  ];

  return (
    <Modal open width={680} title={title} footer={null} onCancel={onClose}>
      <Typography.Paragraph type="secondary">{hint}</Typography.Paragraph>
      <Flex gap={8} align="center" style={{ marginBottom: 12 }}>
        {options}
        <Button icon={<UploadOutlined />} loading={upload.isPending} onClick={() => input.current?.click()}>
          {upload.isPending ? t('spreadsheet.importing') : choose}
        </Button>
      </Flex>
      <input
        ref={input}
        type="file"
        accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
        hidden
        aria-label={choose}
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
          title={t('spreadsheet.done', {
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
            title={refused(new Set(rowErrors.map((e) => e.row)).size)}
            style={{ marginBottom: 12 }}
          />
          <Table<E>
            aria-label={t('spreadsheet.report')}
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
