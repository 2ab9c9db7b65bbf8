import type { FormInstance } from 'antd';
import { useCallback, useState } from 'react';
import { ApiError, type ApiErrorCode } from '../api/client';
import { useErrorMessage } from '../api/useErrorMessage';
import { showFieldErrors } from './serverErrors';

/** Error codes that belong to one form field, with an optional message to use instead of the generic one. */
export type FieldErrorCodes = Partial<Record<ApiErrorCode, { field: string; message?: string }>>;

/**
 * Puts a failed submission's error where the user will look: next to the field it is about when possible,
 * otherwise in a banner (`bannerError`) above the buttons.
 */
export function useServerFormErrors(form: FormInstance, fieldErrorCodes: FieldErrorCodes = {}) {
  const errorMessage = useErrorMessage();
  const [bannerError, setBannerError] = useState<unknown>(null);

  const handleError = useCallback(
    (error: unknown) => {
      const fieldError = error instanceof ApiError ? fieldErrorCodes[error.code] : undefined;
      if (fieldError) {
        form.setFields([{ name: fieldError.field, errors: [fieldError.message ?? errorMessage(error)] }]);
        setBannerError(null);
        return;
      }
      setBannerError(showFieldErrors(form, error) ? null : error);
    },
    [form, fieldErrorCodes, errorMessage],
  );

  const clearError = useCallback(() => setBannerError(null), []);
  return { bannerError, handleError, clearError };
}
