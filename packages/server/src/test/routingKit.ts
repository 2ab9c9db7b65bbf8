import type { PresenceStatus, Role, RoutingSettings } from '@kefu/shared';
import { widgetSettings } from '@kefu/shared';
import { insertAccount } from '../accounts/accountRepository.js';
import type { AppContext } from '../context.js';
import { conversationUpdater } from '../conversations/conversationUpdater.js';
import { newId } from '../db/ids.js';
import type { Actor } from '../http/actor.js';
import { parseSettings } from '../inboxes/inboxPresenter.js';
import type { InboxRow } from '../inboxes/inboxRepository.js';
import { presenceChanger } from '../presence/presenceChanger.js';
import { addTeamMembers, insertTeam } from '../teams/teamRepository.js';
import { insertUser } from '../users/userRepository.js';
import { visitorMessageSender } from '../widget/visitorMessageSender.js';
import { type VisitorClaims, verifyVisitorToken } from '../widget/visitorToken.js';
import { widgetSessionStarter } from '../widget/widgetSession.js';
import { createTestInbox } from './testWidget.js';

/** Test helpers for routing: a workspace with agents, teams and an inbox whose routing is on. */

export interface KitAgent {
  id: string;
  name: string;
  actor: Actor;
}

const meta = (pageUrl: string | null = null) => ({
  pageUrl,
  referrer: null,
  browser: null,
  os: null,
  ip: null,
  location: null,
});

let clientIds = 0;

export class RoutingKit {
  private constructor(
    readonly ctx: AppContext,
    readonly accountId: string,
    public inbox: InboxRow,
  ) {}

  /** A fresh workspace with one inbox, routing on (lowest saturation, queue when full) unless changed. */
  static async create(ctx: AppContext, label: string, routing: Partial<RoutingSettings> = {}): Promise<RoutingKit> {
    const now = ctx.clock.now();
    const accountId = newId(now);
    await insertAccount(ctx.db.kysely, {
      id: accountId,
      name: `Routing ${label}`,
      locale: 'zh-CN',
      timezone: 'Asia/Shanghai',
      created_at: now,
      updated_at: now,
    });
    const kit = new RoutingKit(ctx, accountId, await createTestInbox(ctx, accountId, `${label} 官网`));
    await kit.configure({ enabled: true, ...routing });
    return kit;
  }

  /** The same, in an account that exists already (seeded users sign in to it). */
  static async forAccount(
    ctx: AppContext,
    accountId: string,
    label: string,
    routing: Partial<RoutingSettings> = {},
  ): Promise<RoutingKit> {
    const kit = new RoutingKit(ctx, accountId, await createTestInbox(ctx, accountId, `${label} 官网`));
    await kit.configure({ enabled: true, ...routing });
    return kit;
  }

  /** Replaces the routing block (and the widget's team choice) of the inbox. */
  async configure(routing: Partial<RoutingSettings>, offeredTeamIds?: string[]): Promise<void> {
    const current = parseSettings(this.inbox);
    const settings = widgetSettings.parse({
      ...current,
      routing: { ...current.routing, ...routing },
      ...(offeredTeamIds
        ? {
            teamChoice: {
              enabled: true,
              teams: offeredTeamIds.map((teamId, i) => ({ teamId, label: `选项${i + 1}` })),
            },
          }
        : {}),
    });
    await this.ctx.db.kysely
      .updateTable('inboxes')
      .set({ settings: JSON.stringify(settings) })
      .where('id', '=', this.inbox.id)
      .execute();
    this.inbox = (await this.ctx.db.kysely
      .selectFrom('inboxes')
      .selectAll()
      .where('id', '=', this.inbox.id)
      .executeTakeFirst())!;
  }

  async agent(
    name: string,
    options: { role?: Role; limit?: number; presence?: PresenceStatus } = {},
  ): Promise<KitAgent> {
    const now = this.ctx.clock.now();
    const id = newId(now);
    const role = options.role ?? 'agent';
    const email = `${id}@routing.test`;
    await insertUser(this.ctx.db.kysely, {
      id,
      accountId: this.accountId,
      email,
      name,
      role,
      status: 'active',
      locale: 'zh-CN',
      passwordHash: null,
      now,
    });
    const actor: Actor = {
      userId: id,
      accountId: this.accountId,
      role,
      name,
      email,
      locale: 'zh-CN',
      via: 'session',
      ip: '127.0.0.1',
    };
    const agent = { id, name, actor };
    if (options.limit !== undefined) await this.limit(agent, options.limit);
    if (options.presence) await this.presence(agent, options.presence);
    return agent;
  }

