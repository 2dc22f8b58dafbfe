import { useActionState, type ReactNode } from 'react';
import { useTranslations } from 'next-intl';
import { EXPIRY_CHOICES, MAX_REASON_CHARS } from '@/lib/domain/admin-input';
import type { FormAction, FormState } from '@/lib/domain/form-state';

/** The form-wide message of an admin form (what failed, or what to correct). */
export function FormError({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <p className="notice notice-error" role="alert">
      {message}
    </p>
  );
}

/**
 * A field's error, linked to its input by id (aria-describedby). A span (shown as a block by the
 * admin-form styles): it sits inside the field's <p>, where another <p> is invalid HTML.
 */
export function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <span id={id} className="field-error">
      {message}
    </span>
  );
}

/** What ties an input to the message under it: invalid when there is an error; described by the hint or the error. */
export interface FieldAria {
  'aria-invalid'?: true;
  'aria-describedby'?: string;
}

/**
 * One field of an admin form: its label, the input (`children` gets the attributes that tie it to
 * the message), and under it the field's error, or, for a field with a `hint`, the hint the error
 * replaces. The error's id is `<id>-error`, the hint's `<id>-hint`.
 */
export function LabelledField({
  id,
  label,
  error,
  hint,
  children,
}: {
  id: string;
  label: ReactNode;
  error?: string;
  hint?: ReactNode;
  children: (aria: FieldAria) => ReactNode;
}) {
  const describedBy = hint !== undefined ? `${id}-hint` : error ? `${id}-error` : undefined;
  return (
    <p>
      <label htmlFor={id}>{label}</label>
      {children({ 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy })}
      {hint !== undefined ? (
        <span id={`${id}-hint`} className="field-hint">
          {error ?? hint}
        </span>
      ) : (
        <FieldError id={`${id}-error`} message={error} />
      )}
    </p>
  );
}

/**
 * A checkbox with its label around it, an optional hint after the label and its error under it
 * (`<name>-error`). Ticked, the form submits "on".
 */
export function CheckboxField({
  name,
  label,
  checked,
  disabled,
  hint,
  error,
}: {
  name: string;
  label: ReactNode;
  checked: boolean;
  disabled?: boolean;
  hint?: ReactNode;
  error?: string;
}) {
  return (
    <p>
      <label>
        <input type="checkbox" name={name} defaultChecked={checked} disabled={disabled} aria-describedby={error ? `${name}-error` : undefined} /> {label}
      </label>
      {hint !== undefined && <span className="field-hint"> ({hint})</span>}
      <FieldError id={`${name}-error`} message={error} />
    </p>
  );
}

/** The reason every admin action asks for (shown in the log). */
export function ReasonField({ id, value, error }: { id: string; value: string; error?: string }) {
  const t = useTranslations('admin.form');
  return (
    <LabelledField id={id} label={t('reason')} error={error}>
      {(aria) => <input id={id} name="reason" type="text" maxLength={MAX_REASON_CHARS} defaultValue={value} required {...aria} />}
    </LabelledField>
  );
}

const DURATION = /^(\d+) (hour|day|week|month|year)s?$/u;

/**
 * The words for an expiry choice of lib/domain/admin-input ("1 week" → "1 settimana"). The value
 * submitted stays the English one that parseExpiry reads; only what the reader sees is translated.
 */
export function useExpiryChoiceLabel(): (choice: { value: string; label: string }) => string {
  const t = useTranslations('admin.form');
  return (choice) => {
    if (choice.value === 'infinite') return t('indefinite');
    const match = DURATION.exec(choice.value);
    if (!match) return choice.label;
    const unit = match[2] as 'hour' | 'day' | 'week' | 'month' | 'year';
    return t(`duration.${unit}`, { count: Number(match[1]) });
  };
}

/** Expiry: a suggestion list, but anything parseExpiry reads may be typed ("10 days", "2027-01-31"). */
export function ExpiryField({ id, value, error }: { id: string; value: string; error?: string }) {
  const t = useTranslations('admin.form');
  const choiceLabel = useExpiryChoiceLabel();
  return (
    <LabelledField id={id} label={t('expiry')} error={error} hint={t('expiryHint')}>
      {(aria) => (
        <>
          <input id={id} name="expiry" type="text" list={`${id}-choices`} defaultValue={value} {...aria} />
          <datalist id={`${id}-choices`}>
            {EXPIRY_CHOICES.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choiceLabel(choice)}
              </option>
            ))}
          </datalist>
        </>
      )}
    </LabelledField>
  );
}

/** The user an admin form acts on, typed in (Special:Block, Special:Unblock). */
export function TargetUserField({ id, label, value, error }: { id: string; label: ReactNode; value: string; error?: string }) {
  return (
    <LabelledField id={id} label={label} error={error}>
      {(aria) => <input id={id} name="target" type="text" defaultValue={value} required {...aria} />}
    </LabelledField>
  );
}

/** What an admin form's frame needs from its action state (useAdminForm gives it). */
export interface AdminFormHandle {
  action: (formData: FormData) => void;
  state: FormState<unknown>;
  pending: boolean;
}

/**
 * An admin form's action state, started from `initial`: the values to show, the field errors, and
 * the `form` handle for AdminForm.
 */
export function useAdminForm<Values>(action: FormAction<FormState<Values>>, initial: Values): { values: Values; errors: Record<string, string>; form: AdminFormHandle } {
  const [state, formAction, pending] = useActionState(action, { values: initial });
  return { values: state.values, errors: state.fieldErrors ?? {}, form: { action: formAction, state, pending } };
}

/**
 * The frame of an admin form: the hidden inputs that carry what the form was shown for (in order),
 * the form-wide error, the fields (`children`), and the submit button in its own paragraph.
 */
export function AdminForm({
  form,
  className,
  noValidate,
  hidden,
  submit,
  children,
}: {
  form: AdminFormHandle;
  className: string;
  noValidate?: boolean;
  hidden?: Readonly<Record<string, string>>;
  submit: { label: ReactNode; className?: string };
  children: ReactNode;
}) {
  // key: a returned state remounts the inputs so they show the values handed back.
  return (
    <form action={form.action} className={className} key={JSON.stringify(form.state.values)} noValidate={noValidate}>
      {hidden && Object.entries(hidden).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />)}
      <FormError message={form.state.formError} />
      {children}
      <p>
        <button type="submit" className={submit.className} disabled={form.pending}>
          {submit.label}
        </button>
      </p>
    </form>
  );
}
