import { useTranslations } from 'next-intl';
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

/** The reason every admin action asks for (shown in the log). */
export function ReasonField({ id, value, error }: { id: string; value: string; error?: string }) {
  const t = useTranslations('admin.form');
  return (
    <p>
      <label htmlFor={id}>{t('reason')}</label>
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
    <p>
      <label htmlFor={id}>{t('expiry')}</label>
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
            {choiceLabel(choice)}
          </option>
        ))}
      </datalist>
      <span id={`${id}-hint`} className="field-hint">
        {error ?? t('expiryHint')}
      </span>
    </p>
  );
}
