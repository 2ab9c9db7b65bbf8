import type { FormInstance } from 'antd';
import { ApiError } from '../../../api/client';

/** The blocks of an inbox's settings whose fields the inbox form holds under the same names. */
const NESTED_BLOCKS = ['routing', 'teamChoice'] as const;

/** `body.settings.routing.skillRules.0.teamId` → `['routing', 'skillRules', 0, 'teamId']`; undefined for others. */
export function settingsFieldPath(field: string): (string | number)[] | undefined {
  const parts = field.split('.');
  if (parts[0] !== 'body' || parts[1] !== 'settings') return undefined;
  const block = parts[2];
  if (!NESTED_BLOCKS.includes(block as (typeof NESTED_BLOCKS)[number]) || parts.length < 4) return undefined;
  const path = parts.slice(2).map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  // A whole entry of a list (not one of its fields) is no field of the form: the list shows it.
  while (typeof path.at(-1) === 'number') path.pop();
  return path;
}

/**
 * Shows the server's validation problems with the routing and team-choice settings next to their fields (the
 * field of a list entry, or the list when the problem is the list itself). Returns true when every problem found
 * its field, so no banner is needed.
 */
export function placeSettingsErrors(form: FormInstance, error: unknown): boolean {
  if (!(error instanceof ApiError) || error.code !== 'VALIDATION_FAILED' || error.fieldIssues.length === 0) {
    return false;
  }
  const placed = error.fieldIssues.flatMap((issue) => {
    const name = issue.field ? settingsFieldPath(issue.field) : undefined;
    return name ? [{ name, errors: [issue.issue] }] : [];
  });
  form.setFields(placed);
  return placed.length === error.fieldIssues.length;
}
