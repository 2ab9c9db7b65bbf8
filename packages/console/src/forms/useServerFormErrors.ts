import type { FormInstance } from 'antd';
import { useCallback, useState } from 'react';
import { ApiError, type ApiErrorCode } from '../api/client';
import { useErrorMessage } from '../api/useErrorMessage';
import { formFieldName, showFieldErrors } from './serverErrors';

/**
 * Problems that deserve a message of their own on one field, keyed by error code; `details` narrows it to
 * errors whose details name that field (e.g. a wrong current password arrives as VALIDATION_FAILED).
 */
export type FieldErrorCodes = Partial<Record<ApiErrorCode, { field: string; message: string }>>;

function matchingFieldError(error: unknown, fieldErrorCodes: FieldErrorCodes) {
  if (!(error instanceof ApiError)) return undefined;
  const fieldError = fieldErrorCodes[error.code];
  if (!fieldError) return undefined;
  const issues = error.fieldIssues;
  const aboutField =
    issues.length === 0 || issues.some((issue) => formFieldName(issue.field ?? '') === fieldError.field);
  return aboutField ? fieldError : undefined;
}

/**
 * Puts a failed submission's error where the user will look: next to the field it is about when possible,
 * otherwise in a banner (`bannerError`) above the buttons.
 */
export function useServerFormErrors(form: FormInstance, fieldErrorCodes: FieldErrorCodes = {}) {
  const errorMessage = useErrorMessage();
  const [bannerError, setBannerError] = useState<unknown>(null);

  const handleError = useCallback(
    (error: unknown) => {
      const fieldError = matchingFieldError(error, fieldErrorCodes);
      if (fieldError) {
        form.setFields([{ name: fieldError.field, errors: [fieldError.message] }]);
        setBannerError(null);
        return;
      }
      setBannerError(showFieldErrors(form, error, errorMessage) ? null : error);
    },
    [form, fieldErrorCodes, errorMessage],
  );

  const clearError = useCallback(() => setBannerError(null), []);
  return { bannerError, handleError, clearError };
}
