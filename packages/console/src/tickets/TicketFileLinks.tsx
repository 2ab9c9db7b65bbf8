import { PaperClipOutlined } from '@ant-design/icons';
import type { TicketFileView } from '@kefu/shared';
import { Flex, Typography } from 'antd';
import { formatBytes } from '../inbox/MessageBubble';

/** A comment's or reply's files as download links (the server sends them with safe headers). */
export function TicketFileLinks({ files }: { files: readonly TicketFileView[] }) {
  if (files.length === 0) return null;
  return (
    <Flex gap={12} wrap data-testid="file-links">
      {files.map((file) => (
        <a key={file.id} href={file.url} target="_blank" rel="noopener noreferrer" download={file.fileName}>
          <PaperClipOutlined /> {file.fileName}{' '}
          <Typography.Text type="secondary">({formatBytes(file.size)})</Typography.Text>
        </a>
      ))}
    </Flex>
  );
}
