import { Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { ChangePasswordForm } from './ChangePasswordForm';

export function ChangePasswordModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal open title={t('password.title')} onCancel={onClose} footer={null}>
      <ChangePasswordForm onChanged={onClose} />
    </Modal>
  );
}
