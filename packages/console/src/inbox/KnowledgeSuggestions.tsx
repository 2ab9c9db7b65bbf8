import { BookOutlined } from '@ant-design/icons';
import type { ConversationView, KnowledgeSearchHitView } from '@kefu/shared';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { knowledgeSuggestions, knowledgeSuggestionsKey } from '../api/knowledge';
import { usePermission } from '../auth/usePermission';
import { insertIntoComposer } from './composerInsert';

/**
 * 知识库推荐: answers from the knowledge base for what the customer last wrote, refreshed with each new message;
 * one click puts an answer's text into the composer, where the agent edits it before sending.
 */
export function KnowledgeSuggestions({ conversation }: { conversation: ConversationView }) {
  const canRead = usePermission('knowledge.read');
  if (!canRead) return null;
  return <Suggestions conversation={conversation} />;
}

function Suggestions({ conversation }: { conversation: ConversationView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const lastIncoming = conversation.lastMessage?.kind === 'incoming' ? conversation.lastMessage.createdAt : null;
  const suggestions = useQuery({
    queryKey: knowledgeSuggestionsKey(conversation.id, lastIncoming),
    queryFn: ({ signal }) => knowledgeSuggestions(conversation.id, signal),
    staleTime: 60_000,
  });
  const items = suggestions.data?.items ?? [];

  const insert = (hit: KnowledgeSearchHitView) => {
    if (insertIntoComposer(conversation.id, hit.answer.text)) message.success(t('knowledge.suggestions.inserted'));
    else message.warning(t('knowledge.suggestions.noComposer'));
  };

  return (
    <section aria-label={t('knowledge.suggestions.title')} data-testid="knowledge-suggestions">
      <Typography.Text strong>
        <BookOutlined /> {t('knowledge.suggestions.title')}
      </Typography.Text>
      {items.length === 0 ? (
        <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0', fontSize: 12 }}>
          {suggestions.isPending ? t('knowledge.suggestions.loading') : t('knowledge.suggestions.empty')}
        </Typography.Paragraph>
      ) : (
        <Flex vertical gap={8} style={{ marginTop: 8 }}>
          {items.map((hit) => (
            <Card key={hit.entryId} size="small" data-testid="knowledge-suggestion">
              <Flex justify="space-between" align="start" gap={8}>
                <Typography.Text strong style={{ fontSize: 13 }}>
                  {hit.title}
                </Typography.Text>
                <Tag color={hit.score >= 0.75 ? 'green' : 'default'} style={{ marginInlineEnd: 0 }}>
                  {Math.round(hit.score * 100)}%
                </Tag>
              </Flex>
              <Typography.Paragraph
                type="secondary"
                ellipsis={{ rows: 3, expandable: 'collapsible' }}
                style={{ margin: '4px 0', fontSize: 12, whiteSpace: 'pre-line' }}
              >
                {hit.answer.text}
              </Typography.Paragraph>
              <Button size="small" type="link" style={{ padding: 0 }} onClick={() => insert(hit)}>
                {t('knowledge.suggestions.insert')}
              </Button>
            </Card>
          ))}
        </Flex>
      )}
    </section>
  );
}
