import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api';
import type { TicketTranslate } from './strings';
import type { TicketsClient, WidgetTicketField, WidgetTicketType } from './ticketsClient';

type Value = string | string[] | undefined;
type Errors = Partial<Record<string, 'required' | 'invalid'>>;

interface Upload {
  name: string;
  id: string | null;
  failed: boolean;
}

/** A value as the API takes it: numbers as numbers, local date-times as instants, empty as nothing. */
export function apiValue(field: WidgetTicketField, value: Value): unknown {
  if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return undefined;
  if (field.kind === 'number') return Number(value);
  if (field.kind === 'datetime') return new Date(value as string).toISOString();
  return value;
}

/** The server's per-field problems (`body.fields.<key>`, `body.title`) as the form's own words. */
export function serverErrors(error: unknown): Errors {
  const errors: Errors = {};
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return errors;
  for (const detail of error.details as { field?: unknown; issue?: unknown }[]) {
    if (typeof detail?.field !== 'string') continue;
    const key = detail.field.replace(/^body\.(fields\.)?/, '');
    errors[key] = String(detail.issue).includes('required') ? 'required' : 'invalid';
  }
  return errors;
}

/** The options of a cascading select under `parent` (null: the top). */
const childrenOf = (field: WidgetTicketField, parent: string | null) =>
  (field.cascadeOptions ?? []).filter((option) => option.parent === parent);

interface FormProps {
  t: TicketTranslate;
  client: TicketsClient;
  onSubmitted(number: string): void;
  onCancel(): void;
}

