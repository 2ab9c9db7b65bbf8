import type { QuickReplyImportRowError } from '@kefu/shared';
import { useTranslation } from 'react-i18next';
import { importQuickReplies, quickRepliesKey } from '../../../api/quickReplies';
import { SpreadsheetImportModal } from '../../../components/SpreadsheetImportModal';

/** Imports quick replies from XLSX or CSV (分类, 标题, 内容, 范围). */
export function ImportModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <SpreadsheetImportModal<QuickReplyImportRowError>
      title={t('quickReplies.importTitle')}
      hint={t('quickReplies.importHint')}
      choose={t('quickReplies.importChoose')}
      upload={importQuickReplies}
      invalidates={quickRepliesKey}
      refused={(rows) => t('quickReplies.importRefused', { rows })}
      columnName={(column) => t(`quickReplies.columns.${column}`)}
      issueText={(error) => t(`quickReplies.importIssues.${error.issue}`, { value: error.value ?? '' })}
      onClose={onClose}
    />
  );
}
