import { z } from 'zod';
import { localeSchema } from './auth.js';
import { nameSchema } from './common.js';

export const accountView = z.object({
  id: z.string(),
  name: z.string(),
  locale: localeSchema,
  timezone: z.string(),
  createdAt: z.string(),
});
export type AccountView = z.infer<typeof accountView>;

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const updateAccountBody = z
  .object({
    name: nameSchema,
    locale: localeSchema,
    timezone: z.string().max(64).refine(isTimeZone, { message: 'must be an IANA time zone such as Asia/Shanghai' }),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to change' });
export type UpdateAccountBody = z.infer<typeof updateAccountBody>;
