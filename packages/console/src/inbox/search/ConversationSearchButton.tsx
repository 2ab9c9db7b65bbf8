import { SearchOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConversationSearchDrawer } from './ConversationSearchDrawer';

/** Opens conversation search from the inbox header. */
export function ConversationSearchButton({ hrefFor }: { hrefFor(conversationId: string): string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<SearchOutlined />} onClick={() => setOpen(true)} data-testid="open-search">
        {t('conversationSearch.open')}
      </Button>
      <ConversationSearchDrawer open={open} onClose={() => setOpen(false)} hrefFor={hrefFor} />
    </>
  );
}
