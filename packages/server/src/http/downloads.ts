import type { Readable } from 'node:stream';
import type { SpreadsheetFormat } from '@kefu/shared';
import type { FastifyReply } from 'fastify';
import { SPREADSHEET_CONTENT_TYPES, spreadsheetDisposition } from '../spreadsheets/spreadsheet.js';

export interface StoredFile {
  content_type: string;
  file_name: string;
  data: Uint8Array;
}

/**
 * Sends a file someone uploaded. Its type was checked by content on upload; `nosniff` and a sandboxing CSP keep a
 * browser from running it anyway, and only pictures are shown inline.
 */
export function sendStoredFile(
  reply: FastifyReply,
  file: StoredFile,
  options: { cacheControl: string; crossOrigin?: boolean },
): FastifyReply {
  const inline = file.content_type.startsWith('image/');
  if (options.crossOrigin) reply.header('cross-origin-resource-policy', 'cross-origin');
  return reply
    .header('content-type', file.content_type)
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', options.cacheControl)
    .header(
      'content-disposition',
      `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.file_name)}`,
    )
    .send(file.data);
}

/**
 * Sends an export as a download that no cache keeps and no browser sniffs: whole (`data`) or written as it goes
 * (`stream`, sent chunked with the response's backpressure).
 */
export function sendSpreadsheet(
  reply: FastifyReply,
  file: { baseName: string } & ({ data: Buffer } | { stream: Readable }),
  format: SpreadsheetFormat,
): FastifyReply {
  return reply
    .header('content-type', SPREADSHEET_CONTENT_TYPES[format])
    .header('content-disposition', spreadsheetDisposition(file.baseName, format))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'no-store')
    .send('stream' in file ? file.stream : file.data);
}
