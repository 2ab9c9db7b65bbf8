import type { CascadeOption, TicketFieldDefinition, TicketFileView } from '@kefu/shared';
import type { FormInstance } from 'antd';
import type { UploadFile } from 'antd/es/upload/interface';
import dayjs, { type Dayjs } from 'dayjs';
import { ApiError } from '../api/client';

/**
 * Form values as Ant Design's inputs hold them, and back to what the API takes: dates as dayjs, attachments as
 * upload lists (the id of a finished upload or of a file already on the ticket), everything else as is.
 */
export type FieldFormValue = string | number | string[] | Dayjs | UploadFile[] | null | undefined;

/** An upload list entry's id for the API: a new upload's attachment id, or a kept ticket file's id. */
export function uploadedId(file: UploadFile): string | undefined {
  const response = file.response as { id?: string } | undefined;
  return response?.id ?? (file.status === 'done' ? file.uid : undefined);
}

export function toApiValue(field: TicketFieldDefinition, value: FieldFormValue): unknown {
  if (value === undefined || value === null || value === '') return null;
  switch (field.kind) {
    case 'date':
      return dayjs.isDayjs(value) ? value.format('YYYY-MM-DD') : value;
    case 'datetime':
      return dayjs.isDayjs(value) ? value.format() : value;
    case 'attachment': {
      const ids = (value as UploadFile[]).map(uploadedId).filter((id): id is string => id !== undefined);
      return ids.length === 0 ? null : ids;
    }
    case 'select':
      return Array.isArray(value) && value.length === 0 ? null : value;
    default:
      return typeof value === 'string' ? value.trim() || null : value;
  }
}

export function toFormValue(field: TicketFieldDefinition, value: unknown): FieldFormValue {
  if (value === undefined || value === null) return undefined;
  switch (field.kind) {
    case 'date':
    case 'datetime':
      return typeof value === 'string' ? dayjs(value) : undefined;
    case 'attachment':
      return (value as TicketFileView[]).map((file) => ({
        uid: file.id,
        name: file.fileName,
        status: 'done' as const,
        url: file.url,
      }));
    default:
      return value as FieldFormValue;
  }
}

/** The values of a form's fields for the API, leaving out what was left empty. */
export function fieldValuesForApi(
  form: readonly TicketFieldDefinition[],
  values: Record<string, FieldFormValue> | undefined,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of form) {
    const value = toApiValue(field, values?.[field.key]);
    if (value !== null) out[field.key] = value;
  }
  return out;
}

export interface CascadeNode {
  value: string;
  label: string;
  children?: CascadeNode[];
}

/** The flat option list (each naming its parent) as the tree a Cascader shows. */
export function cascadeTree(options: readonly CascadeOption[]): CascadeNode[] {
  const nodes = new Map<string, CascadeNode>();
  const roots: CascadeNode[] = [];
  for (const option of options) {
    const node: CascadeNode = { value: option.value, label: option.label };
    nodes.set(option.value, node);
    const parent = option.parent === null ? undefined : nodes.get(option.parent);
    if (parent) parent.children = [...(parent.children ?? []), node];
    else roots.push(node);
  }
  return roots;
}

/** A stored value as people read it: option labels instead of values, dates formatted, files by name. */
export function displayValue(
  field: TicketFieldDefinition,
  value: unknown,
  formatDateTime: (iso: string) => string,
): string {
  if (value === undefined || value === null) return '';
  switch (field.kind) {
    case 'select': {
      const label = (v: string) => field.options?.find((o) => o.value === v)?.label ?? v;
      return Array.isArray(value) ? value.map(label).join('、') : label(String(value));
    }
    case 'cascade':
      return (value as string[]).map((v) => field.cascadeOptions?.find((o) => o.value === v)?.label ?? v).join(' / ');
    case 'datetime':
      // Masked personal values are no longer times.
      return Number.isNaN(Date.parse(String(value))) ? String(value) : formatDateTime(String(value));
    case 'attachment':
      return (value as TicketFileView[]).map((file) => file.fileName).join('、');
    default:
      return String(value);
  }
}

/** A server field path (`body.fields.reason`, `body.contact.phone`) as an Ant Design name path. */
export function namePathOf(field: string): (string | number)[] {
  return field
    .replace(/^(body|query|params)\./, '')
    .split('.')
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * Puts the server's per-field problems next to the fields the form shows (`known` lists their name paths as
 * `a.b` strings). Returns the problems no field took, for a banner.
 */
export function placeFieldIssues(
  form: FormInstance,
  error: unknown,
  known: ReadonlySet<string>,
): { field?: string; issue: string }[] {
  if (!(error instanceof ApiError)) return [];
  const issues = error.fieldIssues;
  const placed = issues.filter((issue) => issue.field && known.has(namePathOf(issue.field).join('.')));
  form.setFields(placed.map((issue) => ({ name: namePathOf(issue.field ?? ''), errors: [issue.issue] })));
  return issues.filter((issue) => !placed.includes(issue));
}
