'use server';

import { cookies } from 'next/headers';
import { isLocale, LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE_SECONDS } from '@/lib/i18n/negotiate-locale.mjs';

/**
 * The language switcher: remembers the reader's choice for a year. Setting a cookie in a Server
 * Action makes Next render the current page again, now in that language; without JavaScript the
 * form's POST answers with the same page. An unknown language changes nothing.
 */
export async function chooseLanguage(formData: FormData): Promise<void> {
  const language = formData.get('language');
  if (!isLocale(language)) return;
  (await cookies()).set(LOCALE_COOKIE, language, { path: '/', maxAge: LOCALE_COOKIE_MAX_AGE_SECONDS, sameSite: 'lax', httpOnly: true });
}
