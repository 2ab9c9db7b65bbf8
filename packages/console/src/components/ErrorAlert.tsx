import { Alert } from 'antd';
import { ApiError } from '../api/client';
import { useErrorMessage } from '../api/useErrorMessage';

/** A request failure, translated; validation problems the form could not place on a field are listed below it. */
export function ErrorAlert({ error }: { error: unknown }) {
  const errorMessage = useErrorMessage();
  const issues = error instanceof ApiError ? error.fieldIssues : [];
  return (
    <Alert
      type="error"
      showIcon
      title={errorMessage(error)}
      description={
        issues.length > 0 ? (
          <ul style={{ margin: 0, paddingInlineStart: 16 }}>
            {issues.map((issue) => (
              <li key={`${issue.field ?? ''}:${issue.issue}`}>
                {issue.field ? `${issue.field}: ${issue.issue}` : issue.issue}
              </li>
            ))}
          </ul>
        ) : undefined
      }
      style={{ marginBottom: 16 }}
    />
  );
}
