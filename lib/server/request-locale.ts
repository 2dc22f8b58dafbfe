import 'server-only';
import { localeCookieOf, negotiateLocale, type Locale } from '@/lib/i18n/negotiate-locale.mjs';

/**
 * The reader's language from raw request headers, as lib/i18n/request.ts decides it, for route
 * handlers that run outside next-intl (next-auth's, the REST API's errors).
 */
export function localeOfHeaders(headers: Record<string, string | string[] | undefined> | Headers): Locale {
  const get = (name: string): string | undefined => {
    const value = headers instanceof Headers ? (headers.get(name) ?? undefined) : headers[name];
    return Array.isArray(value) ? value.join(', ') : value;
  };
  return negotiateLocale({ cookie: localeCookieOf(get('cookie')), acceptLanguage: get('accept-language') });
}
