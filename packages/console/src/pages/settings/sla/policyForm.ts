import type { CreateSlaPolicyBody, SlaPolicyView, UpdateSlaPolicyBody } from '@kefu/shared';
import type { FormInstance } from 'antd';
import { ApiError } from '../../../api/client';

/**
 * The editor's values: the request body's own shape (so the server's field paths name form fields), except that
 * "around the clock" is '' in the calendar Select and cleared pickers may be undefined.
 */
export interface PolicyFormValues extends Omit<CreateSlaPolicyBody, 'calendarId'> {
  calendarId: string;
}

/** The calendar Select's value for "no calendar: count around the clock". */
export const AROUND_THE_CLOCK = '';

export const TARGET_KEYS = ['firstResponseMinutes', 'nextResponseMinutes', 'resolutionMinutes'] as const;
export type TargetKey = (typeof TARGET_KEYS)[number];

/** What a warning's value starts as when its mode is chosen: 80 % of the target, or 30 minutes before due. */
export const WARNING_DEFAULTS = { percent: 80, minutes: 30, off: 0 } as const;

export const NEW_POLICY: PolicyFormValues = {
  name: '',
  description: '',
  enabled: true,
  conditions: { typeIds: [], priorities: [], customerTags: [], ticketTags: [] },
  calendarId: AROUND_THE_CLOCK,
  targets: { firstResponseMinutes: null, nextResponseMinutes: null, resolutionMinutes: null },
  warning: { mode: 'percent', value: WARNING_DEFAULTS.percent },
  onBreach: {
    notifySupervisors: true,
    notifyUserIds: [],
    raisePriority: false,
    reassignToUserId: null,
    reassignToTeamId: null,
  },
  pauseWhenPending: true,
};

export function toFormValues(policy: SlaPolicyView): PolicyFormValues {
  return {
    name: policy.name,
    description: policy.description,
    enabled: policy.enabled,
    conditions: policy.conditions,
    calendarId: policy.calendar?.id ?? AROUND_THE_CLOCK,
    targets: policy.targets,
    warning: policy.warning,
    onBreach: policy.onBreach,
    pauseWhenPending: policy.pauseWhenPending,
  };
}

/** The whole policy as the API takes it; cleared pickers become the API's "none" (null or an empty list). */
export function toRequestBody(values: PolicyFormValues): CreateSlaPolicyBody {
  const conditions = values.conditions ?? NEW_POLICY.conditions;
  const targets = values.targets ?? NEW_POLICY.targets;
  const warning = values.warning ?? NEW_POLICY.warning;
  const onBreach = values.onBreach ?? NEW_POLICY.onBreach;
  return {
    name: values.name?.trim() ?? '',
    description: values.description?.trim() ?? '',
    enabled: values.enabled ?? true,
    conditions: {
      typeIds: conditions.typeIds ?? [],
      priorities: conditions.priorities ?? [],
      customerTags: (conditions.customerTags ?? []).map((tag) => tag.trim()).filter((tag) => tag !== ''),
      ticketTags: (conditions.ticketTags ?? []).map((tag) => tag.trim()).filter((tag) => tag !== ''),
    },
    calendarId: values.calendarId ? values.calendarId : null,
    targets: {
      firstResponseMinutes: targets.firstResponseMinutes ?? null,
      nextResponseMinutes: targets.nextResponseMinutes ?? null,
      resolutionMinutes: targets.resolutionMinutes ?? null,
    },
    warning: { mode: warning.mode, value: warning.mode === 'off' ? 0 : (warning.value ?? 0) },
    onBreach: {
      notifySupervisors: onBreach.notifySupervisors ?? false,
      notifyUserIds: onBreach.notifyUserIds ?? [],
      raisePriority: onBreach.raisePriority ?? false,
      reassignToUserId: onBreach.reassignToUserId ?? null,
      reassignToTeamId: onBreach.reassignToTeamId ?? null,
    },
    pauseWhenPending: values.pauseWhenPending ?? false,
  };
}

/**
 * A change of `policy`: only the settings that differ (each one whole, as the API replaces it), so the audit log
 * records what the admin changed. Null when nothing did.
 */
export function changesOf(policy: SlaPolicyView, body: CreateSlaPolicyBody): UpdateSlaPolicyBody | null {
  const before = toRequestBody(toFormValues(policy));
  const changed = (Object.keys(body) as (keyof CreateSlaPolicyBody)[]).filter(
    (key) => JSON.stringify(body[key]) !== JSON.stringify(before[key]),
  );
  if (changed.length === 0) return null;
  return { version: policy.version, ...Object.fromEntries(changed.map((key) => [key, body[key]])) };
}

/** Form fields a server problem can be shown on, as dotted paths. */
const FIELDS = new Set([
  'name',
  'description',
  'enabled',
  'conditions.typeIds',
  'conditions.priorities',
  'conditions.customerTags',
  'conditions.ticketTags',
  'calendarId',
  ...TARGET_KEYS.map((key) => `targets.${key}`),
  'warning.mode',
  'warning.value',
  'onBreach.notifySupervisors',
  'onBreach.notifyUserIds',
  'onBreach.raisePriority',
  'onBreach.reassignToUserId',
  'onBreach.reassignToTeamId',
  'pauseWhenPending',
]);

/**
 * `body.conditions.typeIds.2` → `['conditions', 'typeIds']` (the list shows its entries); `body.targets` (no
 * target set) → the first target. Undefined for a path no field shows.
 */
export function policyFieldPath(field: string): string[] | undefined {
  if (!field.startsWith('body.')) return undefined;
  const parts = field.slice('body.'.length).split('.');
  while (parts.length > 0 && /^\d+$/.test(parts.at(-1) ?? '')) parts.pop();
  const path = parts.join('.');
  if (path === 'targets') return ['targets', 'firstResponseMinutes'];
  return FIELDS.has(path) ? parts : undefined;
}

/**
 * Shows the server's validation problems next to their fields; returns false when some problem has no field (the
 * caller shows a banner then).
 */
export function placePolicyErrors(form: FormInstance, error: unknown): boolean {
  if (!(error instanceof ApiError) || error.code !== 'VALIDATION_FAILED' || error.fieldIssues.length === 0) {
    return false;
  }
  const byField = new Map<string, { name: string[]; errors: string[] }>();
  let unplaced = 0;
  for (const issue of error.fieldIssues) {
    const name = issue.field ? policyFieldPath(issue.field) : undefined;
    if (!name) {
      unplaced += 1;
      continue;
    }
    const entry = byField.get(name.join('.')) ?? { name, errors: [] };
    if (!entry.errors.includes(issue.issue)) entry.errors.push(issue.issue);
    byField.set(name.join('.'), entry);
  }
  form.setFields([...byField.values()]);
  return unplaced === 0;
}

/** A version conflict: the policy changed since the editor read it (`details.currentVersion`). */
export function isVersionConflict(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    error.code === 'CONFLICT' &&
    !Array.isArray(error.details) &&
    typeof error.details.currentVersion === 'number'
  );
}

/** The name is taken: CONFLICT naming `body.name`. */
export function isNameTaken(error: unknown): boolean {
  return (
    error instanceof ApiError && error.code === 'CONFLICT' && error.fieldIssues.some((i) => i.field === 'body.name')
  );
}
