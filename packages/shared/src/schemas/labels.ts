import { z } from 'zod';
import { LIMITS } from '../limits.js';

/** Ant Design's preset tag colours; a label may also carry its own #rrggbb. */
export const LABEL_PRESET_COLORS = [
  'default',
  'red',
  'volcano',
  'orange',
  'gold',
  'lime',
  'green',
  'cyan',
  'blue',
  'geekblue',
  'purple',
  'magenta',
] as const;

export const labelColor = z.union([z.enum(LABEL_PRESET_COLORS), z.string().regex(/^#[0-9a-fA-F]{6}$/)]);

/** The same bounds conversations use for the label names they carry (updateConversationBody). */
export const LABEL_NAME_MAX_LENGTH = 50;
export const labelName = z.string().trim().min(1).max(LABEL_NAME_MAX_LENGTH);

export const labelView = z.object({
  id: z.string(),
  name: z.string(),
  color: z.string(),
  description: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type LabelView = z.infer<typeof labelView>;

export const labelListResponse = z.object({ items: z.array(labelView) });

export const createLabelBody = z.object({
  name: labelName,
  color: labelColor.default('blue'),
  description: z.string().trim().max(LIMITS.descriptionMaxLength).default(''),
});
export type CreateLabelBody = z.infer<typeof createLabelBody>;

export const updateLabelBody = z
  .object({
    name: labelName,
    color: labelColor,
    description: z.string().trim().max(LIMITS.descriptionMaxLength),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to change' });
export type UpdateLabelBody = z.infer<typeof updateLabelBody>;

/** A rename or a delete rewrites every conversation that carries the label. */
export const labelChangeResponse = z.object({ label: labelView.nullable(), conversationsUpdated: z.number().int() });
