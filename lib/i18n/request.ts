import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { CATALOGS } from './catalogs';
import { FORMATS, TIME_ZONE } from './formats';
import { LOCALE_COOKIE, negotiateLocale } from './negotiate-locale.mjs';

/**
 * next-intl's per-request configuration (wired in next.config.ts). URLs carry no language, as on a
 * MediaWiki where the interface language is a preference: the switcher's cookie, else the
 * browser's Accept-Language.
 */
export default getRequestConfig(async () => {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  const locale = negotiateLocale({ cookie: cookieStore.get(LOCALE_COOKIE)?.value, acceptLanguage: headerList.get('accept-language') });
  return { locale, messages: CATALOGS[locale], formats: FORMATS, timeZone: TIME_ZONE };
});
