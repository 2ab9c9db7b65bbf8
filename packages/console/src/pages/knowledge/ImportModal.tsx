import { UploadOutlined } from '@ant-design/icons';
import { type KnowledgeImportResult, type KnowledgeImportRowError, LOCALES, type Locale } from '@kefu/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Flex, Modal, Select, Table, type TableColumnsType, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { importKnowledge, knowledgeImportRowErrors, knowledgeKey } from '../../api/knowledge';
import { ErrorAlert } from '../../components/ErrorAlert';

/**
 * Imports FAQ entries from XLSX or CSV (标准问题, 相似问题, 答案, 分类, 状态, 语言). The server takes all rows or
 * none; a refusal lists every problem by row and column so the file can be fixed and sent again.
 */
export function ImportModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [locale, setLocale] = useState<Locale>('zh-CN');

  const upload = useMutation<KnowledgeImportResult, unknown, File>({
    mutationFn: (file) => importKnowledge(file, locale),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: knowledgeKey }),
  });
  const rowErrors = knowledgeImportRowErrors(upload.error);

  const columns: TableColumnsType<KnowledgeImportRowError> = [
    { key: 'row', title: t('knowledge.import.row'), dataIndex: 'row', width: 70 },
    {
      key: 'column',
      title: t('knowledge.import.column'),
      width: 100,
      render: (_, error) => (error.column ? t(`knowledge.import.columns.${error.column}`) : ''),
    },
    {
      key: 'problem',
      title: t('knowledge.import.problem'),
      render: (_, error) => t(`knowledge.import.issues.${error.issue}`, { value: error.value ?? '' }),
    },
  ];

  return (
    <Modal open width={680} title={t('knowledge.import.title')} footer={null} onCancel={onClose}>
      <Typography.Paragraph type="secondary">{t('knowledge.import.hint')}</Typography.Paragraph>
      <Flex gap={8} align="center" style={{ marginBottom: 12 }}>
        <Select<Locale>
          aria-label={t('knowledge.import.defaultLanguage')}
          value={locale}
          onChange={setLocale}
          style={{ width: 140 }}
          options={LOCALES.map((l) => ({ value: l, label: t(`languages.${l}`) }))}
        />
        <Button icon={<UploadOutlined />} loading={upload.isPending} onClick={() => input.current?.click()}>
          {upload.isPending ? t('knowledge.import.importing') : t('knowledge.import.choose')}
        </Button>
      </Flex>
      <input
        ref={input}
        type="file"
        accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
        hidden
        aria-label={t('knowledge.import.choose')}
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
          title={t('knowledge.import.done', {
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
            title={t('knowledge.import.refused', { rows: new Set(rowErrors.map((e) => e.row)).size })}
            style={{ marginBottom: 12 }}
          />
          <Table<KnowledgeImportRowError>
            aria-label={t('knowledge.import.report')}
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
