import { type ConversationView, ROUTING_LIMITS } from '@kefu/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { messagesKey } from '../../api/conversations';
import { whisper } from '../../api/supervision';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useServerFormErrors } from '../../forms/useServerFormErrors';
import type { MessageCache } from '../conversationCache';
import { mergeMessages } from '../conversationCache';

/** 悄悄话: a supervisor's private note to the agent on the chat; the customer never sees it. */
export function WhisperModal({ conversation, onClose }: { conversation: ConversationView; onClose(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ content: string }>();
  const { bannerError, handleError, clearError } = useServerFormErrors(form);
  const send = useMutation({
    mutationFn: (content: string) => whisper(conversation.id, content),
    onMutate: clearError,
    onSuccess: (note) => {
      // The socket brings it too; showing it now does not wait for that.
      queryClient.setQueryData<MessageCache>(messagesKey(conversation.id), (cache) =>
        cache ? mergeMessages(cache, [note]) : cache,
      );
      message.success(t('supervision.whisperSent'));
      onClose();
    },
    onError: handleError,
  });
  return (
    <Modal
      open
      title={t('supervision.whisperTitle')}
      okText={t('supervision.whisperSubmit')}
      okButtonProps={{ htmlType: 'submit', form: 'whisper', 'data-testid': 'whisper-submit' }}
      confirmLoading={send.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('supervision.whisperExplain')}</Typography.Paragraph>
      <Form
        form={form}
        name="whisper"
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => send.mutate(v.content.trim())}
      >
        <Form.Item
          name="content"
          label={t('supervision.whisperContent')}
          rules={[
            { required: true, whitespace: true, message: t('validation.required') },
            {
              max: ROUTING_LIMITS.noteMaxChars,
              message: t('validation.maxLength', { max: ROUTING_LIMITS.noteMaxChars }),
            },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 6 }} data-testid="whisper-content" />
        </Form.Item>
        {bannerError ? <ErrorAlert error={bannerError} /> : null}
      </Form>
    </Modal>
  );
}