  async limit(agent: KitAgent, chatLimit: number): Promise<void> {
    const now = this.ctx.clock.now();
    await this.ctx.db.kysely
      .insertInto('agent_states')
      .values({
        user_id: agent.id,
        account_id: this.accountId,
        presence: 'offline',
        presence_choice: 'online',
        presence_since: null,
        disconnected_at: null,
        chat_limit: chatLimit,
        active_chats: 0,
        last_assigned_at: 0,
        last_released_at: 0,
        updated_at: now,
      })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ chat_limit: chatLimit }))
      .execute();
  }

  presence(agent: KitAgent, status: PresenceStatus) {
    return presenceChanger(this.ctx, agent.actor, status);
  }

  async team(name: string, members: KitAgent[], chatLimit: number | null = null): Promise<string> {
    const now = this.ctx.clock.now();
    const id = newId(now);
    await insertTeam(this.ctx.db.kysely, {
      id,
      account_id: this.accountId,
      name,
      kind: 'skill',
      description: '',
      chat_limit: chatLimit,
      created_at: now,
      updated_at: now,
    });
    await addTeamMembers(
      this.ctx.db.kysely,
      this.accountId,
      id,
      members.map((m) => m.id),
      now,
    );
    return id;
  }

  /** A widget session: a new visitor, or the returning one whose token is given. */
  async visitor(
    options: { teamId?: string; agentId?: string; locale?: 'zh-CN' | 'zh-TW' | 'en'; visitorToken?: string } = {},
  ): Promise<VisitorClaims & { token: string }> {
    const session = await widgetSessionStarter(this.ctx, { websiteToken: this.inbox.website_token, ...options });
    return {
      ...verifyVisitorToken(this.ctx.config.secret, session.visitorToken, this.ctx.clock.now())!,
      token: session.visitorToken,
    };
  }

  says(visitor: VisitorClaims, content: string, conversationId: string | null = null, pageUrl: string | null = null) {
    clientIds += 1;
    return visitorMessageSender(
      this.ctx,
      visitor,
      { clientId: `kit-${clientIds}`, conversationId, content, attachmentIds: [] },
      () => meta(pageUrl),
    );
  }

  /** A visitor's first message: returns the new conversation's id. */
  async arrive(
    options: Parameters<RoutingKit['visitor']>[0] & { pageUrl?: string } = {},
  ): Promise<{ visitor: VisitorClaims & { token: string }; conversationId: string }> {
    const { pageUrl, ...session } = options;
    const visitor = await this.visitor(session);
    const created = await this.says(visitor, '你好，在吗？', null, pageUrl ?? null);
    return { visitor, conversationId: created.conversation.id };
  }

  conversation(id: string) {
    return this.ctx.db.kysely.selectFrom('conversations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  }

  routing(id: string) {
    return this.ctx.db.kysely
      .selectFrom('conversation_routing')
      .selectAll()
      .where('conversation_id', '=', id)
      .executeTakeFirst();
  }

  async assignee(id: string): Promise<string | null> {
    return (await this.conversation(id)).assignee_id;
  }

  async load(agent: KitAgent): Promise<number> {
    const row = await this.ctx.db.kysely
      .selectFrom('agent_states')
      .select('active_chats')
      .where('user_id', '=', agent.id)
      .executeTakeFirst();
    return row?.active_chats ?? 0;
  }

  timeline(id: string) {
    return this.ctx.db.kysely
      .selectFrom('messages')
      .selectAll()
      .where('conversation_id', '=', id)
      .orderBy('seq')
      .execute();
  }

  /** The activity entries of a conversation, `{ code, params, internal }`, in order. */
  async activities(id: string) {
    return (await this.timeline(id))
      .filter((m) => m.activity !== null)
      .map((m) => ({
        ...(JSON.parse(m.activity!) as { code: string; params: Record<string, unknown> }),
        internal: m.internal === 1,
        kind: m.kind,
      }));
  }

  resolve(agent: KitAgent, id: string) {
    return conversationUpdater(this.ctx, agent.actor, id, { status: 'resolved' });
  }

  tag(contactId: string, changes: { tags?: string[]; ownerId?: string | null }) {
    return this.ctx.db.kysely
      .updateTable('contacts')
      .set({
        ...(changes.tags ? { tags: JSON.stringify(changes.tags) } : {}),
        ...(changes.ownerId !== undefined ? { owner_id: changes.ownerId } : {}),
      })
      .where('id', '=', contactId)
      .execute();
  }
}
