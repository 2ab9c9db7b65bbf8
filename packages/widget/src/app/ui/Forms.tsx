import { useState } from 'preact/hooks';
import { ApiError, type LeaveMessageBody, type PrechatBody } from '../api';
import type { MessageKey, Translate } from '../i18n';
import { MAX_MESSAGE_CHARS } from '../protocol';
import { MessageText } from './MessageText';

export type FieldName = 'name' | 'phone' | 'email' | 'content';
type Values = Partial<Record<FieldName, string>>;
type Errors = Partial<Record<FieldName, MessageKey>>;

// The same rules as the server's schemas (packages/shared/src/schemas/widget.ts).
const PHONE = /^\+?[0-9][0-9\- ]{5,19}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Checks one field; `required` fields must not be empty. */
export function checkField(field: FieldName, value: string, required: boolean): MessageKey | null {
  const v = value.trim();
  if (!v) return required ? 'invalid.required' : null;
  if (field === 'phone' && !PHONE.test(v)) return 'invalid.phone';
  if (field === 'email' && (v.length > 254 || !EMAIL.test(v))) return 'invalid.email';
  if (field === 'name' && v.length > 100) return 'invalid.required';
  if (field === 'content' && v.length > MAX_MESSAGE_CHARS) return 'tooLong';
  return null;
}

/** Maps a 400 from the server to the fields it names (`details[].field` like `body.phone`). */
function serverFieldErrors(error: unknown, fields: readonly FieldName[]): Errors {
  const errors: Errors = {};
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return errors;
  for (const detail of error.details as { field?: unknown }[]) {
    const field = typeof detail?.field === 'string' ? detail.field.split('.').pop() : undefined;
    if (!fields.includes(field as FieldName)) continue;
    errors[field as FieldName] =
      field === 'email' ? 'invalid.email' : field === 'phone' ? 'invalid.phone' : 'invalid.required';
  }
  return errors;
}

const LABEL: Record<FieldName, MessageKey> = {
  name: 'field.name',
  phone: 'field.phone',
  email: 'field.email',
  content: 'field.content',
};

interface FieldProps {
  field: FieldName;
  t: Translate;
  value: string;
  error: MessageKey | undefined;
  required: boolean;
  onInput(value: string): void;
}

function Field({ field, t, value, error, required, onInput }: FieldProps) {
  const id = `f-${field}`;
  const common = {
    id,
    name: field,
    value,
    required,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? `${id}-e` : undefined,
    onInput: (event: Event) => onInput((event.currentTarget as HTMLInputElement).value),
  };
  return (
    <div class="field">
      <label for={id}>
        {t(LABEL[field])}
        {required && <span aria-hidden="true"> *</span>}
      </label>
      {field === 'content' ? (
        <textarea {...common} rows={4} maxLength={MAX_MESSAGE_CHARS} />
      ) : (
        <input
          {...common}
          type={field === 'email' ? 'email' : field === 'phone' ? 'tel' : 'text'}
          autocomplete={field === 'phone' ? 'tel' : field}
          maxLength={field === 'email' ? 254 : 100}
        />
      )}
      {error && (
        <div class="field-error" id={`${id}-e`}>
          {t(error, { max: MAX_MESSAGE_CHARS })}
        </div>
      )}
    </div>
  );
}

function useForm(fields: readonly FieldName[]) {
  const [values, setValues] = useState<Values>({});
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const body = () => {
    const out: Values = {};
    for (const f of fields) {
      const v = values[f]?.trim();
      if (v) out[f] = v;
    }
    return out;
  };
  const fieldProps = (field: FieldName, t: Translate, required: boolean) => ({
    field,
    t,
    required,
    value: values[field] ?? '',
    error: errors[field],
    onInput: (value: string) => {
      setValues((old) => ({ ...old, [field]: value }));
      setErrors((old) => ({ ...old, [field]: undefined }));
    },
  });
  return { values, errors, setErrors, busy, setBusy, failed, setFailed, body, fieldProps };
}

