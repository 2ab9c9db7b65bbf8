import type { ErrorDetail, TicketFieldDefinition } from '@kefu/shared';
import { isEmptyValue } from './workflowEngine.js';

/**
 * Form values checked against the type's form on the server: kinds, bounds, options, required fields. Values are
 * stored normalised (trimmed text, ISO UTC times, attachment values as ticket file ids).
 */
export interface FieldCheckOptions {
  /** create: every required field must be filled; update: only the fields being changed are checked. */
  mode: 'create' | 'update';
  /** customer: only the fields the widget shows (inWidget) exist. */
  audience: 'staff' | 'customer';
  now: number;
  /** Today in the workspace's time zone, YYYY-MM-DD (for dates that may not lie in the future). */
  today: string;
}

export interface FieldCheck {
  /** The stored values after the change (attachments still list upload ids; see `uploads`). */
  values: Record<string, unknown>;
  /** Per attachment field: the input ids that are new uploads, to be copied into ticket files. */
  uploads: Map<string, string[]>;
  issues: ErrorDetail[];
  /** Keys whose value changes. */
  changed: string[];
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const PHONE = /^\+?[0-9][0-9 -]{4,24}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A minute of leeway for clocks that run a little ahead of ours. */
const FUTURE_LEEWAY_MS = 60_000;

type Checked = { ok: true; value: unknown } | { ok: false; issue: string };
const ok = (value: unknown): Checked => ({ ok: true, value });
const bad = (issue: string): Checked => ({ ok: false, issue });

function validDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.getUTCMonth() === Number(m[2]) - 1 && date.getUTCDate() === Number(m[3]);
}

function checkValue(field: TicketFieldDefinition, raw: unknown, options: FieldCheckOptions): Checked {
  switch (field.kind) {
    case 'text': {
      if (typeof raw !== 'string') return bad('must be text');
      const text = raw.trim();
      const max = field.maxLength ?? (field.multiline ? 5000 : 500);
      if (text.length > max) return bad(`must be at most ${max} characters`);
      if (text.length > 0 && field.minLength !== undefined && text.length < field.minLength) {
        return bad(`must be at least ${field.minLength} characters`);
      }
      return ok(text === '' ? null : text);
    }
    case 'number': {
      if (typeof raw !== 'number' || !Number.isFinite(raw)) return bad('must be a number');
      if (field.min !== undefined && raw < field.min) return bad(`must be at least ${field.min}`);
      if (field.max !== undefined && raw > field.max) return bad(`must be at most ${field.max}`);
      if (field.decimals !== undefined) {
        const scaled = raw * 10 ** field.decimals;
        if (Math.abs(scaled - Math.round(scaled)) > 1e-6) {
          return bad(field.decimals === 0 ? 'must be a whole number' : `at most ${field.decimals} decimals`);
        }
      }
      return ok(raw);
    }
    case 'date': {
      if (typeof raw !== 'string' || !validDate(raw)) return bad('must be a date such as 2026-03-02');
      if (field.notInFuture && raw > options.today) return bad('must not be in the future');
      return ok(raw);
    }
    case 'datetime': {
      const at = typeof raw === 'string' && DATE_TIME.test(raw) ? Date.parse(raw) : Number.NaN;
      if (Number.isNaN(at)) return bad('must be a time such as 2026-03-02T09:30:00+08:00');
      if (field.notInFuture && at > options.now + FUTURE_LEEWAY_MS) return bad('must not be in the future');
      return ok(new Date(at).toISOString());
    }
    case 'select': {
      const values = new Set((field.options ?? []).map((o) => o.value));
      if (field.multiple) {
        if (!Array.isArray(raw) || raw.some((v) => typeof v !== 'string')) return bad('must be a list of options');
        if (new Set(raw).size !== raw.length) return bad('lists an option twice');
        const unknown = raw.filter((v) => !values.has(v as string));
        if (unknown.length > 0) return bad(`has unknown options: ${unknown.join(', ')}`);
        return ok(raw.length === 0 ? null : raw);
      }
      if (typeof raw !== 'string' || !values.has(raw)) return bad('must be one of the options');
      return ok(raw);
    }
    case 'cascade': {
      if (!Array.isArray(raw) || raw.length === 0 || raw.some((v) => typeof v !== 'string')) {
        return bad('must be the path of option values from the top, e.g. ["quality", "damaged"]');
      }
      const options = field.cascadeOptions ?? [];
      let parent: string | null = null;
      for (const value of raw as string[]) {
        const option = options.find((o) => o.value === value && o.parent === parent);
        if (!option) return bad(`${value} is not an option ${parent === null ? 'at the top' : `under ${parent}`}`);
        parent = value;
      }
      if (options.some((o) => o.parent === parent)) return bad('must go down to a final option');
      return ok(raw);
    }
    case 'phone': {
      if (typeof raw !== 'string') return bad('must be a phone number');
      const phone = raw.trim();
      const digits = phone.replace(/\D/g, '').length;
      if (!PHONE.test(phone) || digits < 5 || digits > 20) return bad('must be a phone number (5–20 digits)');
      return ok(phone);
    }
    case 'attachment': {
      if (!Array.isArray(raw) || raw.some((v) => typeof v !== 'string' || !UUID.test(v))) {
        return bad('must be a list of uploaded file ids');
      }
      if (new Set(raw).size !== raw.length) return bad('lists a file twice');
      const max = field.maxFiles ?? 10;
      if (raw.length > max) return bad(`at most ${max} files`);
      return ok(raw.length === 0 ? null : raw);
    }
    default: {
      const unknown: never = field.kind;
      return bad(`unknown field kind ${String(unknown)}`);
    }
  }
}

export function checkFieldValues(
  form: TicketFieldDefinition[],
  input: Record<string, unknown>,
  existing: Record<string, unknown>,
  options: FieldCheckOptions,
): FieldCheck {
  const fields = form.filter((f) => options.audience === 'staff' || f.inWidget);
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const values: Record<string, unknown> = { ...existing };
  const uploads = new Map<string, string[]>();
  const issues: ErrorDetail[] = [];
  const changed: string[] = [];
  const issue = (key: string, text: string) => issues.push({ field: `body.fields.${key}`, issue: text });

  for (const [key, raw] of Object.entries(input)) {
    const field = byKey.get(key);
    if (!field) {
      issue(key, 'is not a field of this form');
      continue;
    }
    const checked = raw === null ? ok(null) : checkValue(field, raw, options);
    if (!checked.ok) {
      issue(key, checked.issue);
      continue;
    }
    if (isEmptyValue(checked.value)) {
      if (field.required) issue(key, 'is required');
      else if (!isEmptyValue(values[key])) changed.push(key);
      delete values[key];
      continue;
    }
    if (field.kind === 'attachment') {
      const kept = new Set((existing[key] as string[] | undefined) ?? []);
      const fresh = (checked.value as string[]).filter((id) => !kept.has(id));
      if (fresh.length > 0) uploads.set(key, fresh);
    }
    if (JSON.stringify(values[key]) !== JSON.stringify(checked.value)) changed.push(key);
    values[key] = checked.value;
  }
  if (options.mode === 'create') {
    for (const field of fields) {
      if (field.required && isEmptyValue(values[field.key]) && !(field.key in input)) issue(field.key, 'is required');
    }
  }
  return { values, uploads, issues, changed };
}
