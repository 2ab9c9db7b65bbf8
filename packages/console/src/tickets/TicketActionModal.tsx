import type { TicketFieldDefinition, TicketView, TransitionBlocker } from '@kefu/shared';
import { Alert, Form, type FormInstance, Modal } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { useErrorMessage } from '../api/useErrorMessage';
import { blockerText, requiredFieldLabel } from './blockerText';
import { placeFieldIssues } from './fieldValues';
import { testId as dataTestId } from './testId';
import { useTicketChange } from './useTicketChange';
import { useTicketType } from './useTicketTypes';

/** The sentences of a refused ticket change: which required fields are empty, what blocks the transition. */
export function useTicketErrorLines() {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  return (error: unknown, form: readonly TicketFieldDefinition[]): string[] => {
    const lines = [errorMessage(error)];
    if (!(error instanceof ApiError)) return lines;
    if (error.code === 'REQUIRED_FIELDS_MISSING') {
      const labels = error.fieldIssues.map((issue) => requiredFieldLabel(issue.field ?? '', form, t));
      lines.push(t('tickets.blockers.requiredFields', { fields: labels.join('、') }));
    }
    const blockers = Array.isArray(error.details) ? undefined : error.details.blockers;
    if (error.code === 'TRANSITION_BLOCKED' && Array.isArray(blockers)) {
      for (const blocker of blockers as TransitionBlocker[]) lines.push(blockerText(blocker, form, t));
    }
    return lines;
  };
}

export interface TicketActionModalProps<Values> {
  ticket: TicketView;
  open: boolean;
  title: string;
  okText: string;
  onClose(): void;
  /** Sends the change with the version the user read. */
  submit(values: Values, version: number): Promise<TicketView>;
  /** Form names (`a.b`) the server's field problems may be shown on. */
  fieldNames: string[];
  initialValues?: Partial<Values>;
  children: ReactNode | ((form: FormInstance<Values>) => ReactNode);
  testId: string;
  danger?: boolean;
}

/** A form in a dialog that changes the ticket (propose, approve, record a decision or follow-up, transition). */
export function TicketActionModal<Values extends object>({
  ticket,
  open,
  title,
  okText,
  onClose,
  submit,
  fieldNames,
  initialValues,
  children,
  testId,
  danger,
}: TicketActionModalProps<Values>) {
  const [form] = Form.useForm<Values>();
  const type = useTicketType(ticket.type.id);
  const errorLines = useTicketErrorLines();
  const [problem, setProblem] = useState<string[] | null>(null);
  const close = () => {
    setProblem(null);
    onClose();
  };
  const change = useTicketChange<Values>(ticket, submit, {
    onSuccess: () => {
      form.resetFields();
      close();
    },
    onError: (error) => {
      const rest = placeFieldIssues(form, error, new Set(fieldNames));
      const allPlaced = error instanceof ApiError && error.fieldIssues.length > 0 && rest.length === 0;
      setProblem(allPlaced ? null : errorLines(error, type?.fields ?? []));
      return true;
    },
    // The user looks at the reloaded ticket before deciding again.
    onConflict: close,
  });

  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      okButtonProps={{ htmlType: 'submit', form: testId, danger, ...dataTestId(`${testId}-ok`) }}
      confirmLoading={change.isPending}
      onCancel={close}
      destroyOnHidden
      data-testid={testId}
    >
      <Form<Values>
        form={form}
        name={testId}
        layout="vertical"
        initialValues={initialValues}
        onFinish={(values) => change.mutate(values)}
        onValuesChange={() => setProblem(null)}
      >
        {typeof children === 'function' ? children(form) : children}
      </Form>
      {problem ? (
        <Alert
          type="error"
          showIcon
          title={problem[0]}
          description={problem.length > 1 ? problem.slice(1).join('；') : undefined}
          data-testid={`${testId}-error`}
        />
      ) : null}
    </Modal>
  );
}
