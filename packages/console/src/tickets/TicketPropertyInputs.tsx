import { TICKET_PRIORITIES } from '@kefu/shared';
import { useQuery } from '@tanstack/react-query';
import { Form, Select, TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import { listTeams, teamsKey } from '../api/teams';
import { usePermission } from '../auth/usePermission';
import { FutureDateTimePicker } from '../components/FutureDateTimePicker';
import { useAgentDirectory } from '../presence/useAgentDirectory';
import { categoryTree, useTicketCategories } from './useTicketTypes';

/** Priority, category, tags, assignee, team and promised reply time, as a new ticket's form takes them. */
export function TicketPropertyInputs() {
  const { t } = useTranslation();
  const canReadTeams = usePermission('teams.read');
  const agents = useAgentDirectory();
  const teams = useQuery({ queryKey: teamsKey, queryFn: listTeams, enabled: canReadTeams, staleTime: 60_000 });
  const categories = useTicketCategories();
  return (
    <>
      <Form.Item name="priority" label={t('tickets.fields.priority')}>
        <Select options={TICKET_PRIORITIES.map((value) => ({ value, label: t(`tickets.priorities.${value}`) }))} />
      </Form.Item>
      <Form.Item name="categoryId" label={t('tickets.fields.category')}>
        <TreeSelect allowClear treeDefaultExpandAll treeData={categoryTree(categories.data?.items ?? [])} />
      </Form.Item>
      <Form.Item name="tags" label={t('tickets.fields.tags')}>
        <Select mode="tags" maxCount={20} tokenSeparators={[',', '，']} open={false} suffixIcon={null} />
      </Form.Item>
      <Form.Item name="assigneeId" label={t('tickets.fields.assignee')}>
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          options={agents.data?.items.map((agent) => ({ value: agent.id, label: agent.name }))}
        />
      </Form.Item>
      {canReadTeams ? (
        <Form.Item name="teamId" label={t('tickets.fields.team')}>
          <Select allowClear options={teams.data?.items.map((team) => ({ value: team.id, label: team.name }))} />
        </Form.Item>
      ) : null}
      <Form.Item name="promisedReplyAt" label={t('tickets.fields.promisedReplyAt')} extra={t('tickets.promise.help')}>
        <FutureDateTimePicker />
      </Form.Item>
    </>
  );
}
