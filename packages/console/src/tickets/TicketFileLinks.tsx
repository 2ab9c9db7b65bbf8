import type { TicketFileView } from '@kefu/shared';
import { Flex } from 'antd';
import { FileLink } from '../components/FileLink';

/** A comment's or reply's files as download links. */
export function TicketFileLinks({ files }: { files: readonly TicketFileView[] }) {
  if (files.length === 0) return null;
  return (
    <Flex gap={12} wrap data-testid="file-links">
      {files.map((file) => (
        <FileLink key={file.id} file={file} />
      ))}
    </Flex>
  );
}
