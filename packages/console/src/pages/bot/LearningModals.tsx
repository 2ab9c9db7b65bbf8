import type { LearningGroup } from '@kefu/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { botKey, learnAsNewEntry, learnAsSimilar } from '../../api/bot';
import { ErrorAlert } from '../../components/ErrorAlert';
import { EntrySelect } from './EntrySelect';

const turnIdsOf = (group: LearningGroup) => group.questions.map((q) => q.turnId);

function useLearned(onClose: () => void) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  return async (result: { learned: number }) => {
    message.success(t('bot.learning.learned', { count: result.learned }));
    await queryClient.invalidateQueries({ queryKey: botKey });
    onClose();
  };
}

/** Teaches an entry the group's questions as similar questions (the closest entry is proposed). */
export function SimilarQuestionModal({ group, onClose }: { group: LearningGroup; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ entryId: string }>();
  const learned = useLearned(onClose);
  const teach = useMutation({
    mutationFn: ({ entryId }: { entryId: string }) => learnAsSimilar(turnIdsOf(group), entryId),
    onSuccess: learned,
  });
  return (
    <Modal
      open
      title={t('bot.learning.similarTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={teach.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Typography.Paragraph>{t('bot.learning.similarHint', { count: group.questions.length })}</Typography.Paragraph>
      {teach.isError ? <ErrorAlert error={teach.error} /> : null}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ entryId: group.closestEntry?.entryId }}
        onFinish={(values) => teach.mutate(values)}
      >
        <Form.Item name="entryId" label={t('bot.learning.chooseEntry')} rules={[{ required: true }]}>
          <EntrySelect known={group.closestEntry ? [group.closestEntry] : []} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** A new published FAQ entry whose similar questions are the group's. */
export function NewEntryModal({ group, onClose }: { group: LearningGroup; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ question: string; answer: string }>();
  const learned = useLearned(onClose);
  const create = useMutation({
    mutationFn: (values: { question: string; answer: string }) =>
      learnAsNewEntry({ turnIds: turnIdsOf(group), ...values }),
    onSuccess: learned,
  });
  return (
    <Modal
      open
      title={t('bot.learning.newEntryTitle')}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Typography.Paragraph>{t('bot.learning.newEntryHint')}</Typography.Paragraph>
      {create.isError ? <ErrorAlert error={create.error} /> : null}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ question: group.representative }}
        onFinish={(values) => create.mutate(values)}
      >
        <Form.Item
          name="question"
          label={t('bot.learning.question')}
          rules={[{ required: true, whitespace: true, max: 500 }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="answer"
          label={t('bot.learning.answer')}
          rules={[{ required: true, whitespace: true, max: 10000 }]}
        >
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
