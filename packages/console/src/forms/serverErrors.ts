import type { FormInstance } from 'antd';
import { ApiError } from '../api/client';

/** Server field paths look like `body.email`; form fields are named after the last part. */
function formFieldName(field: string): string {
  return field.replace(/^(body|query|params)\./, '');
}

/**
 * Shows the server's per-field validation problems next to the matching form fields.
 * Returns true when every problem found a field, so no separate error banner is needed.
 */
export function showFieldErrors(form: FormInstance, error: unknown): boolean {
  if (!(error instanceof ApiError) || error.code !== 'VALIDATION_FAILED') return false;
  const known = new Set(Object.keys(form.getFieldsValue(true)));
  const placed = error.fieldIssues.filter((issue) => issue.field && known.has(formFieldName(issue.field)));
  form.setFields(placed.map((issue) => ({ name: formFieldName(issue.field ?? ''), errors: [issue.issue] })));
  return placed.length > 0 && placed.length === error.fieldIssues.length;
}
