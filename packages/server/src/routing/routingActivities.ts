import { type AssignRule, ROUTING_ACTIVITY_CODES, type RoutingStrategy, type TeamRule } from '@kefu/shared';
import type { AppContext } from '../context.js';
import { type CreatedMessage, type MessageSender, storeMessage } from '../conversations/messageCreator.js';
import type { Executor } from '../db/transaction.js';

/**
 * Routing's entries in a conversation's timeline: an activity `code` with `params` for clients to show in their
 * own language, and zh-CN `content` for those that do not know the code. `internal` ones (routing decisions)
 * reach agents only, like private notes.
 */
export interface RoutingActivity {
  code: string;
  params: Record<string, unknown>;
  text: string;
  internal: boolean;
}

const ASSIGN_RULE_TEXT: Record<AssignRule, string> = {
  designated_agent: '指定客服',
  previous_agent: '上次接待客服优先',
  owner: '专属客服优先',
  strategy: '分配策略',
  overflow: '溢出到备用技能组',
};

const STRATEGY_TEXT: Record<RoutingStrategy, string> = {
  lowest_saturation: '饱和度最低',
  fewest_chats: '接待量最少',
  round_robin: '轮流分配',
  longest_idle: '空闲最久',
};

const TEAM_RULE_TEXT: Record<TeamRule, string> = {
  designated_team: '指定技能组',
  widget_team: '客户选择',
  page_url: '页面地址匹配',
  language: '语言匹配',
  contact_tag: '客户标签匹配',
  default_team: '默认技能组',
  transfer: '转接',
  fallback_no_members: '原技能组没有成员',
  fallback_nobody_signed_in: '原技能组无人在线',
};

export function assignedActivity(p: {
  rule: AssignRule;
  strategy: RoutingStrategy;
  agentId: string;
  agentName: string;
  teamId: string | null;
  teamName: string | null;
  teamRule: TeamRule | null;
  load: { activeChats: number; chatLimit: number } | null;
  waitedSeconds: number | null;
}): RoutingActivity {
  const why =
    p.rule === 'strategy' ? `${ASSIGN_RULE_TEXT.strategy}：${STRATEGY_TEXT[p.strategy]}` : ASSIGN_RULE_TEXT[p.rule];
  const team = p.teamName ? `，技能组「${p.teamName}」${p.teamRule ? `（${TEAM_RULE_TEXT[p.teamRule]}）` : ''}` : '';
  const load = p.load ? `，接待 ${p.load.activeChats}/${p.load.chatLimit}` : '';
  const waited = p.waitedSeconds !== null ? `，排队 ${p.waitedSeconds} 秒` : '';
  return {
    code: ROUTING_ACTIVITY_CODES.assigned,
    params: {
      rule: p.rule,
      ...(p.rule === 'strategy' || p.rule === 'overflow' ? { strategy: p.strategy } : {}),
      agentId: p.agentId,
      agentName: p.agentName,
      teamId: p.teamId,
      teamName: p.teamName,
      teamRule: p.teamRule,
      ...(p.load ? { activeChats: p.load.activeChats, chatLimit: p.load.chatLimit } : {}),
      ...(p.waitedSeconds !== null ? { waitedSeconds: p.waitedSeconds } : {}),
    },
    text: `按「${why}」分配给 ${p.agentName}${team}${load}${waited}`,
    internal: true,
  };
}

export function queuedActivity(p: {
  teamId: string | null;
  teamName: string | null;
  teamRule: TeamRule | null;
  position: number;
  priority: number;
}): RoutingActivity {
  return {
    code: ROUTING_ACTIVITY_CODES.queued,
    params: {
      teamId: p.teamId,
      teamName: p.teamName,
      teamRule: p.teamRule,
      position: p.position,
      priority: p.priority,
    },
    text: `${p.teamName ? `技能组「${p.teamName}」` : '客服'}已满，进入排队，第 ${p.position} 位${p.priority > 0 ? '（优先）' : ''}`,
    internal: true,
  };
}

