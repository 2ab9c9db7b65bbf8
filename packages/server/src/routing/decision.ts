import type { AssignRule, RoutingSettings, RoutingStrategy, TeamRule } from '@kefu/shared';

/**
 * The routing decision, as pure functions over plain data: no database, no clock of its own. `planRoute` turns
 * what is known about a conversation into an ordered plan (preferred agents, then a team); `chooseAgent` applies
 * the plan to a snapshot of who can take chats right now. The router stores the plan with a queued
 * conversation, so draining the queue decides again with no lookups.
 */

export interface AgentLoad {
  id: string;
  activeChats: number;
  chatLimit: number;
  /** When the agent last got a chat (round robin rotates on it; 0 if never). */
  lastAssignedAt: number;
  /** The last time their load changed or they became available: the longest idle has the smallest. */
  idleSince: number;
}

export interface TeamLoad {
  id: string;
  /** Every member, signed in or not. */
  memberIds: readonly string[];
  chatLimit: number | null;
  activeChats: number;
}

export interface RoutingSnapshot {
  /** Agents taking chats now (presence online), by id. */
  available: Map<string, AgentLoad>;
  /** Agents signed in with any presence but offline. */
  signedIn: ReadonlySet<string>;
  teams: Map<string, TeamLoad>;
}

/** What is known about the conversation when it is routed. */
export interface ConversationFacts {
  designatedAgentId: string | null;
  designatedTeamId: string | null;
  /** The team the customer chose in the widget. */
  chosenTeamId: string | null;
  /** The agent of the customer's last chat, and when it last saw activity. */
  previousAgent: { id: string; at: number } | null;
  ownerId: string | null;
  contactTags: readonly string[];
  labels: readonly string[];
  locale: string | null;
  pageUrl: string | null;
}

export interface PreferredAgent {
  agentId: string;
  rule: 'designated_agent' | 'previous_agent' | 'owner';
  /** Set when a team rule came earlier in the order: the agent must then be a member of it. */
  withinTeamId: string | null;
}

export interface RoutePlan {
  preferred: PreferredAgent[];
  team: { id: string; rule: TeamRule } | null;
  /** Agents who must not get it (the one it is being transferred away from). */
  excluded: string[];
  /** 1: VIP or complaint, served before the others in the queue. */
  priority: 0 | 1;
}

export type Choice =
  | { kind: 'agent'; agentId: string; teamId: string | null; rule: AssignRule; teamRule: TeamRule | null }
  | { kind: 'wait'; teamId: string | null; teamRule: TeamRule | null };

type Settings = Pick<
  RoutingSettings,
  | 'rules'
  | 'previousAgentHours'
  | 'skillRules'
  | 'defaultTeamId'
  | 'strategy'
  | 'overflowTeamId'
  | 'overflowAfterSeconds'
  | 'priorityTags'
  | 'complaintLabels'
>;

const HOUR_MS = 3_600_000;

export function planRoute(facts: ConversationFacts, settings: Settings, now: number): RoutePlan {
  const preferred: PreferredAgent[] = [];
  let team: RoutePlan['team'] = null;
  const prefer = (agentId: string | null, rule: PreferredAgent['rule']) => {
    if (agentId && !preferred.some((p) => p.agentId === agentId)) {
      preferred.push({ agentId, rule, withinTeamId: team?.id ?? null });
    }
  };
  for (const rule of settings.rules) {
    switch (rule) {
      case 'designated':
        prefer(facts.designatedAgentId, 'designated_agent');
        if (!team && facts.designatedTeamId) team = { id: facts.designatedTeamId, rule: 'designated_team' };
        break;
      case 'previous_agent':
        if (facts.previousAgent && now - facts.previousAgent.at <= settings.previousAgentHours * HOUR_MS) {
          prefer(facts.previousAgent.id, 'previous_agent');
        }
        break;
      case 'owner':
        prefer(facts.ownerId, 'owner');
        break;
      case 'skill':
        team ??= skillTeam(facts, settings);
        break;
    }
  }
  if (!team && settings.defaultTeamId) team = { id: settings.defaultTeamId, rule: 'default_team' };
  const vip = facts.contactTags.some((tag) => settings.priorityTags.includes(tag));
  const complaint = facts.labels.some((label) => settings.complaintLabels.includes(label));
  return { preferred, team, excluded: [], priority: vip || complaint ? 1 : 0 };
}

