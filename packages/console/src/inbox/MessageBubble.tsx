import { ClockCircleOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import type { AttachmentView, MessageView } from '@kefu/shared';
import { Button, Flex, Image, Space, Typography, theme } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FileLink } from '../components/FileLink';
import type { PendingMessage } from '../realtime/stores';
import { activityText } from './activityText';
import { MessageFlagMarker } from './moderation/MessageFlagMarker';
import { SensitiveWordNotice } from './moderation/SensitiveWordNotice';
import { formatClock } from './time';
import { routingNoteLabel } from './transfer/routingActivityText';

/** One stored message. Content is always rendered as text: customers type whatever they like. */
export function MessageBubble({ message, contactLastReadSeq }: { message: MessageView; contactLastReadSeq: number }) {
  const { t, i18n } = useTranslation();
  if (message.kind === 'activity') {
    return (
      <Flex justify="center" style={{ padding: '6px 16px' }} data-testid="message" data-kind="activity">
        <Typography.Text type="secondary" style={{ fontSize: 12, textAlign: 'center' }}>
          {activityText(message, t, i18n)}
          <span style={{ marginInlineStart: 6 }}>{formatClock(message.createdAt, i18n.language)}</span>
        </Typography.Text>
      </Flex>
    );
  }
  const isReceipt = message.kind === 'outgoing';
  const read = message.seq <= contactLastReadSeq;
  return (
    <Bubble
      kind={message.kind}
      testId="message"
      sender={message.sender.name ?? (message.kind === 'incoming' ? t('inbox.customer') : t('inbox.agent'))}
      time={formatClock(message.createdAt, i18n.language)}
      content={message.content}
      attachments={message.attachments}
      noteLabel={
        message.kind !== 'note'
          ? undefined
          : message.payload?.kind === 'bot_summary'
            ? t('inbox.botSummaryLabel')
            : routingNoteLabel(message.activity, t)
      }
      status={
        <>
          {isReceipt ? (
            <Typography.Text type={read ? 'success' : 'secondary'} style={{ fontSize: 12 }} data-testid="read-receipt">
              {read ? t('inbox.read') : t('inbox.delivered')}
            </Typography.Text>
          ) : null}
          <MessageFlagMarker message={message} />
        </>
      }
    />
  );
}

/** A message this tab sent that the server has not stored yet, or refused. */
export function PendingBubble({
  pending,
  onRetry,
  onDiscard,
}: {
  pending: PendingMessage;
  onRetry(): void;
  onDiscard(): void;
}) {
  const { t, i18n } = useTranslation();
  const failed = pending.status === 'failed';
  return (
    <Bubble
      kind={pending.private ? 'note' : 'outgoing'}
      testId="pending-message"
      sender={t('inbox.you')}
      time={formatClock(pending.createdAt, i18n.language)}
      content={pending.content}
      attachments={pending.attachments}
      faded={!failed}
      status={
        failed && pending.sensitive ? (
          <SensitiveWordNotice pending={pending} onDiscard={onDiscard} />
        ) : failed ? (
          <Space size={4}>
            <Typography.Text type="danger" style={{ fontSize: 12 }}>
              <ExclamationCircleOutlined /> {t('inbox.sendFailed')}
              {pending.error ? ` (${t(`inbox.sendErrors.${sendErrorKey(pending.error)}`)})` : ''}
            </Typography.Text>
            <Button size="small" type="link" onClick={onRetry} style={{ padding: 0, height: 'auto' }}>
              {t('common.retry')}
            </Button>
            <Button size="small" type="link" danger onClick={onDiscard} style={{ padding: 0, height: 'auto' }}>
              {t('common.delete')}
            </Button>
          </Space>
        ) : (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            <ClockCircleOutlined /> {t('inbox.sending')}
          </Typography.Text>
        )
      }
    />
  );
}

const SEND_ERRORS = ['EMPTY_MESSAGE', 'MESSAGE_TOO_LONG', 'RATE_LIMITED', 'NOT_FOUND', 'FORBIDDEN'] as const;
type SendErrorKey = (typeof SEND_ERRORS)[number] | 'other';

function sendErrorKey(code: string): SendErrorKey {
  return (SEND_ERRORS as readonly string[]).includes(code) ? (code as SendErrorKey) : 'other';
}

function Bubble({
  kind,
  sender,
  time,
  content,
  attachments,
  status,
  faded,
  testId,
  noteLabel,
}: {
  kind: 'incoming' | 'outgoing' | 'note';
  sender: string;
  time: string;
  content: string;
  attachments: AttachmentView[];
  status: ReactNode;
  faded?: boolean;
  testId: string;
  /** A note's heading when it is more than a plain note (a supervisor's whisper, a transfer note). */
  noteLabel?: string | undefined;
}) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const incoming = kind === 'incoming';
  const background = kind === 'note' ? token.colorWarningBg : incoming ? token.colorFillTertiary : token.colorPrimaryBg;
  const border = kind === 'note' ? `1px solid ${token.colorWarningBorder}` : '1px solid transparent';
  return (
    <Flex
      justify={incoming ? 'flex-start' : 'flex-end'}
      style={{ padding: '4px 16px' }}
      data-testid={testId}
      data-kind={kind}
    >
      <Flex vertical align={incoming ? 'flex-start' : 'flex-end'} style={{ maxWidth: '72%', minWidth: 0 }} gap={2}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {sender} · {time}
        </Typography.Text>
        <div
          style={{
            background,
            border,
            borderRadius: 10,
            padding: '8px 12px',
            opacity: faded ? 0.65 : 1,
            maxWidth: '100%',
          }}
        >
          {kind === 'note' ? (
            <Typography.Text strong style={{ fontSize: 12, color: token.colorWarningText, display: 'block' }}>
              {noteLabel ?? t('inbox.noteLabel')}
            </Typography.Text>
          ) : null}
          {content ? (
            <div style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }} data-testid="message-content">
              {content}
            </div>
          ) : null}
          {attachments.length > 0 ? <Attachments attachments={attachments} /> : null}
        </div>
        {status}
      </Flex>
    </Flex>
  );
}

function Attachments({ attachments }: { attachments: AttachmentView[] }) {
  const images = attachments.filter((attachment) => attachment.isImage);
  const files = attachments.filter((attachment) => !attachment.isImage);
  return (
    <Flex vertical gap={6} style={{ marginTop: 6 }}>
      {images.length > 0 ? (
        <Image.PreviewGroup>
          <Flex wrap gap={6}>
            {images.map((image) => (
              <Image
                key={image.id}
                src={image.url}
                alt={image.fileName}
                width={160}
                style={{ maxHeight: 200, objectFit: 'cover', borderRadius: 6 }}
              />
            ))}
          </Flex>
        </Image.PreviewGroup>
      ) : null}
      {files.map((file) => (
        <FileLink key={file.id} file={file} />
      ))}
    </Flex>
  );
}
