import type { BotTryResponse } from '@kefu/shared';
import { useMutation } from '@tanstack/react-query';
import { Card, Input, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { tryBot } from '../../api/bot';
import { ErrorAlert } from '../../components/ErrorAlert';

/** 试一试: what the inbox's bot would reply to a question, with the entries the search found and their scores. */
export function TryBotCard({ inboxId }: { inboxId: string }) {
  const { t } = useTranslation();
  const ask = useMutation({ mutationFn: (question: string) => tryBot(inboxId, question) });
  return (
    <Card title={t('bot.settings.tryTitle')} style={{ marginTop: 24, maxWidth: 760 }}>
      <Typography.Paragraph type="secondary">{t('bot.settings.tryHint')}</Typography.Paragraph>
      <Input.Search
        aria-label={t('bot.settings.tryTitle')}
        placeholder={t('bot.settings.tryPlaceholder')}
        enterButton={t('bot.settings.trySubmit')}
        maxLength={500}
        loading={ask.isPending}
        onSearch={(question) => {
          if (question.trim()) ask.mutate(question);
        }}
      />
      {ask.isError ? <ErrorAlert error={ask.error} /> : null}
      {ask.data ? <TryResult result={ask.data} /> : null}
    </Card>
  );
}

function TryResult({ result }: { result: BotTryResponse }) {
  const { t } = useTranslation();
  return (
    <div data-testid="bot-try-result" style={{ marginTop: 16 }}>
      <Space wrap style={{ marginBottom: 8 }}>
        <Tag color={result.outcome === 'answer' ? 'green' : result.outcome === 'handoff' ? 'red' : 'blue'}>
          {t(`bot.outcomes.${result.outcome}`)}
        </Tag>
        {result.handoffReason ? (
          <Tag>{t('bot.settings.handoffReason', { reason: t(`bot.reasons.${result.handoffReason}`) })}</Tag>
        ) : null}
        <Tag color={result.complaint.detected ? 'volcano' : 'default'}>
          {t(result.complaint.detected ? 'bot.settings.complaint' : 'bot.settings.calm', {
            score: result.complaint.score,
          })}
        </Tag>
      </Space>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{result.reply}</Typography.Paragraph>
      <List
        size="small"
        header={t('bot.settings.candidates')}
        dataSource={result.candidates}
        renderItem={(candidate) => (
          <List.Item extra={`${t('bot.settings.score')} ${candidate.score.toFixed(2)}`}>
            <Typography.Text>{candidate.title}</Typography.Text>
          </List.Item>
        )}
      />
    </div>
  );
}
