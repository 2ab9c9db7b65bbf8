import type { FormInstance } from 'antd';
import { ApiError } from '../api/client';

/** Server field paths look like `body.email`; form fields are named after the rest. */
export function formFieldName(field: string): string {
  return field.replace(/^(body|query|params)\./, '');
}

/**
 * Shows the per-field problems an error lists next to the matching form fields: the server's own words for
 * VALIDATION_FAILED, otherwise `describe(error)` (e.g. "this email is already in use" for EMAIL_TAKEN).
 * Returns true when every problem found a field, so no separate error banner is needed.
 */
export function showFieldErrors(form: FormInstance, error: unknown, describe: (error: unknown) => string): boolean {
  if (!(error instanceof ApiError) || error.fieldIssues.length === 0) return false;
  const known = new Set(Object.keys(form.getFieldsValue(true)));
  const placed = error.fieldIssues.filter((issue) => issue.field && known.has(formFieldName(issue.field)));
  form.setFields(
    placed.map((issue) => ({
      name: formFieldName(issue.field ?? ''),
      errors: [error.code === 'VALIDATION_FAILED' ? issue.issue : describe(error)],
    })),
  );
  return placed.length > 0 && placed.length === error.fieldIssues.length;
}
