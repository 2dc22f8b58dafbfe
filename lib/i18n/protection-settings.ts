import { getFormatter, getTranslations } from 'next-intl/server';
import { FILE_PROTECTED_ACTIONS, PROTECTED_ACTIONS, type PageProtection } from '@/lib/domain/protection';

/** The text labels these times "(UTC)", as the expiry is typed: they stay in UTC whatever the reader's time zone. */
const UTC = { timeZone: 'UTC' } as const;

/**
 * A page's protection as the protect form's "current settings" list words it, in the reader's
 * language: "Edit: administrators only, until 18:30 (UTC) on …", one line per action. Shared by
 * the protect page and its Server Action (a 'use server' file may export only actions).
 */
export async function protectionSettingLines(protection: PageProtection): Promise<string[]> {
  const [t, format] = await Promise.all([getTranslations('admin.protect'), getFormatter()]);
  // Upload protection (File: pages) is listed when there is some.
  return (protection.upload ? FILE_PROTECTED_ACTIONS : PROTECTED_ACTIONS).map((action) => {
    const restriction = protection[action];
    const name = t(`${action}.legend`);
    if (!restriction) return t('settingNone', { action: name });
    const { expiresAt } = restriction;
    const expiry = expiresAt === null ? t('indefinitely') : t('until', { time: format.dateTime(expiresAt, 'time', UTC), date: format.dateTime(expiresAt, 'date', UTC) });
    return t('settingLine', { action: name, who: t(`who.${restriction.level}`), expiry });
  });
}
