import { useState, type ReactNode } from 'react';
import { useValueTypedEarly } from '@/components/use-value-typed-early';

/** The form-wide message of an account form (what failed). */
function AccountFormError({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <div role="alert" className="notice notice-error">
      {message}
    </div>
  );
}

/**
 * A typed-in field of an account form: its label, the controlled input, and under it the field's
 * error, or, for a field with a `hint`, the hint the error replaces (the input is described by the
 * hint's id). The values live in the form's state: the server never sends passwords back.
 */
export function AccountField({
  id,
  name,
  label,
  type,
  autoComplete,
  value,
  onChange,
  error,
  hint,
}: {
  id: string;
  name: string;
  label: ReactNode;
  type?: 'password';
  autoComplete: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  hint?: { id: string; text: ReactNode };
}) {
  const input = useValueTypedEarly(value, onChange);
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input
        ref={input}
        id={id}
        name={name}
        type={type}
        autoComplete={autoComplete}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={hint?.id}
      />
      {hint ? (
        <p id={hint.id} className="field-hint">
          {error ?? hint.text}
        </p>
      ) : (
        error && <p className="field-error">{error}</p>
      )}
    </>
  );
}

/**
 * A new password and its confirmation, as account creation and the password change ask for them.
 * The form keeps the password (it signs in with it afterwards); the confirmation stays here.
 */
export function NewPasswordFields({
  id,
  hintId,
  labels,
  password,
  onPassword,
  errors,
}: {
  /** The new password's input id (the confirmation's is wpRetype in both forms, as MediaWiki's). */
  id: string;
  hintId: string;
  labels: { password: ReactNode; hint: ReactNode; confirm: ReactNode };
  password: string;
  onPassword: (value: string) => void;
  errors: { password?: string; passwordConfirm?: string };
}) {
  const [confirm, setConfirm] = useState('');
  const newPassword = { type: 'password', autoComplete: 'new-password' } as const;
  return (
    <>
      <AccountField
        {...newPassword}
        id={id}
        name="password"
        label={labels.password}
        value={password}
        onChange={onPassword}
        error={errors.password}
        hint={{ id: hintId, text: labels.hint }}
      />
      <AccountField {...newPassword} id="wpRetype" name="passwordConfirm" label={labels.confirm} value={confirm} onChange={setConfirm} error={errors.passwordConfirm} />
    </>
  );
}

/**
 * The frame of an account form: the form-wide error, the fields (`children`), and the submit
 * button, disabled while the action runs.
 */
export function AccountForm({
  action,
  error,
  pending,
  submitLabel,
  children,
}: {
  action: (formData: FormData) => void;
  error?: string;
  pending: boolean;
  submitLabel: ReactNode;
  children: ReactNode;
}) {
  return (
    <form action={action} className="account-form" noValidate>
      <AccountFormError message={error} />
      {children}
      <button type="submit" className="button-primary" disabled={pending}>
        {submitLabel}
      </button>
    </form>
  );
}
