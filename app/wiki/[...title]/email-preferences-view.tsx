import { getTranslations } from 'next-intl/server';
import { EmailPreferencesForm } from '@/components/notifications/EmailPreferencesForm';
import { requestEmailConfirmationAction, saveEmailSettingsAction } from '@/app/actions/email';
import { loadEmailPreferences } from '@/lib/server/notifications/email-address';

/** Special:Preferences' "E-mail" section, for a signed-in reader; nothing at all when the wiki sends no mail (SMTP_URL unset). */
export async function EmailPreferencesView() {
  const [screen, t] = await Promise.all([loadEmailPreferences(), getTranslations('watchlist.email')]);
  if (screen === null) return null;
  return (
    <>
      <h2>{t('heading')}</h2>
      <EmailPreferencesForm
        status={{ email: screen.status.email, verifiedAt: screen.status.verifiedAt?.toISOString() ?? null }}
        preferences={screen.preferences}
        addressAction={requestEmailConfirmationAction}
        settingsAction={saveEmailSettingsAction}
      />
    </>
  );
}
