import type { SlaPolicyView } from '@kefu/shared';
import { useTranslation } from 'react-i18next';
import { TARGET_KEYS } from './policyForm';
import { usePolicyOptions } from './usePolicyOptions';

/** A duration of whole minutes as people say it: 45 分钟, 4 小时, 1 小时 30 分钟. */
export function useDurationText() {
  const { t } = useTranslation();
  return (total: number) => {
    const hours = Math.floor(total / 60);
    const minutes = total % 60;
    if (hours === 0) return t('slaPolicies.duration.minutes', { minutes });
    if (minutes === 0) return t('slaPolicies.duration.hours', { hours });
    return t('slaPolicies.duration.hoursMinutes', { hours, minutes });
  };
}

/** The list's short descriptions of a policy: which tickets, which targets, which clock, what a breach does. */
export function usePolicySummary() {
  const { t } = useTranslation();
  const options = usePolicyOptions();
  const duration = useDurationText();
  const nameIn = (list: { value: string; label: string }[]) => (id: string) =>
    list.find((option) => option.value === id)?.label ?? id;
  const typeName = nameIn(options.types);
  const priorityName = nameIn(options.priorities);
  const staffName = nameIn(options.staff);
  const teamName = nameIn(options.teams);
  const joined = (names: string[]) => names.join('、');

  return {
    conditions(policy: SlaPolicyView): string[] {
      const { typeIds, priorities, customerTags, ticketTags } = policy.conditions;
      const lines = [
        typeIds.length > 0 ? t('slaPolicies.conditionTypes', { names: joined(typeIds.map(typeName)) }) : null,
        priorities.length > 0
          ? t('slaPolicies.conditionPriorities', { names: joined(priorities.map(priorityName)) })
          : null,
        customerTags.length > 0 ? t('slaPolicies.conditionCustomerTags', { names: joined(customerTags) }) : null,
        ticketTags.length > 0 ? t('slaPolicies.conditionTicketTags', { names: joined(ticketTags) }) : null,
      ].filter((line): line is string => line !== null);
      return lines.length > 0 ? lines : [t('slaPolicies.anyTicket')];
    },
    targets(policy: SlaPolicyView): string[] {
      return TARGET_KEYS.flatMap((key) => {
        const minutes = policy.targets[key];
        return minutes === null ? [] : [t(`slaPolicies.targetShort.${key}`, { duration: duration(minutes) })];
      });
    },
    calendar(policy: SlaPolicyView): string {
      return policy.calendar ? policy.calendar.name : t('slaPolicies.allDay');
    },
    onBreach(policy: SlaPolicyView): string[] {
      const actions = policy.onBreach;
      const lines = [
        actions.notifySupervisors ? t('slaPolicies.actionSupervisors') : null,
        actions.notifyUserIds.length > 0
          ? t('slaPolicies.actionNotify', { count: actions.notifyUserIds.length })
          : null,
        actions.raisePriority ? t('slaPolicies.actionRaise') : null,
        actions.reassignToUserId
          ? t('slaPolicies.actionReassignUser', { name: staffName(actions.reassignToUserId) })
          : null,
        actions.reassignToTeamId
          ? t('slaPolicies.actionReassignTeam', { name: teamName(actions.reassignToTeamId) })
          : null,
      ].filter((line): line is string => line !== null);
      return lines.length > 0 ? lines : [t('slaPolicies.noActions')];
    },
  };
}
