import { UploadOutlined } from '@ant-design/icons';
import { Button, Upload } from 'antd';
import type { UploadFile } from 'antd/es/upload/interface';
import { useTranslation } from 'react-i18next';
import { uploadAttachment } from '../api/attachments';
import { useErrorMessage } from '../api/useErrorMessage';
import { uploadedId } from './fieldValues';

/**
 * Uploads each picked file at once (`POST /api/attachments`: the server checks its type by content and its size);
 * the list keeps the upload ids. Used by attachment fields, comments, replies and task replies.
 */
export function AttachmentUpload({
  maxFiles,
  fileList,
  onChange,
  small = false,
}: {
  maxFiles: number;
  fileList?: UploadFile[];
  onChange?: (event: { fileList: UploadFile[] }) => void;
  small?: boolean;
}) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  return (
    <Upload
      fileList={fileList}
      maxCount={maxFiles}
      multiple
      onChange={({ fileList: next }) =>
        onChange?.({
          fileList: next.map((file) =>
            file.status === 'error' && file.error ? { ...file, response: errorMessage(file.error) } : file,
          ),
        })
      }
      customRequest={({ file, onProgress, onSuccess, onError }) => {
        const upload = uploadAttachment(file as File, (percent) => onProgress?.({ percent }));
        upload.promise.then((view) => onSuccess?.(view), onError);
      }}
    >
      <Button icon={<UploadOutlined />} size={small ? 'small' : 'middle'}>
        {t('tickets.form.upload')}
      </Button>
    </Upload>
  );
}

/** The finished uploads' ids, for a request's `attachmentIds`. */
export function finishedUploadIds(files: readonly UploadFile[]): string[] {
  return files.filter((file) => file.status === 'done').flatMap((file) => uploadedId(file) ?? []);
}

/** Whether a send must wait: a file is still on its way. */
export function stillUploading(files: readonly UploadFile[]): boolean {
  return files.some((file) => file.status === 'uploading');
}
