import type { MessageKey, Translate } from './i18n';
import type { MessageView } from './protocol';

type Params = Record<string, unknown>;

/**
 * The activity codes a customer is shown in their own words (routing's agent-only entries never reach the widget);
 * a code whose wording depends on its params names the key by them. Others keep the text the server stored.
 */
const ACTIVITY_KEYS: Partial<Record<string, MessageKey | ((params: Params) => MessageKey)>> = {
  assigned: 'activity.assigned',
  unassigned: 'activity.unassigned',
  'status.open': 'activity.status.open',
  'status.pending': 'activity.status.pending',
  'status.snoozed': 'activity.status.snoozed',
  'status.resolved': 'activity.status.resolved',
  'routing.transferred': (params) =>
    typeof params.toName === 'string'
      ? 'activity.routing.transferredTo'
      : typeof params.teamName === 'string'
        ? 'activity.routing.transferredTeam'
        : 'activity.routing.transferred',
  'routing.participant_joined': 'activity.routing.participantJoined',
  'routing.participant_left': 'activity.routing.participantLeft',
};

/** An activity line in the widget's language, or the stored text when the code or a parameter is unknown. */
export function activityText(activity: MessageView['activity'], stored: string, t: Translate): string {
  const entry = activity ? ACTIVITY_KEYS[activity.code] : undefined;
  if (!activity || !entry) return stored;
  const key = typeof entry === 'function' ? entry(activity.params) : entry;
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(activity.params)) {
    if (typeof value === 'string' || typeof value === 'number') params[name] = value;
  }
  const text = t(key, params);
  return /\{\w+\}/.test(text) ? stored : text;
}
