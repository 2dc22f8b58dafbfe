import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { getViewerDisplay } from '@/lib/server/session';
import { effectiveTimeZone } from '@/lib/domain/display-preferences';
import { CATALOGS } from './catalogs';
import { formatsFor } from './formats';
import { LOCALE_COOKIE, negotiateLocale } from './negotiate-locale.mjs';

/**
 * next-intl's per-request configuration (wired in next.config.ts). URLs carry no language, as on a
 * MediaWiki where the interface language is a preference: a signed-in reader's saved language, else
 * the switcher's cookie, else the browser's Accept-Language. The time zone and date format are the
 * signed-in reader's too (UTC and the language's own for everyone else): every date formatted through
 * next-intl follows, in server and client components alike (the client providers inherit them).
 * Anonymous readers get nothing per-user, so the page cache may keep their pages.
 */
export default getRequestConfig(async () => {
  const [cookieStore, headerList, display] = await Promise.all([cookies(), headers(), getViewerDisplay()]);
  const cookie = display.interfaceLanguage || cookieStore.get(LOCALE_COOKIE)?.value;
  const locale = negotiateLocale({ cookie, acceptLanguage: headerList.get('accept-language') });
  return { locale, messages: CATALOGS[locale], formats: formatsFor(display.dateFormat), timeZone: effectiveTimeZone(display.timeZone) };
});
