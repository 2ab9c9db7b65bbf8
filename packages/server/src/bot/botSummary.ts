import type { BotOutcome, BotPayload, HandoffReason } from '@kefu/shared';

/** What the agent reads when the bot hands a conversation over (a private note; the customer never sees it). */

export const HANDOFF_REASON_TEXT: Record<HandoffReason, string> = {
  customer_request: '客户要求转人工',
  repeated_misses: '机器人连续没能回答',
  complaint: '客户投诉或情绪激动',
  human_only_topic: '人工专属问题',
  menu: '客户在菜单中选择人工服务',
};

export interface SummaryTurn {
  question: string;
  outcome: string;
  entry_title: string | null;
  rating: string | null;
}

const RATING_TEXT: Record<string, string> = { helpful: '有用', unhelpful: '没用' };

function outcomeText(turn: SummaryTurn): string {
  const rating = turn.rating ? `（客户评价：${RATING_TEXT[turn.rating] ?? turn.rating}）` : '';
  switch (turn.outcome as BotOutcome) {
    case 'answer':
      return turn.entry_title ? `已回答《${turn.entry_title}》${rating}` : `已回答${rating}`;
    case 'suggest':
      return turn.entry_title ? `推荐了相关问题（《${turn.entry_title}》等）` : '推荐了相关问题';
    case 'unknown':
      return '没有找到答案';
    case 'menu':
      return '展示了菜单';
    case 'greeting':
      return '寒暄';
    case 'handoff':
      return '转人工';
  }
}

export function handoffSummary(
  reason: HandoffReason,
  trigger: string | null,
  turns: SummaryTurn[],
): { content: string; payload: BotPayload } {
  const lines = [`【机器人转人工】原因：${HANDOFF_REASON_TEXT[reason]}`];
  if (trigger) lines.push(`触发内容：“${trigger.slice(0, 200)}”`);
  lines.push('机器人接待记录：');
  turns.forEach((turn, i) => {
    lines.push(`${i + 1}. 客户：${turn.question.slice(0, 200)}`);
    lines.push(`   机器人：${outcomeText(turn)}`);
  });
  return {
    content: lines.join('\n'),
    payload: {
      kind: 'bot_summary',
      reason,
      trigger,
      turns: turns.map((turn) => ({
        question: turn.question,
        outcome: turn.outcome as BotOutcome,
        answerTitle: turn.entry_title,
        rating: (turn.rating as 'helpful' | 'unhelpful' | null) ?? null,
      })),
    },
  };
}
