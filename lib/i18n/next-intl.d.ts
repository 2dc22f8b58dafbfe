import type { Messages } from './catalogs';
import type { FORMATS } from './formats';
import type { Locale } from './negotiate-locale.mjs';

// Typed keys: a misspelt message key or format name is a compile error (next-intl's AppConfig).
declare module 'next-intl' {
  interface AppConfig {
    Locale: Locale;
    Messages: Messages;
    Formats: typeof FORMATS;
  }
}
