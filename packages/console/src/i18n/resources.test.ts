import { AUDIT_ACTIONS, ERROR_CODES, LOCALES, ROLES } from '@kefu/shared';
import { describe, expect, it } from 'vitest';
import { resources } from './i18n';

function flatten(messages: object, prefix = ''): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(messages).flatMap(([key, value]) =>
      typeof value === 'object' && value !== null
        ? Object.entries(flatten(value, `${prefix}${key}.`))
        : [[`${prefix}${key}`, value]],
    ),
  );
}

const flat = Object.fromEntries(
  Object.entries(resources).map(([locale, { translation }]) => [locale, flatten(translation)]),
);

function placeholders(text: unknown): string[] {
  return [...String(text).matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1] ?? '').sort();
}

describe('translations', () => {
  it('exist for every language the API accepts', () => {
    expect(Object.keys(resources).sort()).toEqual([...LOCALES].sort());
  });

  it('have the same keys in every language', () => {
    const reference = Object.keys(flat['zh-CN'] ?? {}).sort();
    for (const locale of LOCALES) expect(Object.keys(flat[locale] ?? {}).sort(), locale).toEqual(reference);
  });

  it('are non-empty strings using the same placeholders as Simplified Chinese', () => {
    for (const locale of LOCALES) {
      for (const [key, text] of Object.entries(flat[locale] ?? {})) {
        expect(typeof text === 'string' && text.trim().length > 0, `${locale} ${key}`).toBe(true);
        expect(placeholders(text), `${locale} ${key}`).toEqual(placeholders(flat['zh-CN']?.[key]));
      }
    }
  });

  it('name every role, API error code and audit action', () => {
    const keys = Object.keys(flat['zh-CN'] ?? {});
    const expected = [
      ...ROLES.map((role) => `roles.${role}`),
      ...ERROR_CODES.map((code) => `errors.${code}`),
      ...AUDIT_ACTIONS.map((action) => `audit.actions.${action}`),
    ];
    expect(expected.filter((key) => !keys.includes(key))).toEqual([]);
  });
});
