import { DeleteOutlined, LoadingOutlined, UploadOutlined } from '@ant-design/icons';
import type { AttachmentView, QuickReplyPictureView } from '@kefu/shared';
import { Button, Flex, Image, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { uploadAttachment } from '../../../api/attachments';
import { useErrorMessage } from '../../../api/useErrorMessage';

/** The picture of a quick reply being edited: the one it has, a new upload, one uploading, or none. */
export type PictureValue =
  | { kind: 'none' }
  | { kind: 'kept'; picture: QuickReplyPictureView }
  | { kind: 'uploading'; name: string }
  | { kind: 'uploaded'; attachment: AttachmentView };

/** A form control: uploads a chosen picture at once, as the composer does, and shows it. */
export function PictureField({ value, onChange }: { value?: PictureValue; onChange?: (value: PictureValue) => void }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const current = value ?? { kind: 'none' };

  const choose = (file: File | undefined) => {
    if (!file) return;
    setError(null);
    if (!file.type.startsWith('image/')) {
      setError(t('quickReplies.pictureOnly'));
      return;
    }
    onChange?.({ kind: 'uploading', name: file.name });
    uploadAttachment(file).promise.then(
      (attachment) => onChange?.({ kind: 'uploaded', attachment }),
      (failure: unknown) => {
        onChange?.({ kind: 'none' });
        setError(errorMessage(failure));
      },
    );
  };

  const preview =
    current.kind === 'kept'
      ? { url: current.picture.url, name: current.picture.fileName }
      : current.kind === 'uploaded'
        ? { url: current.attachment.url, name: current.attachment.fileName }
        : null;

  return (
    <Flex vertical gap={6}>
      {preview ? (
        <Flex gap={8} align="center">
          <Image src={preview.url} alt={preview.name} width={72} height={72} style={{ objectFit: 'cover' }} />
          <Typography.Text type="secondary">{preview.name}</Typography.Text>
          <Button
            size="small"
            icon={<DeleteOutlined />}
            onClick={() => onChange?.({ kind: 'none' })}
            data-testid="remove-picture"
          >
            {t('quickReplies.removePicture')}
          </Button>
        </Flex>
      ) : null}
      {current.kind === 'uploading' ? (
        <Typography.Text type="secondary">
          <LoadingOutlined /> {t('quickReplies.pictureUploading')}
        </Typography.Text>
      ) : null}
      {current.kind === 'none' ? (
        <div>
          <Button icon={<UploadOutlined />} onClick={() => input.current?.click()}>
            {t('quickReplies.uploadPicture')}
          </Button>
        </div>
      ) : null}
      <input
        ref={input}
        type="file"
        accept="image/png,image/jpeg,image/gif,image/webp"
        // Not `hidden`: the form's own styles show file inputs as blocks.
        style={{ display: 'none' }}
        aria-label={t('quickReplies.uploadPicture')}
        onChange={(event) => {
          choose(event.target.files?.[0]);
          event.target.value = '';
        }}
      />
      {error ? <Typography.Text type="danger">{error}</Typography.Text> : null}
    </Flex>
  );
}
