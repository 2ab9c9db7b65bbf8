import type {} from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../http/appError.js';
import { SPREADSHEET_LIMITS } from './spreadsheet.js';

/**
 * The bytes of a spreadsheet sent as multipart field "file". The route must sit in a context where
 * @fastify/multipart is registered.
 */
export async function readSpreadsheetUpload(request: FastifyRequest): Promise<Buffer> {
  if (!request.isMultipart()) {
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      'Upload the spreadsheet as multipart/form-data in a field named "file"',
    );
  }
  // throwFileSizeLimit: false — the plugin's own error would surface as a 400; the truncated check answers 413.
  const file = await request.file({
    limits: { fileSize: SPREADSHEET_LIMITS.maxBytes, files: 1, fields: 5 },
    throwFileSizeLimit: false,
  });
  if (!file) {
    throw new AppError('VALIDATION_FAILED', 'No file in the upload', [{ field: 'body.file', issue: 'is required' }]);
  }
  const data = await file.toBuffer();
  if (file.file.truncated) {
    throw new AppError(
      'PAYLOAD_TOO_LARGE',
      `Spreadsheets may be at most ${SPREADSHEET_LIMITS.maxBytes / 1024 / 1024} MB`,
    );
  }
  return data;
}
