'use client';

import { useRef, useSyncExternalStore } from 'react';
import { useTranslations } from 'next-intl';
import type { FormAction } from '@/lib/domain/form-state';
import type { Preferences } from '@/lib/domain/preferences';
import { INTERFACE_LANGUAGES, WIKI_TIME_ZONE, zoneLabel, type TimeZoneGroup } from '@/lib/domain/display-preferences';
import { AdminForm, LabelledField, useAdminForm } from '@/components/AdminFormParts';
import { displayPreferencesFormValues, type DisplayPreferencesFormState } from '@/components/preferences/display-form-state';

/** Each language named in itself, as the footer's switcher does (which is not imported: it would bring the server's language negotiation into this bundle). */
const ENDONYMS = { en: 'English', it: 'Italiano' } as const;

const THEMES = { auto: 'themeAuto', light: 'themeLight', dark: 'themeDark' } as const;

/** True once hydrated: the "Fill in from browser" button needs JavaScript, so the server's HTML leaves it out. */
const noSubscription = () => () => {};
function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}

/**
 * Special:Preferences' "Appearance and language" and "Date and time" sections (MediaWiki's
 * Internationalisation, Color, Date format and Time offset): one plain POST form of menus, so it
 * works without JavaScript. `zones` and the date `examples` are made on the server, so the menu
 * is the server's list of zones and the page hydrates with the same text.
 */
export function DisplayPreferencesForm({
  initial,
  zones,
  examples,
  action,
}: {
  initial: Preferences;
  zones: TimeZoneGroup[];
  examples: { default: string; iso: string };
  action: FormAction<DisplayPreferencesFormState>;
}) {
  const t = useTranslations('watchlist.display');
  const saved = useTranslations('watchlist.preferences');
  const { values, errors, form } = useAdminForm(action, displayPreferencesFormValues(initial));
  const zoneSelect = useRef<HTMLSelectElement>(null);
  const hydrated = useHydrated();
  // A zone that is not in the menu (only a crafted request sends one) stays visible as sent.
  const known = values.timeZone === '' || zones.some((group) => group.zones.includes(values.timeZone));
  // Regions are Intl's list; one the catalog does not name (a newer ICU's) shows as Intl names it.
  const regionLabel = (region: string) => {
    const key = `regions.${region}` as 'regions.Other';
    return t.has(key) ? t(key) : region;
  };
  const fillFromBrowser = () => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const select = zoneSelect.current;
    if (select && [...select.options].some((option) => option.value === zone)) select.value = zone;
  };
  return (
    <AdminForm form={form} className="admin-form preferences-form" submit={{ label: saved('save'), className: 'button-primary' }}>
      {(form.state as DisplayPreferencesFormState).saved && (
        <p role="status" className="notice">
          {saved('saved')}
        </p>
      )}
      <fieldset>
        <legend>{t('i18n')}</legend>
        <LabelledField id="interfaceLanguage" label={t('language')} error={errors.interfaceLanguage} hint={t('languageHelp')}>
          {(aria) => (
            <select id="interfaceLanguage" name="interfaceLanguage" defaultValue={values.interfaceLanguage} {...aria}>
              <option value="">{t('languageBrowser')}</option>
              {INTERFACE_LANGUAGES.map((language) => (
                <option key={language} value={language} lang={language}>
                  {ENDONYMS[language]}
                </option>
              ))}
            </select>
          )}
        </LabelledField>
        <LabelledField id="theme" label={t('theme')} error={errors.theme}>
          {(aria) => (
            <select id="theme" name="theme" defaultValue={values.theme} {...aria}>
              {Object.entries(THEMES).map(([value, label]) => (
                <option key={value} value={value}>
                  {t(label)}
                </option>
              ))}
            </select>
          )}
        </LabelledField>
      </fieldset>
      <fieldset>
        <legend>{t('datetime')}</legend>
        <LabelledField id="dateFormat" label={t('dateFormat')} error={errors.dateFormat}>
          {(aria) => (
            <select id="dateFormat" name="dateFormat" defaultValue={values.dateFormat} {...aria}>
              <option value="default">{t('dateDefault', { example: examples.default })}</option>
              <option value="iso">{t('dateIso', { example: examples.iso })}</option>
            </select>
          )}
        </LabelledField>
        <LabelledField id="timeZone" label={t('timeZone')} error={errors.timeZone} hint={t('timeZoneHelp')}>
          {(aria) => (
            <select id="timeZone" name="timeZone" defaultValue={values.timeZone} ref={zoneSelect} {...aria}>
              <option value="">{t('timeZoneDefault', { zone: WIKI_TIME_ZONE })}</option>
              {!known && <option value={values.timeZone}>{values.timeZone}</option>}
              {zones.map((group) => (
                <optgroup key={group.region} label={regionLabel(group.region)}>
                  {group.zones.map((zone) => (
                    <option key={zone} value={zone}>
                      {zoneLabel(zone)}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          )}
        </LabelledField>
        {hydrated && (
          <p>
            <button type="button" onClick={fillFromBrowser}>
              {t('guessTimeZone')}
            </button>
          </p>
        )}
      </fieldset>
    </AdminForm>
  );
}
