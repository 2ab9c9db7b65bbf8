import type { TaskStatus, TicketTaskView } from '@kefu/shared';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Badge, Button, Card, Col, Empty, Flex, List, Row, Segmented, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { listTasks, type TaskScope, taskListKey } from '../api/tasks';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageHeader } from '../components/PageHeader';
import { useFormatDateTime } from '../format/useFormatDateTime';
import { TaskStatusTag } from '../tickets/TicketTasksCard';
import { TASK_POLL_MS } from './polling';
import { TaskDetail } from './TaskDetail';

const STATUS_FILTERS = ['open', 'done', 'all'] as const;
type StatusFilter = (typeof STATUS_FILTERS)[number];

/** 协办任务: tasks handed to me or to my teams, each with the ticket facts it needs, a thread, and marking done. */
export function TasksPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { taskId } = useParams();
  const [search, setSearch] = useSearchParams();
  const scope: TaskScope = search.get('scope') === 'team' ? 'team' : 'mine';
  const statusParam = search.get('status');
  const statusFilter: StatusFilter = (STATUS_FILTERS as readonly string[]).includes(statusParam ?? '')
    ? (statusParam as StatusFilter)
    : 'open';
  const status: TaskStatus | undefined = statusFilter === 'all' ? undefined : statusFilter;
  const formatDateTime = useFormatDateTime();

  const tasks = useInfiniteQuery({
    queryKey: taskListKey(scope, status),
    queryFn: ({ pageParam, signal }) => listTasks({ scope, status, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    refetchInterval: TASK_POLL_MS,
  });
  const items = tasks.data?.pages.flatMap((page) => page.items) ?? [];
  const setParam = (key: 'scope' | 'status', value: string) => {
    const next = new URLSearchParams(search);
    next.set(key, value);
    setSearch(next, { replace: true });
  };
  const open = (task: TicketTaskView) => navigate({ pathname: `/tasks/${task.id}`, search: search.toString() });

  return (
    <>
      <PageHeader title={t('ticketTasks.title')} />
      <Row gutter={16}>
        <Col xs={24} lg={9}>
          <Card size="small">
            <Tabs
              activeKey={scope}
              onChange={(key) => setParam('scope', key)}
              items={[
                { key: 'mine', label: t('ticketTasks.scopes.mine') },
                { key: 'team', label: t('ticketTasks.scopes.team') },
              ]}
            />
            <Segmented<StatusFilter>
              value={statusFilter}
              onChange={(value) => setParam('status', value)}
              options={STATUS_FILTERS.map((value) => ({ value, label: t(`ticketTasks.statusFilters.${value}`) }))}
              style={{ marginBottom: 12 }}
            />
            {tasks.isError ? <ErrorAlert error={tasks.error} /> : null}
            {tasks.isSuccess && items.length === 0 ? (
              <Empty description={t('ticketTasks.empty')} />
            ) : (
              <List
                size="small"
                loading={tasks.isPending}
                dataSource={items}
                aria-label={t('ticketTasks.listLabel')}
                renderItem={(task) => (
                  <List.Item
                    onClick={() => open(task)}
                    style={{ cursor: 'pointer', background: task.id === taskId ? 'rgba(22,119,255,0.06)' : undefined }}
                    data-testid="task-item"
                  >
                    <Flex vertical gap={2} style={{ width: '100%' }}>
                      <Flex justify="space-between" gap={8}>
                        <Typography.Text strong ellipsis>
                          {task.overdue ? <Badge status="error" /> : null} {task.title}
                        </Typography.Text>
                        <span>
                          <TaskStatusTag task={task} />
                        </span>
                      </Flex>
                      <Typography.Text type="secondary" ellipsis>
                        {task.ticket.number} · {task.ticket.title}
                      </Typography.Text>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {task.team.name}
                        {task.dueAt ? ` · ${t('tickets.tasks.due', { at: formatDateTime(task.dueAt) })}` : ''}
                      </Typography.Text>
                    </Flex>
                  </List.Item>
                )}
              />
            )}
            {tasks.hasNextPage ? (
              <Button type="link" onClick={() => void tasks.fetchNextPage()} loading={tasks.isFetchingNextPage}>
                {t('common.loadMore')}
              </Button>
            ) : null}
          </Card>
        </Col>
        <Col xs={24} lg={15}>
          {taskId ? (
            <TaskDetail taskId={taskId} />
          ) : (
            <Card size="small">
              <Empty description={t('ticketTasks.choose')} />
            </Card>
          )}
        </Col>
      </Row>
    </>
  );
}