function skillTeam(facts: ConversationFacts, settings: Settings): RoutePlan['team'] {
  if (facts.chosenTeamId) return { id: facts.chosenTeamId, rule: 'widget_team' };
  for (const skill of settings.skillRules) {
    const matches =
      skill.match === 'page_url'
        ? (facts.pageUrl ?? '').includes(skill.value)
        : skill.match === 'language'
          ? (facts.locale ?? '').toLowerCase().startsWith(skill.value.toLowerCase())
          : facts.contactTags.includes(skill.value);
    if (matches) return { id: skill.teamId, rule: skill.match };
  }
  return null;
}

/** Whether a chat waiting since `queuedAt` may go to the backup team too. */
export function overflowDue(settings: Settings, queuedAt: number | null, now: number): boolean {
  return (
    settings.overflowTeamId !== null && queuedAt !== null && now - queuedAt >= settings.overflowAfterSeconds * 1000
  );
}

/**
 * The agent the plan gives the conversation to now, or where it waits. Preferred agents first (if they can take
 * it now), then the strategy among the team's members (every available agent without a team, the backup team's
 * too once the overflow wait has passed). A team nobody can ever serve (no members, or nobody signed in) does not
 * hold the chat: routing falls back to the backup team or to everyone, and says so.
 */
export function chooseAgent(
  plan: RoutePlan,
  snapshot: RoutingSnapshot,
  settings: Settings,
  now: number,
  queuedAt: number | null,
): Choice {
  const excluded = plan.excluded;
  const teamHasRoom = (teamId: string | null) => {
    if (teamId === null) return true;
    const team = snapshot.teams.get(teamId);
    return team !== undefined && (team.chatLimit === null || team.activeChats < team.chatLimit);
  };
  const agentHasRoom = (agentId: string) => {
    const agent = snapshot.available.get(agentId);
    return agent !== undefined && agent.activeChats < agent.chatLimit && !excluded.includes(agentId);
  };
  const isMember = (teamId: string, agentId: string) =>
    snapshot.teams.get(teamId)?.memberIds.includes(agentId) ?? false;

  const target = servableTeam(plan.team, snapshot, settings);
  const teamId = target?.id ?? null;
  const teamRule = target?.rule ?? null;
  for (const preferred of plan.preferred) {
    if (!agentHasRoom(preferred.agentId)) continue;
    if (preferred.withinTeamId !== null) {
      if (!isMember(preferred.withinTeamId, preferred.agentId) || !teamHasRoom(preferred.withinTeamId)) continue;
      return {
        kind: 'agent',
        agentId: preferred.agentId,
        teamId: preferred.withinTeamId,
        rule: preferred.rule,
        teamRule,
      };
    }
    // Chosen before any team rule: it goes through the conversation's team only if the agent belongs to it.
    const through = teamId !== null && isMember(teamId, preferred.agentId) && teamHasRoom(teamId);
    return {
      kind: 'agent',
      agentId: preferred.agentId,
      teamId: through ? teamId : null,
      rule: preferred.rule,
      teamRule: through ? teamRule : null,
    };
  }

  const better = comparator(settings.strategy);
  let best: AgentLoad | undefined;
  let bestTeam: string | null = null;
  const consider = (agentId: string, through: string | null) => {
    if (!agentHasRoom(agentId)) return;
    const agent = snapshot.available.get(agentId)!;
    if (!best || better(agent, best)) {
      best = agent;
      bestTeam = through;
    }
  };
  if (teamId !== null) {
    if (teamHasRoom(teamId)) for (const id of snapshot.teams.get(teamId)!.memberIds) consider(id, teamId);
  } else {
    for (const id of snapshot.available.keys()) consider(id, null);
  }
  const primary = best as AgentLoad | undefined;
  const overflowTeam = settings.overflowTeamId;
  if (
    teamId !== null &&
    overflowTeam !== null &&
    overflowTeam !== teamId &&
    overflowDue(settings, queuedAt, now) &&
    teamHasRoom(overflowTeam)
  ) {
    for (const id of snapshot.teams.get(overflowTeam)?.memberIds ?? []) consider(id, overflowTeam);
  }
  const chosen = best as AgentLoad | undefined;
  if (!chosen) return { kind: 'wait', teamId, teamRule };
  const overflowed = chosen !== primary;
  return {
    kind: 'agent',
    agentId: chosen.id,
    teamId: bestTeam,
    rule: overflowed ? 'overflow' : 'strategy',
    teamRule,
  };
}

