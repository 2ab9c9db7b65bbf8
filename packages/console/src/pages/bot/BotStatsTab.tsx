import type { BotRangeQuery, BotStatsResponse } from '@kefu/shared';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, List, Progress, Row, Spin, Statistic, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { botStatsKey, getBotStats } from '../../api/bot';
import { ErrorAlert } from '../../components/ErrorAlert';
import { defaultRange, RangeFilter } from './RangeFilter';

const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);

/** The bot's statistics over the chosen days: resolution, hand-offs and why, outcomes, ratings, top questions. */
export function BotStatsTab() {
  const [range, setRange] = useState<BotRangeQuery>(defaultRange);
  const stats = useQuery({ queryKey: botStatsKey(range), queryFn: () => getBotStats(range) });
  return (
    <>
      <RangeFilter value={range} onChange={setRange} />
      {stats.isError ? <ErrorAlert error={stats.error} /> : null}
      {stats.isPending ? <Spin /> : null}
      {stats.data ? <StatsView stats={stats.data} /> : null}
    </>
  );
}

function StatsView({ stats }: { stats: BotStatsResponse }) {
  const { t } = useTranslation();
  const handoffTotal = stats.handoffReasons.reduce((sum, r) => sum + r.count, 0);
  const outcomeTotal = Object.values(stats.outcomes).reduce((a, b) => a + b, 0);
  if (stats.conversations === 0 && stats.questions === 0) return <Empty description={t('bot.stats.empty')} />;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={12} md={6}>
        <Card>
          <Statistic title={t('bot.stats.conversations')} value={stats.conversations} />
        </Card>
      </Col>
      <Col xs={12} md={6}>
        <Card>
          <Statistic title={t('bot.stats.resolutionRate')} value={percent(stats.resolutionRate)} />
          <Typography.Text type="secondary">{t('bot.stats.resolutionHint')}</Typography.Text>
        </Card>
      </Col>
      <Col xs={12} md={6}>
        <Card>
          <Statistic title={t('bot.stats.handoffRate')} value={percent(stats.handoffRate)} />
        </Card>
      </Col>
      <Col xs={12} md={6}>
        <Card>
          <Statistic title={t('bot.stats.questions')} value={stats.questions} />
        </Card>
      </Col>
      <Col xs={24} md={8}>
        <Card title={t('bot.stats.handoffReasons')}>
          <List
            dataSource={stats.handoffReasons}
            renderItem={(r) => (
              <List.Item>
                <div style={{ width: '100%' }}>
                  {t(`bot.reasons.${r.reason}`)} · {r.count}
                  <Progress percent={handoffTotal ? Math.round((r.count / handoffTotal) * 100) : 0} size="small" />
                </div>
              </List.Item>
            )}
          />
        </Card>
      </Col>
      <Col xs={24} md={8}>
        <Card title={t('bot.stats.outcomes')}>
          <List
            dataSource={Object.entries(stats.outcomes) as [keyof BotStatsResponse['outcomes'], number][]}
            renderItem={([outcome, count]) => (
              <List.Item>
                <div style={{ width: '100%' }}>
                  {t(`bot.outcomes.${outcome}`)} · {count}
                  <Progress percent={outcomeTotal ? Math.round((count / outcomeTotal) * 100) : 0} size="small" />
                </div>
              </List.Item>
            )}
          />
        </Card>
      </Col>
      <Col xs={24} md={8}>
        <Card title={t('bot.stats.ratings')}>
          <Row>
            <Col span={12}>
              <Statistic title={t('bot.stats.helpful')} value={stats.ratings.helpful} />
            </Col>
            <Col span={12}>
              <Statistic title={t('bot.stats.unhelpful')} value={stats.ratings.unhelpful} />
            </Col>
          </Row>
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title={t('bot.stats.topQuestions')}>
          <Table
            aria-label={t('bot.stats.tableTopQuestions')}
            size="small"
            rowKey="text"
            pagination={false}
            dataSource={stats.topQuestions}
            columns={[
              { key: 'text', title: t('bot.stats.question'), dataIndex: 'text' },
              { key: 'count', title: t('bot.stats.count'), dataIndex: 'count', width: 80 },
              {
                key: 'entry',
                title: t('bot.stats.answeredWith'),
                render: (_, row) => row.entry?.title ?? '—',
              },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title={t('bot.stats.mostUnhelpful')}>
          <Table
            aria-label={t('bot.stats.tableUnhelpful')}
            size="small"
            rowKey={(row) => row.entry.entryId}
            pagination={false}
            dataSource={stats.mostUnhelpful}
            columns={[
              { key: 'entry', title: t('bot.stats.entry'), render: (_, row) => row.entry.title },
              { key: 'unhelpful', title: t('bot.stats.unhelpful'), dataIndex: 'unhelpful', width: 90 },
              { key: 'helpful', title: t('bot.stats.helpful'), dataIndex: 'helpful', width: 90 },
            ]}
          />
        </Card>
      </Col>
    </Row>
  );
}
