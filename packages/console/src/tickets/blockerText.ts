import type { TicketFieldDefinition, TransitionBlocker } from '@kefu/shared';
import type { TFunction } from 'i18next';

const BUILT_INS = ['assignee', 'team', 'category', 'description', 'promisedReplyAt'] as const;
const KNOWN = [
  'permission',
  'requiredFields',
  'tasksOpen',
  'resolutionPending',
  'resolutionApproved',
  'customerAccepted',
  'tasksDone',
  'followUpSatisfied',
] as const;

/** A field a workflow requires, by its label: a form field's own, or a built-in one's. */
export function requiredFieldLabel(key: string, form: readonly TicketFieldDefinition[], t: TFunction): string {
  const stripped = key.replace(/^fields\./, '');
  if ((BUILT_INS as readonly string[]).includes(stripped)) {
    return t(`tickets.builtInFields.${stripped as (typeof BUILT_INS)[number]}`);
  }
  return form.find((field) => field.key === stripped)?.label ?? stripped;
}

/** Why a transition cannot be taken now, in the interface language (the server's words for unknown codes). */
export function blockerText(blocker: TransitionBlocker, form: readonly TicketFieldDefinition[], t: TFunction): string {
  if (!(KNOWN as readonly string[]).includes(blocker.code)) return blocker.message;
  const code = blocker.code as (typeof KNOWN)[number];
  if (code === 'requiredFields') {
    const labels = (blocker.fields ?? []).map((key) => requiredFieldLabel(key, form, t));
    return t('tickets.blockers.requiredFields', { fields: labels.join('、') });
  }
  return t(`tickets.blockers.${code}`);
}
