import { routingSettings, type WidgetSettings } from '@kefu/shared';
import type { Executor } from '../db/transaction.js';
import { findTeamByName } from '../teams/teamRepository.js';

/** The demo teams the widget offers, in the order it shows them. */
const DEMO_CHOICES = [
  { team: '售前', label: '售前咨询' },
  { team: '售后', label: '售后服务' },
  { team: '技术支持', label: '技术支持' },
] as const;

/**
 * The demo inbox's routing: the customer picks 售前, 售后 or 技术支持 in the widget; the previous agent and the
 * customer's owner come first; the least saturated agent of the team otherwise; a queue when all are full; an
 * agent who does not answer within two minutes loses the chat to a colleague; silence closes a chat after 30 min.
 */
export async function demoRoutingSettings(
  db: Executor,
  accountId: string,
): Promise<Pick<WidgetSettings, 'teamChoice' | 'routing'>> {
  const teams = [];
  for (const choice of DEMO_CHOICES) {
    const team = await findTeamByName(db, accountId, choice.team);
    if (team) teams.push({ teamId: team.id, label: choice.label });
  }
  return {
    teamChoice: { enabled: teams.length > 0, prompt: '您好！请选择您要咨询的业务：', teams },
    routing: routingSettings.parse({
      enabled: true,
      strategy: 'lowest_saturation',
      whenFull: 'queue',
      autoTransferSeconds: 120,
      autoCloseMinutes: 30,
    }),
  };
}
