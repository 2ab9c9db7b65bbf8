import { LIMITS } from '@kefu/shared';
import type { FormRule } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

export interface FormRules {
  required: FormRule[];
  email: FormRule[];
  name: FormRule[];
  description: FormRule[];
  newPassword: FormRule[];
  /** For a "repeat the password" field that must equal the field named `passwordField`. */
  sameAs(passwordField: string): FormRule[];
}

/** Validation rules that mirror the server's limits, with messages in the current language. */
export function useFormRules(): FormRules {
  const { t } = useTranslation();
  return useMemo(() => {
    const required: FormRule = { required: true, whitespace: true, message: t('validation.required') };
    return {
      required: [required],
      email: [
        required,
        { type: 'email', message: t('validation.email') },
        { max: LIMITS.emailMaxLength, message: t('validation.maxLength', { max: LIMITS.emailMaxLength }) },
      ],
      name: [
        required,
        { max: LIMITS.nameMaxLength, message: t('validation.maxLength', { max: LIMITS.nameMaxLength }) },
      ],
      description: [
        {
          max: LIMITS.descriptionMaxLength,
          message: t('validation.maxLength', { max: LIMITS.descriptionMaxLength }),
        },
      ],
      newPassword: [
        { required: true, message: t('validation.required') },
        {
          min: LIMITS.passwordMinLength,
          max: LIMITS.passwordMaxLength,
          message: t('validation.passwordLength', { min: LIMITS.passwordMinLength, max: LIMITS.passwordMaxLength }),
        },
      ],
      sameAs(passwordField) {
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
