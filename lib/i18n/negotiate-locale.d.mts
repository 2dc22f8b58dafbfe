export type Locale = 'en' | 'it';
export const LOCALES: readonly ['en', 'it'];
export const DEFAULT_LOCALE: 'en';
export const LOCALE_COOKIE: 'wiki_language';
export const LOCALE_COOKIE_MAX_AGE_SECONDS: number;
export function isLocale(value: unknown): value is Locale;
export function localeCookieOf(cookieHeader: string | undefined): string | undefined;
export function negotiateLocale(request: { cookie?: string | null; acceptLanguage?: string | null }): Locale;
