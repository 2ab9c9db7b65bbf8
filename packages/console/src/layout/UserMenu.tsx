import { DownOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { App, Avatar, Button, Dropdown, type MenuProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { ChangePasswordModal } from '../account/ChangePasswordModal';
import { useErrorMessage } from '../api/useErrorMessage';
import { useSession, useSignedInSession } from '../auth/SessionContext';

export function UserMenu() {
  const { t } = useTranslation();
  const { user } = useSignedInSession();
  const { signOut } = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const [changingPassword, setChangingPassword] = useState(false);

  const items: MenuProps['items'] = [
    {
      key: 'profile',
      icon: <UserOutlined />,
      label: <span data-testid="user-menu-profile">{t('userMenu.profile')}</span>,
    },
    {
      key: 'password',
      icon: <KeyOutlined />,
      label: <span data-testid="user-menu-password">{t('userMenu.changePassword')}</span>,
    },
    { type: 'divider' },
    {
      key: 'sign-out',
      icon: <LogoutOutlined />,
      label: <span data-testid="user-menu-sign-out">{t('userMenu.signOut')}</span>,
    },
  ];

  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'profile') navigate('/profile');
    if (key === 'password') setChangingPassword(true);
    if (key === 'sign-out') signOut().catch((error: unknown) => message.error(errorMessage(error)));
  };

  return (
    <>
      <Dropdown menu={{ items, onClick }} trigger={['click']} placement="bottomRight">
        <Button type="text" data-testid="user-menu" aria-haspopup="menu">
          <Avatar size="small" icon={<UserOutlined />} />
          {user.name}
          <DownOutlined />
        </Button>
      </Dropdown>
      {changingPassword ? <ChangePasswordModal onClose={() => setChangingPassword(false)} /> : null}
    </>
  );
}