/** Where a conversation with this plan waits when nobody can take it: the team that can really serve it. */
export function waitTarget(
  plan: RoutePlan,
  snapshot: RoutingSnapshot,
  settings: Settings,
): Extract<Choice, { kind: 'wait' }> {
  const target = servableTeam(plan.team, snapshot, settings);
  return { kind: 'wait', teamId: target?.id ?? null, teamRule: target?.rule ?? null };
}

/**
 * The team the conversation can really be served by. `id` null means every available agent. A team that does
 * not exist, has no members, or has nobody signed in falls back to the backup team (if someone of it is signed
 * in) or to everyone: an empty skill group must never stop routing.
 */
function servableTeam(
  team: RoutePlan['team'],
  snapshot: RoutingSnapshot,
  settings: Settings,
): { id: string | null; rule: TeamRule } | null {
  if (!team) return null;
  const found = snapshot.teams.get(team.id);
  const fallback = (rule: TeamRule) => {
    const backup = settings.overflowTeamId ? snapshot.teams.get(settings.overflowTeamId) : undefined;
    const usable = backup && backup.id !== team.id && backup.memberIds.some((id) => snapshot.signedIn.has(id));
    return { id: usable ? backup.id : null, rule };
  };
  if (!found || found.memberIds.length === 0) return fallback('fallback_no_members');
  if (!found.memberIds.some((id) => snapshot.signedIn.has(id))) return fallback('fallback_nobody_signed_in');
  return team;
}

/** Whether `a` should get the chat before `b` under the strategy; ties end on the id, so the order is total. */
export function comparator(strategy: RoutingStrategy): (a: AgentLoad, b: AgentLoad) => boolean {
  const byIdleThenId = (a: AgentLoad, b: AgentLoad) =>
    a.idleSince < b.idleSince || (a.idleSince === b.idleSince && a.id < b.id);
  switch (strategy) {
    case 'lowest_saturation':
      return (a, b) => {
        // a.active / a.limit < b.active / b.limit, without floating point.
        const left = a.activeChats * b.chatLimit;
        const right = b.activeChats * a.chatLimit;
        return left < right || (left === right && byIdleThenId(a, b));
      };
    case 'fewest_chats':
      return (a, b) => a.activeChats < b.activeChats || (a.activeChats === b.activeChats && byIdleThenId(a, b));
    case 'round_robin':
      return (a, b) => a.lastAssignedAt < b.lastAssignedAt || (a.lastAssignedAt === b.lastAssignedAt && a.id < b.id);
    case 'longest_idle':
      return byIdleThenId;
  }
}

/** Keeps a snapshot true after an assignment, so a drain can decide the next chat without reading it again. */
export function recordAssignment(snapshot: RoutingSnapshot, agentId: string, teamId: string | null, now: number): void {
  const agent = snapshot.available.get(agentId);
  if (agent) {
    agent.activeChats += 1;
    agent.lastAssignedAt = now;
    agent.idleSince = now;
  }
  const team = teamId ? snapshot.teams.get(teamId) : undefined;
  if (team) team.activeChats += 1;
}

/** Whether any available agent has a free seat (a drain stops when none has). */
export function anyRoom(snapshot: RoutingSnapshot): boolean {
  for (const agent of snapshot.available.values()) if (agent.activeChats < agent.chatLimit) return true;
  return false;
}
