// Which language a request is answered in. Plain JavaScript because the production server's page
// cache (runtime/page-cache.mjs, run without a TypeScript loader) keys pages by it, and it must
// decide exactly as the pages themselves do (lib/i18n/request.ts).
import Negotiator from 'negotiator';
import { match } from '@formatjs/intl-localematcher';

/** The interface languages, default first. Article content is never translated. */
export const LOCALES = /** @type {const} */ (['en', 'it']);
export const DEFAULT_LOCALE = 'en';
/** Set by the language switcher; it wins over Accept-Language so that the choice is remembered. */
export const LOCALE_COOKIE = 'wiki_language';
/** A year, as MediaWiki's preferences cookie for anonymous users' language. */
export const LOCALE_COOKIE_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

/** @param {unknown} value @returns {value is 'en' | 'it'} */
export function isLocale(value) {
  return typeof value === 'string' && /** @type {readonly string[]} */ (LOCALES).includes(value);
}

const COOKIE = new RegExp(`(?:^|;)\\s*${LOCALE_COOKIE}=([^;]*)`);

/** The language cookie's value in a Cookie header, if any. @param {string | undefined} cookieHeader */
export function localeCookieOf(cookieHeader) {
  return cookieHeader ? COOKIE.exec(cookieHeader)?.[1]?.trim() : undefined;
}

// Browsers send a handful of distinct Accept-Language values; the page cache negotiates on every
// hit, so the answers are remembered (bounded: a client can send anything).
const negotiated = new Map();
const MAX_REMEMBERED = 256;

/** @param {string} acceptLanguage @returns {'en' | 'it'} */
function bestMatchOf(acceptLanguage) {
  const requested = new Negotiator({ headers: { 'accept-language': acceptLanguage } }).languages().filter((tag) => {
    if (tag === '*') return false;
    try {
      return Intl.getCanonicalLocales(tag).length === 1;
    } catch {
      return false; // one malformed tag must not spoil the others
    }
  });
  if (requested.length === 0) return DEFAULT_LOCALE;
  const best = match(requested, [...LOCALES], DEFAULT_LOCALE, { algorithm: 'best fit' });
  return isLocale(best) ? best : DEFAULT_LOCALE;
}

/**
 * The cookie's language if it names one, else the best match of Accept-Language, else English.
 * @param {{ cookie?: string | null, acceptLanguage?: string | null }} request
 * @returns {'en' | 'it'}
 */
export function negotiateLocale({ cookie, acceptLanguage }) {
  if (isLocale(cookie)) return cookie;
  if (!acceptLanguage) return DEFAULT_LOCALE;
  const key = acceptLanguage.slice(0, 512);
  let locale = negotiated.get(key);
  if (locale === undefined) {
    locale = bestMatchOf(key);
    if (negotiated.size >= MAX_REMEMBERED) negotiated.clear();
    negotiated.set(key, locale);
  }
  return locale;
}
