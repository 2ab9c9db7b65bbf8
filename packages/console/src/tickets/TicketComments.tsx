import { LockOutlined, SendOutlined } from '@ant-design/icons';
import { TICKET_LIMITS, type TicketCommentView, type TicketView } from '@kefu/shared';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Flex, Input, List, Mentions, Segmented, Tag, Typography } from 'antd';
import type { UploadFile } from 'antd/es/upload/interface';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { addComment, listComments, sendReply, ticketCommentsKey, ticketKey, ticketTimelineKey } from '../api/tickets';
import { useErrorMessage } from '../api/useErrorMessage';
import { usePermission } from '../auth/usePermission';
import { useFormatDateTime } from '../format/useFormatDateTime';
import { useAgentDirectory } from '../presence/useAgentDirectory';
import { AttachmentUpload, finishedUploadIds, stillUploading } from './AttachmentUpload';
import { TicketFileLinks } from './TicketFileLinks';

type ComposerMode = 'internal' | 'public';

const KIND_COLORS: Record<TicketCommentView['kind'], string> = {
  internal: 'gold',
  public: 'blue',
  task: 'purple',
  customer: 'green',
};

/** Colleagues named with @ in the text, by their directory names (longest first, so 王小明 wins over 王小). */
export function mentionedIds(text: string, people: readonly { id: string; name: string }[]): string[] {
  const ids: string[] = [];
  let rest = text;
  for (const person of [...people].sort((a, b) => b.name.length - a.name.length)) {
    const token = `@${person.name}`;
    if (rest.includes(token)) {
      ids.push(person.id);
      rest = rest.split(token).join(' ');
    }
  }
  return ids;
}

/**
 * 沟通: internal comments (内部备注, with @mentions that notify colleagues), public replies (sent to the customer
 * in the ticket's live-chat conversation), department task threads and the customer's own messages.
 */
export function TicketComments({ ticket }: { ticket: TicketView }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const formatDateTime = useFormatDateTime();
  const canWrite = usePermission('tickets.write');
  const agents = useAgentDirectory();
  const [mode, setMode] = useState<ComposerMode>('internal');
  const [text, setText] = useState('');
  const [files, setFiles] = useState<UploadFile[]>([]);
  const hasChannel = ticket.conversations.length > 0;

  const comments = useInfiniteQuery({
    queryKey: ticketCommentsKey(ticket.id),
    queryFn: ({ pageParam }) => listComments(ticket.id, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const items = comments.data?.pages.flatMap((page) => page.items) ?? [];

  const send = useMutation({
    mutationFn: ({ body, confirmSensitive }: { body: string; confirmSensitive?: boolean }) => {
      const attachmentIds = finishedUploadIds(files);
      return mode === 'public'
        ? sendReply(ticket.id, { body, attachmentIds, confirmSensitive })
        : addComment(ticket.id, { body, attachmentIds, mentionIds: mentionedIds(body, agents.data?.items ?? []) });
    },
    onSuccess: () => {
      setText('');
      setFiles([]);
      void queryClient.invalidateQueries({ queryKey: ticketCommentsKey(ticket.id) });
      void queryClient.invalidateQueries({ queryKey: ticketTimelineKey(ticket.id) });
      // A public reply keeps the promised reply time; the view shows it.
      if (mode === 'public') void queryClient.invalidateQueries({ queryKey: ticketKey(ticket.id), exact: true });
    },
    onError: (error, vars) => {
      if (error instanceof ApiError && error.code === 'SENSITIVE_WORD_WARNING') {
        modal.confirm({
          title: t('tickets.comments.sensitiveTitle'),
          content: errorMessage(error),
          okText: t('tickets.comments.sendAnyway'),
          onOk: () => send.mutate({ body: vars.body, confirmSensitive: true }),
        });
        return;
      }
      message.error(errorMessage(error));
    },
  });

  const submit = () => {
    const body = text.trim();
    if (body) send.mutate({ body });
  };

  return (
    <Card size="small" title={t('tickets.comments.title')} style={{ marginBottom: 16 }} data-testid="ticket-comments">
      {items.length === 0 && comments.isSuccess ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tickets.comments.empty')} />
      ) : (
        <List
          size="small"
          dataSource={items}
          renderItem={(comment) => (
            <List.Item data-testid="ticket-comment" data-kind={comment.kind}>
              <Flex vertical gap={4} style={{ width: '100%' }}>
                <Flex gap={8} align="center" wrap>
                  <Tag color={KIND_COLORS[comment.kind]}>{t(`tickets.comments.kinds.${comment.kind}`)}</Tag>
                  <Typography.Text strong>{comment.author.name ?? t('tickets.timeline.system')}</Typography.Text>
                  <Typography.Text type="secondary">{formatDateTime(comment.createdAt)}</Typography.Text>
                </Flex>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                  {comment.body}
                </Typography.Paragraph>
                <TicketFileLinks files={comment.files} />
              </Flex>
            </List.Item>
          )}
        />
      )}
      {comments.hasNextPage ? (
        <Button type="link" onClick={() => void comments.fetchNextPage()} loading={comments.isFetchingNextPage}>
          {t('common.loadMore')}
        </Button>
      ) : null}
      {canWrite ? (
        <Flex vertical gap={8} style={{ marginTop: 12 }} data-testid="comment-composer">
          <Segmented<ComposerMode>
            value={mode}
            onChange={setMode}
            options={[
              { value: 'internal', label: t('tickets.comments.internal'), icon: <LockOutlined /> },
              { value: 'public', label: t('tickets.comments.public'), icon: <SendOutlined />, disabled: !hasChannel },
            ]}
          />
          {mode === 'internal' ? (
            <Mentions
              value={text}
              onChange={setText}
              autoSize={{ minRows: 2, maxRows: 8 }}
              maxLength={5000}
              placeholder={t('tickets.comments.internalPlaceholder')}
              options={agents.data?.items.map((agent) => ({ value: agent.name, label: agent.name, key: agent.id }))}
              aria-label={t('tickets.comments.internal')}
              data-testid="comment-input"
            />
          ) : (
            <Input.TextArea
              value={text}
              onChange={(event) => setText(event.target.value)}
              autoSize={{ minRows: 2, maxRows: 8 }}
              maxLength={5000}
              placeholder={t('tickets.comments.publicPlaceholder')}
              aria-label={t('tickets.comments.public')}
              data-testid="reply-input"
            />
          )}
          <AttachmentUpload
            small
            maxFiles={TICKET_LIMITS.attachmentsPerComment}
            fileList={files}
            onChange={({ fileList }) => setFiles(fileList)}
          />
          <Flex justify="space-between" align="center">
            <Typography.Text type="secondary">
              {hasChannel
                ? mode === 'public'
                  ? t('tickets.comments.publicHint')
                  : ''
                : t('tickets.comments.noChannel')}
            </Typography.Text>
            <Button
              type="primary"
              onClick={submit}
              loading={send.isPending}
              disabled={text.trim() === '' || stillUploading(files)}
              data-testid="send-comment"
            >
              {mode === 'public' ? t('tickets.comments.sendReply') : t('tickets.comments.addComment')}
            </Button>
          </Flex>
        </Flex>
      ) : null}
    </Card>
  );
}
