import {
  ASSIGN_RULES,
  type MessageActivity,
  ROUTING_ACTIVITY_CODES,
  ROUTING_STRATEGIES,
  TEAM_RULES,
} from '@kefu/shared';
import type { TFunction } from 'i18next';

/** Keys are chosen at run time from codes and params the server sends, so they are looked up untyped. */
type Translate = (key: string, params?: Record<string, unknown>) => string;

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const count = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);
const oneOf = <T extends string>(values: readonly T[], value: unknown): T | undefined =>
  values.includes(value as T) ? (value as T) : undefined;

/** "技能组「售后」（客户选择）" or "" */
function teamPart(tr: Translate, params: Record<string, unknown>): string {
  const teamName = text(params.teamName);
  if (!teamName) return '';
  const teamRule = oneOf(TEAM_RULES, params.teamRule);
  const why = teamRule ? tr('activity.routing.parts.teamRule', { rule: tr(`routing.teamRules.${teamRule}`) }) : '';
  return tr('activity.routing.parts.team', { teamName, why });
}

/** Where the chat waits: "技能组「售后」" or "客服" (any agent). */
function queuePart(tr: Translate, params: Record<string, unknown>): string {
  const teamName = text(params.teamName);
  return teamName ? tr('activity.routing.parts.teamQueue', { teamName }) : tr('activity.routing.parts.anyQueue');
}

function assigned(tr: Translate, params: Record<string, unknown>): string | undefined {
  const rule = oneOf(ASSIGN_RULES, params.rule);
  const agentName = text(params.agentName);
  if (!rule || !agentName) return undefined;
  const strategy = oneOf(ROUTING_STRATEGIES, params.strategy);
  const why =
    (rule === 'strategy' || rule === 'overflow') && strategy
      ? tr('activity.routing.parts.ruleWithStrategy', {
          rule: tr(`routing.assignRules.${rule}`),
          strategy: tr(`routing.strategies.${strategy}`),
        })
      : tr(`routing.assignRules.${rule}`);
  const active = count(params.activeChats);
  const limit = count(params.chatLimit);
  const waited = count(params.waitedSeconds);
  return tr('activity.routing.assigned', {
    why,
    agentName,
    team: teamPart(tr, params),
    load: active !== undefined && limit !== undefined ? tr('activity.routing.parts.load', { active, limit }) : '',
    waited: waited !== undefined ? tr('activity.routing.parts.waited', { seconds: waited }) : '',
  });
}

function transferred(tr: Translate, params: Record<string, unknown>): string {
  const fromName = text(params.fromName);
  const toName = text(params.toName);
  const target = toName ?? tr('activity.routing.parts.teamTarget', { teamName: text(params.teamName) ?? '' });
  return fromName
    ? tr('activity.routing.transferredFrom', { fromName, target })
    : tr('activity.routing.transferred', { target });
}

/**
 * Routing's and supervision's timeline entries in the reader's language, with the rule and the reason translated
 * too. Undefined for other codes, or params this console cannot read (the stored text is shown instead).
 */
export function routingActivityText(activity: MessageActivity, t: TFunction): string | undefined {
  const tr = t as unknown as Translate;
  const { params } = activity;
  switch (activity.code) {
    case ROUTING_ACTIVITY_CODES.assigned:
      return assigned(tr, params);
    case ROUTING_ACTIVITY_CODES.queued: {
      const position = count(params.position);
      if (position === undefined) return undefined;
      return tr('activity.routing.queued', {
        queue: queuePart(tr, params),
        position,
        priority: (count(params.priority) ?? 0) > 0 ? tr('activity.routing.parts.priority') : '',
      });
    }
    case ROUTING_ACTIVITY_CODES.pooled:
      return params.reason === 'routing_off'
        ? tr('activity.routing.pooledRoutingOff')
        : tr('activity.routing.pooled', { queue: queuePart(tr, params) });
    case ROUTING_ACTIVITY_CODES.abandoned: {
      const seconds = count(params.waitedSeconds) ?? 0;
      return tr(params.reason === 'left' ? 'activity.routing.abandonedLeft' : 'activity.routing.abandonedGone', {
        seconds,
      });
    }
    case ROUTING_ACTIVITY_CODES.autoTransferred:
      return tr('activity.routing.autoTransferred', {
        fromName: text(params.fromName) ?? '',
        seconds: count(params.seconds) ?? 0,
      });
    case ROUTING_ACTIVITY_CODES.autoClosed:
      return tr('activity.routing.autoClosed', { minutes: count(params.minutes) ?? 0 });
    case ROUTING_ACTIVITY_CODES.transferred:
      return transferred(tr, params);
    case ROUTING_ACTIVITY_CODES.participantJoined:
      return tr('activity.routing.participantJoined', { name: text(params.name) ?? '' });
    case ROUTING_ACTIVITY_CODES.participantLeft:
      return tr('activity.routing.participantLeft', { name: text(params.name) ?? '' });
    case ROUTING_ACTIVITY_CODES.takenOver: {
      const by = text(params.by) ?? '';
      const fromName = text(params.fromName);
      return fromName
        ? tr('activity.supervision.takenOverFrom', { by, fromName })
        : tr('activity.supervision.takenOver', { by });
    }
    case ROUTING_ACTIVITY_CODES.reassigned: {
      const toName = text(params.toName);
      const target = toName ?? tr('activity.routing.parts.teamTarget', { teamName: text(params.teamName) ?? '' });
      return tr('activity.supervision.reassigned', { by: text(params.by) ?? '', target });
    }
    default:
      return undefined;
  }
}

/**
 * The heading of a private note routing wrote: a supervisor's whisper to the assignee, or what the agent handing
 * the chat over left for the next one. Undefined for an ordinary note.
 */
export function routingNoteLabel(activity: MessageActivity | null, t: TFunction): string | undefined {
  if (!activity) return undefined;
  const tr = t as unknown as Translate;
  const target = text(activity.params.toName) ?? text(activity.params.teamName);
  if (activity.code === ROUTING_ACTIVITY_CODES.whisper) {
    return target ? tr('activity.supervision.whisperTo', { target }) : tr('activity.supervision.whisper');
  }
  if (activity.code === ROUTING_ACTIVITY_CODES.transferNote) {
    return target ? tr('activity.routing.transferNoteTo', { target }) : tr('activity.routing.transferNote');
  }
  return undefined;
}