export function pooledActivity(p: {
  teamId: string | null;
  teamName: string | null;
  teamRule: TeamRule | null;
  reason: 'all_full';
}): RoutingActivity {
  return {
    code: ROUTING_ACTIVITY_CODES.pooled,
    params: { teamId: p.teamId, teamName: p.teamName, teamRule: p.teamRule, reason: p.reason },
    text: `${p.teamName ? `技能组「${p.teamName}」` : '客服'}已满，进入待领取池`,
    internal: true,
  };
}

export function abandonedActivity(waitedSeconds: number, reason: 'left' | 'gone'): RoutingActivity {
  return {
    code: ROUTING_ACTIVITY_CODES.abandoned,
    params: { waitedSeconds, reason },
    text: `客户${reason === 'left' ? '退出了排队' : '已离开页面'}，放弃排队（等待 ${waitedSeconds} 秒）`,
    internal: true,
  };
}

export function autoTransferredActivity(fromId: string, fromName: string, seconds: number): RoutingActivity {
  return {
    code: ROUTING_ACTIVITY_CODES.autoTransferred,
    params: { fromId, fromName, seconds },
    text: `${fromName} 超过 ${seconds} 秒未回复，会话自动转接`,
    internal: true,
  };
}

export function autoClosedActivity(minutes: number): RoutingActivity {
  return {
    code: ROUTING_ACTIVITY_CODES.autoClosed,
    params: { minutes },
    text: `客户 ${minutes} 分钟未回复，会话自动结束`,
    internal: true,
  };
}

/** What the customer sees of a transfer: a plain notice. */
export function transferredActivity(
  fromName: string | null,
  to: { agentName?: string; teamName?: string },
): RoutingActivity {
  const target = to.agentName ?? (to.teamName ? `「${to.teamName}」` : '其他客服');
  return {
    code: ROUTING_ACTIVITY_CODES.transferred,
    params: {
      fromName,
      ...(to.agentName ? { toName: to.agentName } : {}),
      ...(to.teamName ? { teamName: to.teamName } : {}),
    },
    text: fromName ? `会话已由 ${fromName} 转接给 ${target}` : `会话已转接给 ${target}`,
    internal: false,
  };
}

export function participantActivity(joined: boolean, name: string, by: string): RoutingActivity {
  return {
    code: joined ? ROUTING_ACTIVITY_CODES.participantJoined : ROUTING_ACTIVITY_CODES.participantLeft,
    params: { name, by },
    text: joined ? `${name} 加入了会话` : `${name} 离开了会话`,
    internal: false,
  };
}

export function takenOverActivity(by: string, fromId: string | null, fromName: string | null): RoutingActivity {
  return {
    code: ROUTING_ACTIVITY_CODES.takenOver,
    params: { by, fromId, fromName },
    text: fromName ? `${by} 接管了 ${fromName} 的会话` : `${by} 接管了会话`,
    internal: true,
  };
}

export function reassignedActivity(
  by: string,
  fromName: string | null,
  to: { agentName?: string; teamName?: string },
): RoutingActivity {
  const target = to.agentName ?? `技能组「${to.teamName}」`;
  return {
    code: ROUTING_ACTIVITY_CODES.reassigned,
    params: {
      by,
      fromName,
      ...(to.agentName ? { toName: to.agentName } : {}),
      ...(to.teamName ? { teamName: to.teamName } : {}),
    },
    text: `${by} 将会话改派给 ${target}`,
    internal: true,
  };
}

const SYSTEM: MessageSender = { type: 'system', id: null, name: null };

/** Stores an activity inside the caller's transaction; the caller publishes the result after commit. */
export function storeActivity(
  trx: Executor,
  now: number,
  accountId: string,
  conversationId: string,
  activity: RoutingActivity,
): Promise<CreatedMessage> {
  return storeMessage(trx, now, {
    accountId,
    conversationId,
    kind: 'activity',
    sender: SYSTEM,
    content: activity.text,
    attachmentIds: [],
    activity: { code: activity.code, params: activity.params },
    internal: activity.internal,
  });
}

/** Publishes stored messages in order, after their transaction committed. */
export function publishMessages(ctx: AppContext, accountId: string, created: CreatedMessage[]): void {
  for (const c of created) {
    ctx.bus.publish({ type: 'message.created', accountId, message: c.message, conversation: c.conversation });
  }
}
