import { type KnowledgeImportRowError, LOCALES, type Locale } from '@kefu/shared';
import { Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { importKnowledge, knowledgeKey } from '../../api/knowledge';
import { SpreadsheetImportModal } from '../../components/SpreadsheetImportModal';

/** Imports FAQ entries from XLSX or CSV (标准问题, 相似问题, 答案, 分类, 状态, 语言). */
export function ImportModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [locale, setLocale] = useState<Locale>('zh-CN');

  return (
    <SpreadsheetImportModal<KnowledgeImportRowError>
      title={t('knowledge.import.title')}
      hint={t('knowledge.import.hint')}
      choose={t('knowledge.import.choose')}
      upload={(file) => importKnowledge(file, locale)}
      invalidates={knowledgeKey}
      options={
        <Select<Locale>
          aria-label={t('knowledge.import.defaultLanguage')}
          value={locale}
          onChange={setLocale}
          style={{ width: 140 }}
          options={LOCALES.map((l) => ({ value: l, label: t(`languages.${l}`) }))}
        />
      }
      refused={(rows) => t('knowledge.import.refused', { rows })}
      columnName={(column) => t(`knowledge.import.columns.${column}`)}
      issueText={(error) => t(`knowledge.import.issues.${error.issue}`, { value: error.value ?? '' })}
      onClose={onClose}
    />
  );
}
