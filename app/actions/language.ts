'use server';

import { cookies } from 'next/headers';
import { isLocale, LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE_SECONDS } from '@/lib/i18n/negotiate-locale.mjs';
import { saveInterfaceLanguage } from '@/lib/server/display-preferences';
import { getActor } from '@/lib/server/session';

/**
 * The language switcher: remembers the reader's choice for a year, and for a signed-in reader also
 * saves it as their language preference (which wins over the cookie for them). Setting a cookie in
 * a Server Action makes Next render the current page again, now in that language; without
 * JavaScript the form's POST answers with the same page. An unknown language changes nothing.
 */
export async function chooseLanguage(formData: FormData): Promise<void> {
  const language = formData.get('language');
  if (!isLocale(language)) return;
  await saveInterfaceLanguage(await getActor(), language);
  (await cookies()).set(LOCALE_COOKIE, language, { path: '/', maxAge: LOCALE_COOKIE_MAX_AGE_SECONDS, sameSite: 'lax', httpOnly: true });
}
