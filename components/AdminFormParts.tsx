import { EXPIRY_CHOICES, MAX_REASON_CHARS } from '@/lib/domain/admin-input';

/** The form-wide message of an admin form (what failed, or what to correct). */
export function FormError({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <p className="notice notice-error" role="alert">
      {message}
    </p>
  );
}

/** A field's error, linked to its input by id (aria-describedby). */
export function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={id} className="field-error">
      {message}
    </p>
  );
}

/** The reason every admin action asks for (shown in the log). */
export function ReasonField({ id, value, error }: { id: string; value: string; error?: string }) {
  return (
    <p>
      <label htmlFor={id}>Reason</label>
      <input
        id={id}
        name="reason"
        type="text"
        maxLength={MAX_REASON_CHARS}
        defaultValue={value}
        required
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      <FieldError id={`${id}-error`} message={error} />
    </p>
  );
}

/** Expiry: a suggestion list, but anything parseExpiry reads may be typed ("10 days", "2027-01-31"). */
export function ExpiryField({ id, value, error }: { id: string; value: string; error?: string }) {
  return (
    <p>
      <label htmlFor={id}>Expiry</label>
      <input
        id={id}
        name="expiry"
        type="text"
        list={`${id}-choices`}
        defaultValue={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint`}
      />
      <datalist id={`${id}-choices`}>
        {EXPIRY_CHOICES.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </datalist>
      <span id={`${id}-hint`} className="field-hint">
        {error ?? 'A duration ("1 week", "3 months"), a date and time in UTC (2027-01-31 18:00), or "infinite".'}
      </span>
    </p>
  );
}
