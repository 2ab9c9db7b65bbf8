import { z } from 'zod';
import { localeSchema } from './auth.js';
import { inboxBotSettings } from './bot.js';
import { inboxBusinessHoursSettings } from './businessHours.js';
import { nameSchema } from './common.js';
import { routingSettings, teamChoiceSettings } from './routing.js';

export const PRE_CHAT_FIELDS = ['name', 'phone', 'email'] as const;

/** What an admin configures for one web widget (接入渠道). */
export const widgetSettings = z.object({
  /** Shown as the first message of every new chat. */
  welcomeMessage: z.string().trim().max(500).default('您好，欢迎咨询！请问有什么可以帮您？'),
  /** Shown when no agent is online, above the leave-a-message (留言) form. */
  offlineMessage: z.string().trim().max(500).default('客服暂时不在线，请留下您的联系方式和问题，我们会尽快回复。'),
  /** 营业时间: outside the chosen calendar the customer gets `autoReply` once and the leave-a-message form. */
  businessHours: inboxBusinessHoursSettings.prefault({}),
  preChatForm: z
    .object({
      enabled: z.boolean().default(false),
      fields: z.array(z.enum(PRE_CHAT_FIELDS)).max(3).default(['name', 'phone']),
    })
    .default({ enabled: false, fields: ['name', 'phone'] }),
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, { message: 'must be a colour like #1677ff' })
    .default('#1677ff'),
  /** Default widget language when the browser's is not one Kefu speaks. */
  locale: localeSchema.default('zh-CN'),
  position: z.enum(['right', 'left']).default('right'),
  /** The teams the widget lets the customer choose (售前 / 售后 / 技术支持) before the first message. */
  teamChoice: teamChoiceSettings.prefault({}),
  /** How conversations find an agent (routing); staff only, the widget session leaves it out. */
  routing: routingSettings.prefault({}),
  /** The answer bot (智能机器人); staff only, the widget session leaves it out. */
  bot: inboxBotSettings.prefault({}),
});
export type WidgetSettings = z.infer<typeof widgetSettings>;

export const inboxView = z.object({
  id: z.string(),
  name: z.string(),
  channel: z.literal('web_widget'),
  websiteToken: z.string(),
  /** Secret for identity verification (HMAC of the host site's user id); only admins see it. */
  hmacSecret: z.string().nullable(),
  settings: widgetSettings,
  /** The `<script>` snippet to paste into the website. */
  snippet: z.string(),
  createdAt: z.string(),
});
export type InboxView = z.infer<typeof inboxView>;

export const createInboxBody = z.object({
  name: nameSchema,
  settings: widgetSettings.partial().default({}),
});
export type CreateInboxBody = z.infer<typeof createInboxBody>;

/**
 * The settings blocks a change names; a block left out keeps its stored value. (`widgetSettings.partial()`
 * would fill every absent block with its defaults, so saving the widget's texts would reset routing and the bot.)
 */
const settingsChanges = z.object(
  Object.fromEntries(
    Object.entries(widgetSettings.shape).map(([key, schema]) => [
      key,
      (schema instanceof z.ZodDefault || schema instanceof z.ZodPrefault ? schema.unwrap() : schema).optional(),
    ]),
  ) as unknown as { [K in keyof WidgetSettings]: z.ZodOptional<z.ZodType<WidgetSettings[K], unknown>> },
);

export const updateInboxBody = z
  .object({ name: nameSchema, settings: settingsChanges })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to change' });
export type UpdateInboxBody = z.infer<typeof updateInboxBody>;