/** 提交工单: the customer picks a type and fills its form; the server checks it and names what is wrong. */
export function TicketForm({ t, client, onSubmitted, onCancel }: FormProps) {
  const [types, setTypes] = useState<WidgetTicketType[] | null>(null);
  const [typeId, setTypeId] = useState('');
  const [values, setValues] = useState<Record<string, Value>>({});
  const [uploads, setUploads] = useState<Record<string, Upload[]>>({});
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<'submitFailed' | 'rateLimited' | 'loadFailed' | null>(null);

  useEffect(() => {
    client.types().then(
      (items) => {
        setTypes(items);
        if (items.length === 1) setTypeId(items[0]?.id ?? '');
      },
      () => setFailure('loadFailed'),
    );
  }, [client]);

  const type = types?.find((candidate) => candidate.id === typeId);
  const set = (key: string, value: Value) => {
    setValues((old) => ({ ...old, [key]: value }));
    setErrors((old) => ({ ...old, [key]: undefined }));
  };

  const addFiles = async (field: WidgetTicketField, files: File[]) => {
    const room = (field.maxFiles ?? 10) - (uploads[field.key]?.length ?? 0);
    for (const file of files.slice(0, Math.max(0, room))) {
      const entry: Upload = { name: file.name, id: null, failed: false };
      setUploads((old) => ({ ...old, [field.key]: [...(old[field.key] ?? []), entry] }));
      try {
        entry.id = (await client.upload(file)).id;
      } catch {
        entry.failed = true;
      }
      setUploads((old) => ({ ...old, [field.key]: [...(old[field.key] ?? [])] }));
    }
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!type) return;
    const found: Errors = {};
    if (!values.title?.toString().trim()) found.title = 'required';
    const fields: Record<string, unknown> = {};
    for (const field of type.fields) {
      const value =
        field.kind === 'attachment'
          ? (uploads[field.key] ?? []).flatMap((upload) => (upload.id ? [upload.id] : []))
          : values[field.key];
      const converted = apiValue(field, value);
      if (converted === undefined) {
        if (field.required) found[field.key] = 'required';
      } else fields[field.key] = converted;
    }
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    setFailure(null);
    try {
      const created = await client.create({
        typeId: type.id,
        title: String(values.title).trim(),
        description: String(values.description ?? '').trim(),
        fields,
      });
      onSubmitted(created.number);
    } catch (error) {
      setErrors(serverErrors(error));
      setFailure(error instanceof ApiError && error.code === 'RATE_LIMITED' ? 'rateLimited' : 'submitFailed');
    } finally {
      setBusy(false);
    }
  };

  if (failure === 'loadFailed') return <div class="center">{t('loadFailed')}</div>;
  if (!types) return <div class="center">{t('loading')}</div>;
  return (
    <form class="form ticket-form" onSubmit={submit} noValidate>
      <div class="field">
        <label for="tf-type">{t('type')}</label>
        <select id="tf-type" value={typeId} onChange={(e) => setTypeId((e.currentTarget as HTMLSelectElement).value)}>
          <option value="">{t('choose')}</option>
          {types.map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              {candidate.name}
            </option>
          ))}
        </select>
        {type?.description && <div class="hint">{type.description}</div>}
      </div>
      {type && (
        <>
          <TextField
            id="title"
            label={t('title')}
            required
            value={values.title}
            error={errors.title}
            t={t}
            onInput={set}
          />
          <TextField
            id="description"
            label={t('description')}
            multiline
            value={values.description}
            error={errors.description}
            t={t}
            onInput={set}
          />
          {type.fields.map((field) =>
            field.kind === 'attachment' ? (
              <div class="field" key={field.key}>
                <label for={`tf-${field.key}`}>
                  {field.label}
                  {field.required && <span aria-hidden="true"> *</span>}
                </label>
                <input
                  id={`tf-${field.key}`}
                  type="file"
                  multiple
                  aria-invalid={errors[field.key] ? true : undefined}
                  onChange={(e) => {
                    const input = e.currentTarget as HTMLInputElement;
                    void addFiles(field, Array.from(input.files ?? []));
                    input.value = '';
                  }}
                />
                <ul class="ticket-files">
                  {(uploads[field.key] ?? []).map((upload, index) => (
                    <li key={`${upload.name}-${index}`} class={upload.failed ? 'failed' : undefined}>
                      {upload.failed
                        ? t('uploadFailed', { name: upload.name })
                        : upload.id
                          ? upload.name
                          : t('uploading')}
                      <button
                        type="button"
                        class="link"
                        onClick={() =>
                          setUploads((old) => ({
                            ...old,
                            [field.key]: (old[field.key] ?? []).filter((u) => u !== upload),
                          }))
                        }
                      >
                        {t('remove')}
                      </button>
                    </li>
                  ))}
                </ul>
                <FieldError t={t} id={field.key} error={errors[field.key]} />
              </div>
            ) : (
              <FieldInput
                key={field.key}
                field={field}
                value={values[field.key]}
                error={errors[field.key]}
                t={t}
                onInput={set}
              />
            ),
          )}
        </>
      )}
      {failure && (
        <div class="field-error" role="alert">
          {t(failure)}
        </div>
      )}
      <button type="submit" class="primary" disabled={busy || !type}>
        {busy ? t('submitting') : t('submit')}
      </button>
      <button type="button" class="link ticket-cancel" onClick={onCancel}>
        {t('cancel')}
      </button>
    </form>
  );
}

function FieldError({ t, id, error }: { t: TicketTranslate; id: string; error: 'required' | 'invalid' | undefined }) {
  return error ? (
    <div class="field-error" id={`tf-${id}-e`}>
      {t(error)}
    </div>
  ) : null;
}

interface InputProps {
  value: Value;
  error: 'required' | 'invalid' | undefined;
  t: TicketTranslate;
  onInput(key: string, value: Value): void;
}

function TextField({
  id,
  label,
  required,
  multiline,
  value,
  error,
  t,
  onInput,
}: InputProps & { id: string; label: string; required?: boolean; multiline?: boolean }) {
  const common = {
    id: `tf-${id}`,
    value: (value as string | undefined) ?? '',
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? `tf-${id}-e` : undefined,
    onInput: (e: Event) => onInput(id, (e.currentTarget as HTMLInputElement).value),
  };
  return (
    <div class="field">
      <label for={`tf-${id}`}>
        {label}
        {required && <span aria-hidden="true"> *</span>}
      </label>
      {multiline ? <textarea {...common} rows={3} maxLength={10_000} /> : <input {...common} maxLength={200} />}
      <FieldError t={t} id={id} error={error} />
    </div>
  );
}