interface PrechatProps {
  t: Translate;
  fields: readonly ('name' | 'phone' | 'email')[];
  onSubmit(body: PrechatBody): Promise<void>;
}

/** Asked before the first message when the inbox enables it; every field shown is required. */
export function PrechatForm({ t, fields, onSubmit }: PrechatProps) {
  const form = useForm(fields);
  const submit = async (event: Event) => {
    event.preventDefault();
    const errors: Errors = {};
    for (const f of fields) {
      const error = checkField(f, form.values[f] ?? '', true);
      if (error) errors[f] = error;
    }
    form.setErrors(errors);
    if (Object.keys(errors).length > 0) return;
    form.setBusy(true);
    form.setFailed(false);
    try {
      await onSubmit(form.body());
    } catch (error) {
      form.setErrors(serverFieldErrors(error, fields));
      form.setFailed(true);
      form.setBusy(false);
    }
  };
  return (
    <form class="form" onSubmit={submit} noValidate>
      <p class="form-title">{t('prechat.title')}</p>
      {fields.map((f) => (
        <Field key={f} {...form.fieldProps(f, t, true)} />
      ))}
      {form.failed && (
        <div class="field-error" role="alert">
          {t('submitFailed')}
        </div>
      )}
      <button type="submit" class="primary" disabled={form.busy}>
        {form.busy ? t('submitting') : t('prechat.start')}
      </button>
    </form>
  );
}

interface LeaveMessageProps {
  t: Translate;
  offlineMessage: string;
  onSubmit(body: LeaveMessageBody): Promise<void>;
  onShowHistory: (() => void) | null;
}

const LEAVE_FIELDS: readonly FieldName[] = ['name', 'phone', 'email', 'content'];

/** 留言: shown while no agent is online. Needs a name, the message, and a phone number or an email. */
export function LeaveMessageForm({ t, offlineMessage, onSubmit, onShowHistory }: LeaveMessageProps) {
  const form = useForm(LEAVE_FIELDS);
  const [done, setDone] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    const errors: Errors = {};
    for (const f of LEAVE_FIELDS) {
      const error = checkField(f, form.values[f] ?? '', f === 'name' || f === 'content');
      if (error) errors[f] = error;
    }
    if (!form.values.phone?.trim() && !form.values.email?.trim()) errors.phone = 'invalid.contact';
    form.setErrors(errors);
    if (Object.keys(errors).length > 0) return;
    form.setBusy(true);
    form.setFailed(false);
    try {
      await onSubmit(form.body() as LeaveMessageBody);
      setDone(true);
    } catch (error) {
      form.setErrors(serverFieldErrors(error, LEAVE_FIELDS));
      form.setFailed(true);
    } finally {
      form.setBusy(false);
    }
  };
  return (
    <div class="offline">
      <p class="offline-message">
        <MessageText text={offlineMessage} />
      </p>
      {done ? (
        <div class="success" role="status">
          <p>{t('offline.success')}</p>
          <button type="button" class="link" onClick={() => setDone(false)}>
            {t('offline.again')}
          </button>
        </div>
      ) : (
        <form class="form" onSubmit={submit} noValidate>
          <Field {...form.fieldProps('name', t, true)} />
          <Field {...form.fieldProps('phone', t, false)} />
          <Field {...form.fieldProps('email', t, false)} />
          <Field {...form.fieldProps('content', t, true)} />
          {form.failed && (
            <div class="field-error" role="alert">
              {t('submitFailed')}
            </div>
          )}
          <button type="submit" class="primary" disabled={form.busy}>
            {form.busy ? t('submitting') : t('offline.submit')}
          </button>
        </form>
      )}
      {onShowHistory && (
        <button type="button" class="link" onClick={onShowHistory}>
          {t('offline.history')}
        </button>
      )}
    </div>
  );
}
