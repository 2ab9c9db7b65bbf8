import { z } from 'zod';
import { localeSchema } from './auth.js';
import { nameSchema } from './common.js';

export const PRE_CHAT_FIELDS = ['name', 'phone', 'email'] as const;

/** What an admin configures for one web widget (接入渠道). */
export const widgetSettings = z.object({
  /** Shown as the first message of every new chat. */
  welcomeMessage: z.string().trim().max(500).default('您好，欢迎咨询！请问有什么可以帮您？'),
  /** Shown when no agent is online, above the leave-a-message (留言) form. */
  offlineMessage: z.string().trim().max(500).default('客服暂时不在线，请留下您的联系方式和问题，我们会尽快回复。'),
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

export const updateInboxBody = z
  .object({ name: nameSchema, settings: widgetSettings.partial() })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to change' });
