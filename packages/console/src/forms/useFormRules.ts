import { LIMITS } from '@kefu/shared';
import type { FormRule } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** Validation rules that mirror the server's limits, with messages in the current language. */
export function useFormRules() {
  const { t } = useTranslation();
  return useMemo(() => {
    const required: FormRule = { required: true, whitespace: true, message: t('validation.required') };
    return {
      required: [required],
      email: [
        required,
        { type: 'email', message: t('validation.email') },
        { max: LIMITS.emailMaxLength, message: t('validation.maxLength', { max: LIMITS.emailMaxLength }) },
      ] satisfies FormRule[],
      name: [
        required,
        { max: LIMITS.nameMaxLength, message: t('validation.maxLength', { max: LIMITS.nameMaxLength }) },
      ] satisfies FormRule[],
      description: [
        {
          max: LIMITS.descriptionMaxLength,
          message: t('validation.maxLength', { max: LIMITS.descriptionMaxLength }),
        },
      ] satisfies FormRule[],
      newPassword: [
        { required: true, message: t('validation.required') },
        {
          min: LIMITS.passwordMinLength,
          max: LIMITS.passwordMaxLength,
          message: t('validation.passwordLength', { min: LIMITS.passwordMinLength, max: LIMITS.passwordMaxLength }),
        },
      ] satisfies FormRule[],
      /** For a "repeat the password" field that must equal the field named `passwordField`. */
      sameAs(passwordField: string): FormRule[] {
        return [
          { required: true, message: t('validation.required') },
          ({ getFieldValue }) => ({
            validator: (_, value) =>
              !value || value === getFieldValue(passwordField)
                ? Promise.resolve()
                : Promise.reject(new Error(t('validation.passwordMismatch'))),
          }),
        ];
      },
    };
  }, [t]);
}
