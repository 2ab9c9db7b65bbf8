import type { UserView } from '@kefu/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Popconfirm, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../../api/useErrorMessage';
import { disableUser, enableUser, usersKey } from '../../../api/users';

interface UserRowActionsProps {
  user: UserView;
  isSelf: boolean;
  onEdit: () => void;
  onResetPassword: () => void;
}

export function UserRowActions({ user, isSelf, onEdit, onResetPassword }: UserRowActionsProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const willEnable = user.status === 'disabled';

  const toggle = useMutation({
    mutationFn: () => (willEnable ? enableUser(user.id) : disableUser(user.id)),
    onSuccess: async (updated) => {
      message.success(t(willEnable ? 'users.enabled' : 'users.disabled', { name: updated.name }));
      await queryClient.invalidateQueries({ queryKey: usersKey });
    },
    onError: (error) => message.error(errorMessage(error)),
  });

  return (
    <Space size={0} wrap>
      <Button type="link" size="small" onClick={onEdit}>
        {t('common.edit')}
      </Button>
      <Button type="link" size="small" onClick={onResetPassword}>
        {t('users.resetPassword')}
      </Button>
      {isSelf ? null : (
        <Popconfirm
          title={t(willEnable ? 'users.enableConfirm' : 'users.disableConfirm', { name: user.name })}
          okText={t('common.confirm')}
          cancelText={t('common.cancel')}
          okButtonProps={{ danger: !willEnable }}
          onConfirm={() => toggle.mutateAsync().catch(() => undefined)}
        >
          <Button type="link" size="small" danger={!willEnable} loading={toggle.isPending}>
            {t(willEnable ? 'users.enable' : 'users.disable')}
          </Button>
        </Popconfirm>
      )}
    </Space>
  );
}
