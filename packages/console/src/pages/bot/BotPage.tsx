import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { usePermission } from '../../auth/usePermission';
import { PageHeader } from '../../components/PageHeader';
import { BotSettingsTab } from './BotSettingsTab';
import { BotStatsTab } from './BotStatsTab';
import { LearningTab } from './LearningTab';

const TABS = ['stats', 'learning', 'settings'] as const;
type Tab = (typeof TABS)[number];

/**
 * The answer bot (智能机器人) for supervisors and admins: its statistics, the learning list of questions it could
 * not answer (editors teach them), and each inbox's bot settings with a place to try a question.
 */
export function BotPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { tab } = useParams();
  const canLearn = usePermission('knowledge.manage');
  const canSeeSettings = usePermission('inboxes.read');
  const visible = TABS.filter((key) => (key === 'learning' ? canLearn : key === 'settings' ? canSeeSettings : true));
  const active: Tab = visible.includes(tab as Tab) ? (tab as Tab) : 'stats';
  const content: Record<Tab, React.ReactNode> = {
    stats: <BotStatsTab />,
    learning: <LearningTab />,
    settings: <BotSettingsTab />,
  };
  return (
    <>
      <PageHeader title={t('bot.title')} />
      <Tabs
        activeKey={active}
        onChange={(key) => navigate(`/bot/${key}`)}
        destroyOnHidden
        items={visible.map((key) => ({ key, label: t(`bot.tabs.${key}`), children: content[key] }))}
      />
    </>
  );
}