function FieldInput({ field, value, error, t, onInput }: InputProps & { field: WidgetTicketField }) {
  const id = `tf-${field.key}`;
  const invalid = error ? true : undefined;
  const described = error ? `${id}-e` : undefined;
  const label = (
    <label for={id}>
      {field.label}
      {field.required && <span aria-hidden="true"> *</span>}
    </label>
  );
  if (field.kind === 'select' && field.multiple) {
    const current = (value as string[] | undefined) ?? [];
    return (
      <fieldset class="field ticket-checks" aria-invalid={invalid} aria-describedby={described}>
        <legend>
          {field.label}
          {field.required && <span aria-hidden="true"> *</span>}
        </legend>
        {(field.options ?? []).map((option) => {
          const chosen = current.includes(option.value);
          return (
            <label key={option.value} class="ticket-check">
              <input
                type="checkbox"
                checked={chosen}
                onChange={() =>
                  onInput(field.key, chosen ? current.filter((v) => v !== option.value) : [...current, option.value])
                }
              />
              {option.label}
            </label>
          );
        })}
        {field.helpText && <div class="hint">{field.helpText}</div>}
        <FieldError t={t} id={field.key} error={error} />
      </fieldset>
    );
  }
  let input: ComponentChildren;
  switch (field.kind) {
    case 'select':
      input = (
        <select
          id={id}
          value={(value as string | undefined) ?? ''}
          aria-invalid={invalid}
          aria-describedby={described}
          onChange={(e) => onInput(field.key, (e.currentTarget as HTMLSelectElement).value || undefined)}
        >
          <option value="">{t('choose')}</option>
          {(field.options ?? []).map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      );
      break;
    case 'cascade': {
      // One select per level: each choice opens the next level, until a final option.
      const path = (value as string[] | undefined) ?? [];
      const levels = [null, ...path].map((parent) => childrenOf(field, parent)).filter((options) => options.length > 0);
      input = (
        <div class="ticket-cascade" id={id} aria-invalid={invalid} aria-describedby={described}>
          {levels.map((options, level) => (
            <select
              key={options[0]?.value ?? level}
              aria-label={field.label}
              value={path[level] ?? ''}
              onChange={(e) => {
                const chosen = (e.currentTarget as HTMLSelectElement).value;
                onInput(field.key, chosen ? [...path.slice(0, level), chosen] : path.slice(0, level));
              }}
            >
              <option value="">{t('choose')}</option>
              {options.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          ))}
        </div>
      );
      break;
    }
    default: {
      const type =
        field.kind === 'number'
          ? 'number'
          : field.kind === 'date'
            ? 'date'
            : field.kind === 'datetime'
              ? 'datetime-local'
              : field.kind === 'phone'
                ? 'tel'
                : 'text';
      const common = {
        id,
        value: (value as string | undefined) ?? '',
        'aria-invalid': invalid,
        'aria-describedby': described,
        onInput: (e: Event) => onInput(field.key, (e.currentTarget as HTMLInputElement).value),
      };
      input =
        field.kind === 'text' && field.multiline ? (
          <textarea {...common} rows={3} maxLength={field.maxLength ?? 5000} />
        ) : (
          <input
            {...common}
            type={type}
            min={field.min}
            max={field.max}
            step={field.decimals !== undefined ? 10 ** -field.decimals : undefined}
            maxLength={field.kind === 'text' ? (field.maxLength ?? 500) : undefined}
          />
        );
    }
  }
  return (
    <div class="field">
      {label}
      {input}
      {field.helpText && <div class="hint">{field.helpText}</div>}
      <FieldError t={t} id={field.key} error={error} />
    </div>
  );
}
