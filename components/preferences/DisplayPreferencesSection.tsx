import { getFormatter, getTranslations } from 'next-intl/server';
import type { FormAction } from '@/lib/domain/form-state';
import type { Preferences } from '@/lib/domain/preferences';
import { DATE_FORMAT_EXAMPLE, timeZoneGroups, WIKI_TIME_ZONE, type DateFormatChoice } from '@/lib/domain/display-preferences';
import { formatsFor } from '@/lib/i18n/formats';
import { DisplayPreferencesForm } from '@/components/preferences/DisplayPreferencesForm';
import type { DisplayPreferencesFormState } from '@/components/preferences/display-form-state';

/**
 * Special:Preferences' "Appearance and language" section with its form. The zone menu and the
 * date examples are made here, on the server, so the form shows the server's zones and hydrates
 * with the same text.
 */
export async function DisplayPreferencesSection({ initial, action }: { initial: Preferences; action: FormAction<DisplayPreferencesFormState> }) {
  const [t, format] = await Promise.all([getTranslations('watchlist.display'), getFormatter()]);
  const example = (choice: DateFormatChoice) => format.dateTime(DATE_FORMAT_EXAMPLE, { ...formatsFor(choice).dateTime!.timestamp, timeZone: WIKI_TIME_ZONE });
  return (
    <>
      <h2>{t('heading')}</h2>
      <DisplayPreferencesForm initial={initial} zones={timeZoneGroups()} examples={{ default: example('default'), iso: example('iso') }} action={action} />
    </>
  );
}
