import type { MessageView } from '@kefu/shared';
import type { i18n as I18n, TFunction } from 'i18next';
import { routingActivityText } from './transfer/routingActivityText';

/**
 * An activity line in the reader's language, from its code and params (`activity.assigned`,
 * `activity.status.resolved`). A code this console does not know yet shows the text the server stored.
 */
export function activityText(message: MessageView, t: TFunction, i18n: I18n): string {
  const activity = message.activity;
  if (!activity) return message.content;
  const routing = routingActivityText(activity, t);
  if (routing !== undefined) return routing;
  const key = `activity.${activity.code}`;
  if (!i18n.exists(key)) return message.content;
  // The key is checked at run time: codes come from the server, so they cannot be typed here.
  return t(key as 'activity.assigned', { ...activity.params, defaultValue: message.content });
}
