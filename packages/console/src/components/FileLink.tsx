import { PaperClipOutlined } from '@ant-design/icons';
import type { AttachmentView } from '@kefu/shared';
import { Typography } from 'antd';

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A stored file as a download link with its name and size (the server sends it with safe headers). */
export function FileLink({ file }: { file: AttachmentView }) {
  return (
    <a href={file.url} target="_blank" rel="noopener noreferrer" download={file.fileName}>
      <PaperClipOutlined /> {file.fileName}{' '}
      <Typography.Text type="secondary">({formatBytes(file.size)})</Typography.Text>
    </a>
  );
}
