import type { SensitiveWordErrorDetails, ServerFrame } from '@kefu/shared';
import type { AppError } from '../http/appError.js';

/** A refused send over the socket carries the matched words too, so the console can show them and ask. */
export function sensitiveWordErrorFrame(error: AppError, ref: string | undefined): ServerFrame | null {
  if (error.code !== 'SENSITIVE_WORD_BLOCKED' && error.code !== 'SENSITIVE_WORD_WARNING') return null;
  return {
    type: 'error',
    code: error.code,
    message: error.message,
    details: error.details as SensitiveWordErrorDetails,
    ...(ref ? { ref } : {}),
  };
}
