'use client';

import { useTranslations } from 'next-intl';
import type { FormAction } from '@/lib/domain/form-state';
import { WATCHLIST_DAY_CHOICES, type Preferences } from '@/lib/domain/preferences';
import { AdminForm, CheckboxField, LabelledField, useAdminForm } from '@/components/AdminFormParts';
import { preferencesFormValues, type PreferencesFormState } from '@/components/watchlist/preferences-form-state';

const AUTO_WATCH = ['watchCreations', 'watchEdits', 'watchMoves', 'watchUploads'] as const;
const LIST_DEFAULTS = ['watchlistHideMinor', 'watchlistHideOwn', 'watchlistAllChanges'] as const;

/**
 * Special:Preferences' watchlist section (MediaWiki's "Watchlist" tab): what to watch on its own,
 * and Special:Watchlist's defaults. A plain POST form, so it works without JavaScript; the values
 * handed back after a refusal are shown as they were submitted.
 */
export function PreferencesForm({ initial, action }: { initial: Preferences; action: FormAction<PreferencesFormState> }) {
  const t = useTranslations('watchlist.preferences');
  const { values, errors, form } = useAdminForm(action, preferencesFormValues(initial));
  const { saved } = form.state as PreferencesFormState;
  // A value that is not one of the choices (only a crafted request sends one) stays visible as sent.
  const dayChoices: string[] = WATCHLIST_DAY_CHOICES.map(String);
  if (values.watchlistDays !== '' && !dayChoices.includes(values.watchlistDays)) dayChoices.push(values.watchlistDays);
  return (
    <AdminForm form={form} className="admin-form preferences-form" submit={{ label: t('save'), className: 'button-primary' }}>
      {saved && (
        <p role="status" className="notice">
          {t('saved')}
        </p>
      )}
      <fieldset>
        <legend>{t('autoWatch')}</legend>
        {AUTO_WATCH.map((name) => (
          <CheckboxField key={name} name={name} label={t(name)} checked={values[name] !== ''} error={errors[name]} />
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('defaults')}</legend>
        <LabelledField id="watchlistDays" label={t('watchlistDays')} error={errors.watchlistDays}>
          {(aria) => (
            <select id="watchlistDays" name="watchlistDays" defaultValue={values.watchlistDays} {...aria}>
              {dayChoices.map((choice) => (
                <option key={choice} value={choice}>
                  {/^\d+$/u.test(choice) ? t('dayChoice', { count: Number(choice) }) : choice}
                </option>
              ))}
            </select>
          )}
        </LabelledField>
        {LIST_DEFAULTS.map((name) => (
          <CheckboxField key={name} name={name} label={t(name)} checked={values[name] !== ''} error={errors[name]} />
        ))}
      </fieldset>
    </AdminForm>
  );
}
