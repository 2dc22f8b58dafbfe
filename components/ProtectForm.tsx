'use client';

import { useActionState } from 'react';
import { useFormatter, useTranslations } from 'next-intl';
import { ReasonField, useExpiryChoiceLabel } from '@/components/AdminFormParts';
import { EXPIRY_CHOICES } from '@/lib/domain/admin-input';
import { LEVEL_CHOICES, OTHER_EXPIRY, type ProtectFormState, type ProtectFormValues } from '@/lib/domain/protection';

/** Dates the text labels "(UTC)" (expiries, as typed in UTC in the forms) stay in UTC whatever the reader's time zone. */
const UTC = { timeZone: 'UTC' } as const;

export interface ProtectFormProps {
  initial: ProtectFormValues;
  /** The current expiry per action (ISO), offered as "existing expiry" in the select. */
  existingExpiry: { edit: string | null; move: string | null; upload?: string | null };
  action: (state: ProtectFormState, formData: FormData) => Promise<ProtectFormState>;
}

/**
 * MediaWiki's action=protect form: a level and an expiry for editing and for moving (and, on File:
 * pages, for uploading new versions), and a reason.
 */
export function ProtectForm({ initial, existingExpiry, action }: ProtectFormProps) {
  const t = useTranslations('admin');
  const [state, formAction, pending] = useActionState(action, { values: initial });
  const { values } = state;
  const errors = state.fieldErrors ?? {};
  // key: a returned state remounts the inputs so they show the values handed back.
  return (
    <form action={formAction} className="protect-form" key={JSON.stringify(values)} noValidate>
      <input type="hidden" name="title" value={values.title} />
      <input type="hidden" name="baseToken" value={values.baseToken} />
      {state.formError && (
        <div className="notice notice-error" role="alert">
          <p>{state.formError}</p>
          {state.currentSettings && (
            <ul aria-label={t('protect.currentSettingsLabel')}>
              {state.currentSettings.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {errors.title && <p className="field-error">{errors.title}</p>}
      <ActionFieldset action="edit" values={values} errors={errors} existing={existingExpiry.edit} />
      <ActionFieldset action="move" values={values} errors={errors} existing={existingExpiry.move} />
      {values.uploadLevel !== '' && <ActionFieldset action="upload" values={values} errors={errors} existing={existingExpiry.upload ?? null} />}
      <ReasonField id="protect-reason" value={values.reason} error={errors.reason} />
      <p>
        <button type="submit" disabled={pending}>
          {t('protect.confirm')}
        </button>
      </p>
    </form>
  );
}

function ActionFieldset({
  action,
  values,
  errors,
  existing,
}: {
  action: 'edit' | 'move' | 'upload';
  values: ProtectFormValues;
  errors: Record<string, string>;
  existing: string | null;
}) {
  const level = values[`${action}Level`];
  const expiry = values[`${action}Expiry`];
  const other = values[`${action}ExpiryOther`];
  const error = errors[`${action}Expiry`] ?? errors[`${action}ExpiryOther`];
  const levelError = errors[`${action}Level`];
  const errorId = `protect-${action}-expiry-error`;
  const t = useTranslations('admin.protect');
  const format = useFormatter();
  const choiceLabel = useExpiryChoiceLabel();
  const at = (date: Date) => ({ time: format.dateTime(date, 'time', UTC), date: format.dateTime(date, 'date', UTC) });
  return (
    <fieldset className="protect-action">
      <legend>{t(`${action}.legend`)}</legend>
      <p>
        <label htmlFor={`protect-${action}-level`}>{t(`${action}.level`)}</label>
        <select id={`protect-${action}-level`} name={`${action}Level`} defaultValue={level} aria-invalid={levelError ? true : undefined}>
          {LEVEL_CHOICES.map((choice) => (
            <option key={choice} value={choice}>
              {t(`levels.${choice}`)}
            </option>
          ))}
        </select>
        {levelError && <span className="field-error">{levelError}</span>}
      </p>
      <p>
        <label htmlFor={`protect-${action}-expiry`}>{t(`${action}.expiry`)}</label>
        <select
          id={`protect-${action}-expiry`}
          name={`${action}Expiry`}
          defaultValue={expiry}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
        >
          {existing && <option value={existing}>{t('existingExpiry', at(new Date(existing)))}</option>}
          {EXPIRY_CHOICES.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choiceLabel(choice)}
            </option>
          ))}
          <option value={OTHER_EXPIRY}>{t('otherTime')}</option>
        </select>{' '}
        <label htmlFor={`protect-${action}-expiry-other`}>{t(`${action}.otherExpiry`)}</label>
        <input
          id={`protect-${action}-expiry-other`}
          name={`${action}ExpiryOther`}
          type="text"
          placeholder={t('otherPlaceholder')}
          maxLength={100}
          defaultValue={other}
          aria-describedby={error ? errorId : undefined}
        />
        {error && (
          <span id={errorId} className="field-error">
            {error}
          </span>
        )}
      </p>
    </fieldset>
  );
}
