import { BoldOutlined, LinkOutlined, OrderedListOutlined, PictureOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Flex, type GetRef, Input, Segmented, Spin, Tooltip } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { previewKnowledgeBody, uploadKnowledgePicture } from '../../api/knowledge';
import { useErrorMessage } from '../../api/useErrorMessage';
import { SafeHtmlFrame } from './SafeHtmlFrame';

type TextAreaRef = GetRef<typeof Input.TextArea>;

/**
 * The answer editor: Markdown-ish text (a line break is a line break; **bold**, [link](https://…), - lists,
 * pictures) with a toolbar for those, and a preview rendered by the server exactly as customers will see it.
 */
export function BodyEditor({
  value = '',
  onChange,
  rows = 8,
}: {
  value?: string;
  onChange?: (value: string) => void;
  rows?: number;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const area = useRef<TextAreaRef>(null);
  const file = useRef<HTMLInputElement>(null);
  const [mode, setMode] = useState<'edit' | 'preview'>('edit');
  const preview = useMutation({ mutationFn: previewKnowledgeBody });
  const picture = useMutation({
    mutationFn: uploadKnowledgePicture,
    onSuccess: (uploaded) => wrap(`![${uploaded.fileName.replace(/[[\]]/g, '')}](${uploaded.url})`, ''),
    onError: (error) => message.error(errorMessage(error)),
  });

  /** Puts `before` and `after` around the selection (or inserts them at the caret). */
  const wrap = (before: string, after: string, placeholder = '') => {
    const element = area.current?.resizableTextArea?.textArea;
    const start = element?.selectionStart ?? value.length;
    const end = element?.selectionEnd ?? value.length;
    const selected = value.slice(start, end) || placeholder;
    onChange?.(`${value.slice(0, start)}${before}${selected}${after}${value.slice(end)}`);
  };

  const showPreview = (next: 'edit' | 'preview') => {
    setMode(next);
    if (next === 'preview') preview.mutate(value);
  };

  return (
    <Flex vertical gap={6}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Flex gap={4}>
          <Tooltip title={t('knowledge.editor.bold')}>
            <Button
              size="small"
              icon={<BoldOutlined />}
              aria-label={t('knowledge.editor.bold')}
              disabled={mode === 'preview'}
              onClick={() => wrap('**', '**', t('knowledge.editor.boldText'))}
            />
          </Tooltip>
          <Tooltip title={t('knowledge.editor.link')}>
            <Button
              size="small"
              icon={<LinkOutlined />}
              aria-label={t('knowledge.editor.link')}
              disabled={mode === 'preview'}
              onClick={() => wrap('[', '](https://)', t('knowledge.editor.linkText'))}
            />
          </Tooltip>
          <Tooltip title={t('knowledge.editor.list')}>
            <Button
              size="small"
              icon={<OrderedListOutlined />}
              aria-label={t('knowledge.editor.list')}
              disabled={mode === 'preview'}
              onClick={() => wrap('\n- ', '', t('knowledge.editor.listText'))}
            />
          </Tooltip>
          <Tooltip title={t('knowledge.editor.picture')}>
            <Button
              size="small"
              icon={<PictureOutlined />}
              aria-label={t('knowledge.editor.picture')}
              loading={picture.isPending}
              disabled={mode === 'preview'}
              onClick={() => file.current?.click()}
            />
          </Tooltip>
          <input
            ref={file}
            type="file"
            accept="image/png,image/jpeg,image/gif,image/webp"
            hidden
            aria-label={t('knowledge.editor.picture')}
            onChange={(event) => {
              const chosen = event.target.files?.[0];
              if (chosen) picture.mutate(chosen);
              event.target.value = '';
            }}
          />
        </Flex>
        <Segmented<'edit' | 'preview'>
          size="small"
          value={mode}
          onChange={showPreview}
          options={[
            { value: 'edit', label: t('knowledge.editor.edit') },
            { value: 'preview', label: t('knowledge.editor.preview') },
          ]}
        />
      </Flex>
      {mode === 'edit' ? (
        <Input.TextArea
          ref={area}
          value={value}
          rows={rows}
          onChange={(event) => onChange?.(event.target.value)}
          aria-label={t('knowledge.editor.body')}
          placeholder={t('knowledge.editor.placeholder')}
        />
      ) : preview.isPending ? (
        <Spin />
      ) : (
        <SafeHtmlFrame html={preview.data?.html ?? ''} title={t('knowledge.editor.preview')} />
      )}
    </Flex>
  );
}
